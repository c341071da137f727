package org.inventory.http;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A one-voter cluster for endpoint tests: the node elects itself and serves the whole API. */
@Factory
@Requires(env = "test")
final class SingleNodeFactory {
    static final String ADMIN = "admin-token-0123456789";
    static final String CHECKOUT = "checkout-token-0123456789";
    static final String STOCK = "stock-token-0123456789";
    static final String PEER = "peer-token-0123456789";

    @Singleton
    NodeSettings settings() throws IOException {
        Path dir = Files.createTempDirectory("http-api-test-");
        Path tokens = dir.resolve("tokens.env");
        Files.writeString(tokens, "INVENTORY_ADMIN_TOKEN=" + ADMIN + "\nINVENTORY_CHECKOUT_TOKEN=" + CHECKOUT
                + "\nINVENTORY_STOCK_TOKEN=" + STOCK + "\nINVENTORY_PEER_TOKEN=" + PEER + "\n");
        int raftPort;
        try (ServerSocket s = new ServerSocket(0)) {
            raftPort = s.getLocalPort();
        }
        String raft = "127.0.0.1:" + raftPort;
        return new NodeSettings("n1", "127.0.0.1:0", raft, List.of(new Peer("n1", raft, "127.0.0.1:0")), false,
                dir.resolve("data"), Optional.of(Tokens.read(tokens)));
    }
}
