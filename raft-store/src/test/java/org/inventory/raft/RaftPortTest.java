package org.inventory.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Raft port listens on the replica's own Raft address, not on every interface. */
class RaftPortTest {
    private static void connect(String host, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2_000);
        }
    }

    @Test
    void anotherLocalAddressFindsNothingListeningOnTheRaftPort() throws Exception {
        try (LocalGroup group = new LocalGroup(1)) {
            LedgerReplica replica = group.awaitLeader();
            replica.propose(Commands.createSku("tee")).get(10, TimeUnit.SECONDS); // it serves as a replica
            int port = Integer.parseInt(replica.raftAddress().substring(replica.raftAddress().lastIndexOf(':') + 1));
            connect("127.0.0.1", port);
            // all of 127/8 reaches this host: were the port bound on every interface, 127.0.0.2 would connect
            assertThatThrownBy(() -> connect("127.0.0.2", port)).isInstanceOf(ConnectException.class);
            assertThat(replica.isLeader()).isTrue();
        }
    }
}
