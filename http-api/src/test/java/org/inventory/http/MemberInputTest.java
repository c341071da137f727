package org.inventory.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.inventory.raft.LedgerReplica;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What each bad member gets from {@code POST /v1/cluster/members}: refused before anything is proposed, so no
 * directory entry can stop a replica (a newline in an address once did, on every replica, for good).
 */
@MicronautTest
class MemberInputTest {
    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    LedgerReplica replica;

    @BeforeEach
    void leaderElected() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(replica::isLeader);
    }

    @SuppressWarnings("rawtypes")
    private HttpResponse<Map> add(Map<String, Object> body) {
        return Exchanges.send(client, HttpRequest.POST("/v1/cluster/members", body), SingleNodeFactory.ADMIN);
    }

    @Test
    void eachBadMemberIsRefusedWithItsFieldAndTheDirectoryStaysAsItWas() {
        long directoryVersion = replica.directoryVersion();
        long applied = replica.appliedIndex();
        long started = System.nanoTime();
        int members = replica.directory().size();
        Object[][] cases = {
                {Map.of("node_id", "n9", "raft", "127.0.0.1:7099", "http", "a\nb:1"), "http"},
                {Map.of("node_id", "n9", "raft", "127.0.0.1:7099", "http", "a b:8080"), "http"},
                {Map.of("node_id", "n9", "raft", "127.0.0.1:7099", "http", "host:0"), "http"},
                {Map.of("node_id", "n9", "raft", "127.0.0.1:7099", "http", "host:65536"), "http"},
                {Map.of("node_id", "n9", "raft", "127.0.0.1:7099", "http", "host:80a"), "http"},
                {Map.of("node_id", "n9", "raft", "300.1.1.1:7099", "http", "127.0.0.1:8099"), "raft"},
                {Map.of("node_id", "n9", "raft", "-bad-.example:7099", "http", "127.0.0.1:8099"), "raft"},
                {Map.of("node_id", "n9", "raft", "127.0.0.1", "http", "127.0.0.1:8099"), "raft"},
                {Map.of("node_id", "n 9", "raft", "127.0.0.1:7099", "http", "127.0.0.1:8099"), "node_id"},
                {Map.of("node_id", "n\u00e99", "raft", "127.0.0.1:7099", "http", "127.0.0.1:8099"), "node_id"},
        };
        for (Object[] c : cases) {
            @SuppressWarnings("rawtypes")
            HttpResponse<Map> r = add(castMap(c[0]));
            assertThat(r.code()).as("%s", c[0]).isEqualTo(400);
            assertThat(Exchanges.body(r)).as("%s", c[0]).containsEntry("code", "invalid_request").containsEntry("field", c[1]);
        }
        // an address that is another member's
        String own = replica.raftAddress();
        @SuppressWarnings("rawtypes")
        HttpResponse<Map> taken = add(Map.of("node_id", "n9", "raft", own, "http", "127.0.0.1:8099"));
        assertThat(taken.code()).isEqualTo(409);
        assertThat(Exchanges.body(taken)).containsEntry("code", "membership_change_refused");
        assertThat((String) Exchanges.body(taken).get("detail")).contains(own);
        // the leader proposes a tick every 500 ms whatever else happens: a slow run sees more than two of them
        long ticks = 2 + (System.nanoTime() - started) / 500_000_000L;
        assertThat(replica.appliedIndex() - applied).as("nothing was proposed but ticks").isLessThanOrEqualTo(ticks);
        assertThat(replica.directoryVersion()).as("no directory entry was applied").isEqualTo(directoryVersion);
        assertThat(replica.directory()).hasSize(members);
        assertThat(replica.failure()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }
}
