package org.inventory.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Rotating the admin token (and with it the derived peer credential) and the stock token on three running node
 * processes, one SIGHUP at a time, as docs/security.md says: writes sent to every node, followers included (they
 * forward to the leader with the peer credential), keep working at every step; at the end the old tokens are refused.
 */
class TokenRotationIT {
    private static final String NEW_ADMIN = "admin-token-rotated-9876543210";
    private static final String NEW_STOCK = "stock-token-rotated-9876543210";

    private static String file(String admin, String admin2, String stock, String stock2) {
        return "INVENTORY_ADMIN_TOKEN=" + admin + "\n" + (admin2 == null ? "" : "INVENTORY_ADMIN_TOKEN_2=" + admin2 + "\n")
                + "INVENTORY_CHECKOUT_TOKEN=" + NodeProcesses.CHECKOUT + "\n"
                + "INVENTORY_STOCK_TOKEN=" + stock + "\n" + (stock2 == null ? "" : "INVENTORY_STOCK_TOKEN_2=" + stock2 + "\n");
    }

    private int receipts;

    /** A receipt through every node with {@code token}: the followers forward it. Returns the statuses. */
    private String receiptThroughEveryNode(NodeProcesses nodes, String token) throws Exception {
        StringBuilder statuses = new StringBuilder();
        for (int node = 0; node < 3; node++) {
            statuses.append(nodes.send(nodes.url(node, "/v1/skus/rotated/receipts"), "POST", token, "rotation-" + (receipts++),
                    "{\"quantity\":1}").statusCode()).append(' ');
        }
        return statuses.toString().trim();
    }

    private void everyNodeReloads(NodeProcesses nodes, String content) throws Exception {
        Files.writeString(nodes.tokensFile(), content);
        for (int node = 0; node < 3; node++) {
            nodes.hangup(node);
            Thread.sleep(300); // one node at a time, as an operator would; the signal is handled asynchronously
        }
    }

    @Test
    void tokensRotateWithoutARestartAndForwardingKeepsWorkingAtEveryStep() throws Exception {
        try (NodeProcesses nodes = new NodeProcesses(3)) {
            nodes.awaitLeader(Duration.ofSeconds(60));
            assertThat(nodes.send(nodes.url(0, "/v1/skus/rotated"), "PUT", NodeProcesses.STOCK, null, "{}").statusCode()).isEqualTo(200);
            assertThat(receiptThroughEveryNode(nodes, NodeProcesses.STOCK)).isEqualTo("201 201 201");

            // 1: the new tokens are accepted as the second ones
            everyNodeReloads(nodes, file(NodeProcesses.ADMIN, NEW_ADMIN, NodeProcesses.STOCK, NEW_STOCK));
            assertThat(receiptThroughEveryNode(nodes, NodeProcesses.STOCK)).isEqualTo("201 201 201");
            assertThat(receiptThroughEveryNode(nodes, NEW_STOCK)).isEqualTo("201 201 201");

            // 2: swapped: nodes now present the new peer credential, and accept the old one from nodes not yet reloaded
            everyNodeReloads(nodes, file(NEW_ADMIN, NodeProcesses.ADMIN, NEW_STOCK, NodeProcesses.STOCK));
            assertThat(receiptThroughEveryNode(nodes, NEW_STOCK)).isEqualTo("201 201 201");

            // 3: the old ones dropped
            everyNodeReloads(nodes, file(NEW_ADMIN, null, NEW_STOCK, null));
            assertThat(receiptThroughEveryNode(nodes, NEW_STOCK)).isEqualTo("201 201 201");
            assertThat(receiptThroughEveryNode(nodes, NodeProcesses.STOCK)).isEqualTo("401 401 401");
            assertThat(nodes.send(nodes.url(0, "/v1/cluster/snapshot"), "POST", NodeProcesses.ADMIN, null, "").statusCode()).isEqualTo(401);

            // a broken file is refused whole: the tokens in force stay
            everyNodeReloads(nodes, "INVENTORY_ADMIN_TOKEN=short\n");
            assertThat(receiptThroughEveryNode(nodes, NEW_STOCK)).isEqualTo("201 201 201");
        }
    }

    @Test
    void aFollowerWhoseTokensDifferFromTheLeadersIsToldSoAtOnceNotNoLeader() throws Exception {
        try (NodeProcesses nodes = new NodeProcesses(3)) {
            nodes.awaitLeader(Duration.ofSeconds(60));
            java.net.http.HttpResponse<String> created = nodes.send(nodes.url(0, "/v1/skus/drift"), "PUT", NodeProcesses.STOCK, null, "{}");
            assertThat(created.statusCode()).isEqualTo(200);
            int leader = Integer.parseInt(created.headers().firstValue("X-Inventory-Leader").orElseThrow().substring(1)) - 1;
            int follower = (leader + 1) % 3;
            // only the follower re-reads a file with another admin token: the peer token derived from it differs
            Files.writeString(nodes.tokensFile(), file(NEW_ADMIN, null, NodeProcesses.STOCK, null));
            nodes.hangup(follower);
            Thread.sleep(500);
            long started = System.nanoTime();
            java.net.http.HttpResponse<String> refused = nodes.send(nodes.url(follower, "/v1/skus/drift/receipts"), "POST",
                    NodeProcesses.STOCK, "drift-1", "{\"quantity\":1}");
            assertThat(refused.statusCode()).isEqualTo(502);
            assertThat(refused.body()).contains("\"code\":\"peer_refused\"", "same tokens file");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not after the forwarding patience").isLessThan(CommandGateway.PATIENCE);
            assertThat(nodes.send(nodes.url(follower, "/v1/skus/drift?consistency=linearizable"), "GET", NodeProcesses.STOCK, null, "")
                    .statusCode()).as("a linearizable read on that follower: its read index goes over Raft, which tokens do not guard")
                    .isEqualTo(200);
            assertThat(nodes.send(nodes.url(leader, "/v1/skus/drift/receipts"), "POST", NodeProcesses.STOCK, "drift-2",
                    "{\"quantity\":1}").statusCode()).as("the leader itself still serves").isEqualTo(201);
        }
    }
}
