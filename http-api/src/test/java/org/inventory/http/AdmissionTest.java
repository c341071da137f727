package org.inventory.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.inventory.raft.LedgerReplica;
import org.junit.jupiter.api.Test;

/** With no room for pending proposals, the leader sheds every write at once with 429 and Retry-After. */
@MicronautTest
@Property(name = "inventory.max-pending-proposals", value = "0")
class AdmissionTest {
    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    LedgerReplica replica;

    @Test
    void aFullLeaderSaysOverloaded() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(replica::isLeader);
        HttpClientResponseException e = org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.PUT("/v1/skus/any", Map.of()).bearerAuth(SingleNodeFactory.STOCK), Map.class));
        assertThat(e.getStatus().getCode()).isEqualTo(429);
        assertThat(e.getResponse().header("Retry-After")).isEqualTo("1");
        assertThat(e.getResponse().getBody(Map.class).orElseThrow()).containsEntry("code", "overloaded");
    }
}
