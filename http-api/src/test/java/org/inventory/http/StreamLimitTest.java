package org.inventory.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The availability stream needs no token, so a node caps its subscribers: one beyond the cap gets 429. */
@MicronautTest
@Property(name = "inventory.stream.max-subscribers", value = "2")
class StreamLimitTest {
    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<InputStream> open() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/availability/stream?sku=tee"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    @Inject
    org.inventory.raft.LedgerReplica replica;

    @Test
    void aSubscriberBeyondTheCapIs429UntilAnotherLeaves() throws Exception {
        // a stream answers once it has the SKU's current state to send
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(replica::isLeader);
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/skus/tee"))
                .header("Authorization", "Bearer " + SingleNodeFactory.STOCK).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(200);
        List<HttpResponse<InputStream>> open = new ArrayList<>();
        open.add(open());
        open.add(open());
        assertThat(open).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));

        HttpResponse<InputStream> refused = open();
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(new String(refused.body().readAllBytes())).contains("\"code\":\"too_many_subscribers\"");

        open.get(0).body().close(); // one leaves
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<InputStream> again = open();
            if (again.statusCode() == 200) {
                open.add(again);
                return true;
            }
            again.body().close();
            return false;
        });
        for (HttpResponse<InputStream> r : open) {
            r.body().close();
        }
    }
}
