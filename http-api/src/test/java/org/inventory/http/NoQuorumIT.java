package org.inventory.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two of three nodes killed: the survivor cannot commit. A write is not left hanging: after the bounded wait it is
 * 503 no_leader with Retry-After, and the availability read still answers from the local replica, saying how stale.
 */
class NoQuorumIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void withoutAQuorumWritesGet503AndStaleReadsStillAnswer() throws Exception {
        try (NodeProcesses nodes = new NodeProcesses(3)) {
            nodes.awaitLeader(Duration.ofSeconds(60));
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(nodes.url(2, "/v1/skus/lonely")))
                    .header("Authorization", "Bearer " + NodeProcesses.STOCK).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(200);
            Thread.sleep(1_000); // let the survivor apply it
            nodes.kill(0);
            nodes.kill(1);

            long start = System.nanoTime();
            HttpResponse<String> write = http.send(HttpRequest.newBuilder(URI.create(nodes.url(2, "/v1/skus/lonely/receipts")))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + NodeProcesses.STOCK)
                    .header("Content-Type", "application/json").header("Idempotency-Key", "lost-1")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"quantity\":1}")).build(), HttpResponse.BodyHandlers.ofString());
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(write.statusCode()).as(write.body()).isEqualTo(503);
            assertThat(write.body()).contains("\"code\":\"no_leader\"");
            assertThat(write.headers().firstValue("Retry-After")).contains("1");
            assertThat(tookMs).as("bounded wait").isLessThan(15_000);

            HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(nodes.url(2, "/v1/availability/lonely"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.body()).contains("\"staleness_ms\":");
        }
    }
}
