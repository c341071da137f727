package org.inventory.http;

import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.inventory.ledger.Ledger;
import org.inventory.raft.LedgerReplica;

/** Stale reads from this replica, or linearizable ones through ReadIndex (never silently downgraded). */
@Singleton
final class Reads {
    static final Duration READ_INDEX_TIMEOUT = Duration.ofSeconds(2);

    private final LedgerReplica replica;

    Reads(LedgerReplica replica) {
        this.replica = replica;
    }

    /**
     * @param consistency    "stale", "linearizable" or null for {@code byDefault}
     * @param maxStalenessMs when given, a stale read older than this becomes a linearizable one
     */
    <T> CompletableFuture<T> read(String consistency, String byDefault, Long maxStalenessMs, Function<Ledger, T> reader) {
        String mode = consistency == null ? byDefault : consistency;
        switch (mode) {
            case "stale" -> {
                if (maxStalenessMs == null || replica.stalenessMs() <= maxStalenessMs) {
                    return CompletableFuture.completedFuture(replica.readLocal(reader));
                }
            }
            case "linearizable" -> {
            }
            default -> throw ApiException.badRequest("consistency must be stale or linearizable", "consistency");
        }
        return replica.readLinearizable(reader, READ_INDEX_TIMEOUT).exceptionally(e -> {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "not_ready",
                    "a linearizable read could not be confirmed by a quorum in time; retry").retryAfter(1);
        });
    }
}
