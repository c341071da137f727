package org.inventory.http;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import java.io.IOException;
import org.inventory.raft.LedgerReplica;
import org.inventory.raft.Membership;
import org.inventory.raft.ReplicaConfig;

/**
 * Starts this node's replica with the application (not on first use) and stops it on shutdown. The replica loads
 * in the background, so the HTTP server is up meanwhile: its health, readiness (LOADING) and metrics answer, and
 * every read and write is refused with 503 until the replica has its state.
 */
@Factory
final class ReplicaFactory {

    @Context
    @Bean(preDestroy = "close")
    LedgerReplica replica(NodeSettings settings,
                          @Value("${inventory.group-commit-in-flight:" + ReplicaConfig.DEFAULT_GROUP_COMMIT_IN_FLIGHT + "}") int groupCommitInFlight)
            throws IOException {
        return LedgerReplica.startInBackground(ReplicaConfig.of(settings.raft(), settings.initialVoters(), settings.dataDir())
                .withGroupCommitInFlight(groupCommitInFlight));
    }

    @Context
    @Bean(preDestroy = "close")
    Membership membership(LedgerReplica replica) {
        return new Membership(replica);
    }
}
