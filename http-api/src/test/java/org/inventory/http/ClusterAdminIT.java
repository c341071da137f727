package org.inventory.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Grow a 3-node cluster with a fourth node through the admin API, hand it leadership, shrink back. */
class ClusterAdminIT {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> call(String url, String method, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void addPromoteLeadAndRemoveAMember() throws Exception {
        try (NodeProcesses nodes = new NodeProcesses(3)) {
            nodes.awaitLeader(Duration.ofSeconds(60));
            int n4 = nodes.startJoining("n4");
            String body = "{\"node_id\":\"n4\",\"raft\":\"" + nodes.raftAddresses.get(n4) + "\",\"http\":\""
                    + nodes.httpAddresses.get(n4) + "\",\"learner\":true}";
            assertThat(call(nodes.url(1, "/v1/cluster/members"), "POST", NodeProcesses.CHECKOUT, body).statusCode())
                    .as("only admin changes the cluster").isEqualTo(403);
            HttpResponse<String> added = call(nodes.url(1, "/v1/cluster/members"), "POST", NodeProcesses.ADMIN, body);
            assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> call(nodes.url(0, "/v1/cluster"), "GET", null, "").body()
                    .contains("\"node_id\":\"n4\",\"role\":\"LEARNER\""));

            // a learner is promoted once it has caught up (JRaft refuses with ECATCHUP otherwise: 503, retry later)
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> call(nodes.url(n4, "/health/readiness"), "GET", null, "").statusCode() == 200);
            HttpResponse<String> promoted = call(nodes.url(2, "/v1/cluster/members/n4/promote"), "POST", NodeProcesses.ADMIN, "");
            assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
            HttpResponse<String> transferred = call(nodes.url(0, "/v1/cluster/leader"), "POST", NodeProcesses.ADMIN, "{\"node_id\":\"n4\"}");
            assertThat(transferred.statusCode()).as(transferred.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> call(nodes.url(0, "/v1/cluster"), "GET", null, "")
                    .headers().firstValue("X-Inventory-Leader").orElse("").equals("n4"));

            // a write through an old node is forwarded to the new member, which it knows from the replicated directory
            HttpResponse<String> sku = call(nodes.url(0, "/v1/skus/grown"), "PUT", NodeProcesses.STOCK, "{}");
            assertThat(sku.statusCode()).as(sku.body()).isEqualTo(200);

            HttpResponse<String> refused = call(nodes.url(0, "/v1/cluster/members/n9"), "DELETE", NodeProcesses.ADMIN, "");
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.body()).contains("membership_change_refused");

            HttpResponse<String> back = call(nodes.url(0, "/v1/cluster/leader"), "POST", NodeProcesses.ADMIN, "{\"node_id\":\"n1\"}");
            assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> call(nodes.url(1, "/v1/cluster"), "GET", null, "")
                    .headers().firstValue("X-Inventory-Leader").orElse("").equals("n1"));
            HttpResponse<String> removed = call(nodes.url(1, "/v1/cluster/members/n4"), "DELETE", NodeProcesses.ADMIN, "");
            assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
            assertThat(removed.body()).doesNotContain("\"raft\":\"" + nodes.raftAddresses.get(n4) + "\"");
            HttpResponse<String> snapshot = call(nodes.url(2, "/v1/cluster/snapshot"), "POST", NodeProcesses.ADMIN, "");
            assertThat(snapshot.statusCode()).as(snapshot.body()).isEqualTo(200);
        }
    }
}
