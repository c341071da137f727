package org.inventory.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.inventory.raft.LedgerReplica;
import org.junit.jupiter.api.Test;

@MicronautTest
class AvailabilityStreamTest {
    @Inject
    EmbeddedServer server;

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    LedgerReplica replica;

    @Test
    void subscribersSeeTheCurrentStateThenSoldOutAtOnce() throws Exception {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(replica::isLeader);
        String sku = "stream-" + System.nanoTime();
        client.toBlocking().exchange(HttpRequest.PUT("/v1/skus/" + sku, Map.of()).bearerAuth(SingleNodeFactory.STOCK));
        client.toBlocking().exchange(HttpRequest.POST("/v1/skus/" + sku + "/receipts", Map.of("quantity", 2))
                .header("Idempotency-Key", "r-" + sku).bearerAuth(SingleNodeFactory.STOCK));

        BlockingQueue<String> data = new LinkedBlockingQueue<>();
        java.net.http.HttpClient jdk = java.net.http.HttpClient.newHttpClient();
        var response = jdk.sendAsync(java.net.http.HttpRequest.newBuilder(
                        URI.create(server.getURL() + "/v1/availability/stream?sku=" + sku)).build(),
                HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> {
            try (Stream<String> lines = response.get(10, TimeUnit.SECONDS).body()) {
                lines.filter(l -> l.startsWith("data:")).forEach(data::add);
            } catch (Exception ignored) {
                // the test ends the stream
            }
        });
        reader.setDaemon(true);
        reader.start();

        String first = data.poll(10, TimeUnit.SECONDS);
        assertThat(first).contains("\"status\":\"LOW_STOCK\"").contains("\"sellable\":2");

        for (int i = 0; i < 2; i++) {
            client.toBlocking().exchange(HttpRequest.POST("/v1/reservations", Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1)),
                    "customer_id", "c" + i)).header("Idempotency-Key", "k" + i + sku).bearerAuth(SingleNodeFactory.CHECKOUT));
        }
        long start = System.nanoTime();
        String event;
        do {
            event = data.poll(5, TimeUnit.SECONDS);
            assertThat(event).as("an event within 5 s").isNotNull();
        } while (!event.contains("SOLD_OUT"));
        assertThat((System.nanoTime() - start) / 1_000_000).as("sold out is pushed without waiting for coalescing").isLessThan(2_000);
        assertThat(event).contains("\"sellable\":0");
        response.cancel(true);
    }
}
