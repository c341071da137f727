package org.inventory.http.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.inventory.http.NodeProcessesAccess;
import org.junit.jupiter.api.Test;

/** Two of three voters gone for good: the survivor is forced to be the whole cluster, and takes writes again. */
class QuorumLossIT {
    private final HttpClient http = HttpClient.newHttpClient();

    private static int invctl(String... args) {
        List<String> all = new ArrayList<>(List.of("--token", NodeProcessesAccess.ADMIN));
        all.addAll(List.of(args));
        return Invctl.run(all.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    private int receipt(String url, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + "/v1/skus/kept/receipts")).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + NodeProcessesAccess.STOCK).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString("{\"quantity\":1}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void aSurvivorIsForcedToCarryOn() throws Exception {
        try (NodeProcessesAccess nodes = new NodeProcessesAccess(3)) {
            nodes.awaitLeader(Duration.ofSeconds(60));
            String survivor = nodes.url(2, "");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(survivor + "/v1/skus/kept"))
                    .header("Authorization", "Bearer " + NodeProcessesAccess.STOCK).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(receipt(survivor, "before")).isEqualTo(201);
            nodes.kill(0);
            nodes.kill(1);
            assertThat(receipt(survivor, "stuck")).isEqualTo(503);

            assertThat(invctl("--endpoint", survivor, "force-reset", "n3")).as("refused without the acknowledgement").isEqualTo(2);
            assertThat(invctl("--endpoint", survivor, "force-reset", "n3", "--i-understand-acknowledged-writes-may-be-lost")).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> receipt(survivor, "after") == 201);
            String sku = http.send(HttpRequest.newBuilder(URI.create(survivor + "/v1/skus/kept"))
                    .header("Authorization", "Bearer " + NodeProcessesAccess.STOCK).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(sku).as("what it had survives; the 503'd receipt may or may not have been kept").containsPattern("\"on_hand\":[23],");
        }
    }
}
