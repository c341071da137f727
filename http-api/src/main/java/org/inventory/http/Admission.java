package org.inventory.http;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.inventory.raft.LedgerReplica;

/**
 * Sheds load at the leader: once this many proposals wait for commit, new ones are refused at once with 429 and
 * Retry-After, instead of queueing until everyone times out.
 */
@Singleton
final class Admission {
    private final LedgerReplica replica;
    private final int maxPending;

    Admission(LedgerReplica replica, @Value("${inventory.max-pending-proposals:4096}") int maxPending) {
        this.replica = replica;
        this.maxPending = maxPending;
    }

    boolean admits() {
        return replica.stats().pendingProposals() < maxPending;
    }

    static ApiException overloaded() {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "overloaded",
                "the leader has too many writes in flight; retry shortly with the same Idempotency-Key").retryAfter(1);
    }
}
