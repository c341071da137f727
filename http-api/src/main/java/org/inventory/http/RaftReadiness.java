package org.inventory.http;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.inventory.raft.LedgerReplica;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Ready = this node knows a leader and has applied everything it knows to be committed (within a small margin:
 * entries committed in the last moment are still on their way). A load balancer sends browse traffic only to
 * ready nodes; a stopped state machine is never ready, nor is a replica still loading its state (status LOADING).
 */
@Singleton
@Readiness
final class RaftReadiness implements HealthIndicator {
    static final long APPLY_MARGIN = 100;
    /** Not ready, and saying why to anyone who asks (details are not shown to everyone): its state is not loaded yet. */
    static final HealthStatus LOADING = new HealthStatus("LOADING", "opening its log and loading its latest snapshot", false, null);
    private final LedgerReplica replica;

    RaftReadiness(LedgerReplica replica) {
        this.replica = replica;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean hasLeader = replica.leaderRaftAddress().isPresent();
        long applied = replica.appliedIndex();
        long committed = replica.committedIndex();
        boolean caughtUp = committed - applied <= APPLY_MARGIN;
        boolean failed = replica.failure().isPresent();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("loading", replica.loading()); // opening its log and loading its latest snapshot
        details.put("leader", replica.leaderRaftAddress().orElse(null));
        details.put("applied_index", applied);
        details.put("commit_index", committed);
        replica.failure().ifPresent(f -> details.put("failure", f));
        HealthStatus status = failed ? HealthStatus.DOWN
                : replica.loading() ? LOADING
                : hasLeader && caughtUp ? HealthStatus.UP : HealthStatus.DOWN;
        return Mono.just(HealthResult.builder("raft", status).details(details).build());
    }
}
