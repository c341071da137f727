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
    private final NodeDirectory directory;
    private final NodeSettings settings;
    private final java.net.http.HttpClient http;
    private final java.util.concurrent.ScheduledExecutorService waiter = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "read-index-wait");
        t.setDaemon(true);
        return t;
    });

    Reads(LedgerReplica replica, NodeDirectory directory, NodeSettings settings) {
        this.replica = replica;
        this.directory = directory;
        this.settings = settings;
        this.http = settings.peerClient(Duration.ofSeconds(1));
    }

    /**
     * @param consistency    "stale", "linearizable" or null for {@code byDefault}
     * @param maxStalenessMs when given, a stale read older than this becomes a linearizable one
     */
    <T> CompletableFuture<T> read(String consistency, String byDefault, Long maxStalenessMs, Function<Ledger, T> reader) {
        String mode = consistency == null ? byDefault : consistency;
        if (!mode.equals("stale") && !mode.equals("linearizable")) {
            throw ApiException.badRequest("consistency must be stale or linearizable", "consistency");
        }
        if (replica.loading()) { // its ledger is empty until loaded: no answer is better than a wrong one
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "not_ready", "this node is still loading its state; retry")
                    .retryAfter(1);
        }
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
        // a follower's ReadIndex can time out right after a leader change or under load: ask the leader once
        return RequestLoop.resumeHere(replica.readLinearizable(reader, READ_INDEX_TIMEOUT))
                .exceptionallyCompose(e -> replica.isLeader() ? CompletableFuture.failedFuture(e) : viaLeader(reader))
                .exceptionally(e -> {
                    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof ApiException refused) {
                        throw refused;
                    }
                    throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "not_ready",
                            "a linearizable read could not be confirmed by a quorum in time; retry").retryAfter(1);
                });
    }

    /** The leader confirms a read index; this replica answers once it has applied that far. */
    private <T> CompletableFuture<T> viaLeader(Function<Ledger, T> reader) {
        Peer leader = directory.leader().orElse(null);
        if (leader == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no leader known"));
        }
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(settings.url(leader.http(), InternalController.READ_INDEX)))
                .timeout(READ_INDEX_TIMEOUT).header(CommandGateway.FORWARDED_BY, settings.nodeId())
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody());
        settings.tokens().ifPresent(t -> request.header("Authorization", "Bearer " + t.peerToken()));
        return http.sendAsync(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString()).thenCompose(response -> {
            if (PeerRefusal.is(response.statusCode())) {
                return CompletableFuture.failedFuture(PeerRefusal.of(leader, response.statusCode(), settings.nodeId()));
            }
            if (response.statusCode() != 200) {
                return CompletableFuture.failedFuture(new IllegalStateException("leader answered " + response.statusCode()));
            }
            long index = Long.parseLong(response.body().trim());
            CompletableFuture<T> read = new CompletableFuture<>();
            awaitApplied(index, System.nanoTime() + READ_INDEX_TIMEOUT.toNanos(), reader, read);
            return read;
        });
    }

    private <T> void awaitApplied(long index, long deadline, Function<Ledger, T> reader, CompletableFuture<T> read) {
        if (replica.appliedIndex() >= index) {
            read.complete(replica.readLocal(reader));
        } else if (System.nanoTime() > deadline) {
            read.completeExceptionally(new IllegalStateException("did not apply up to " + index + " in time"));
        } else {
            waiter.schedule(() -> awaitApplied(index, deadline, reader, read), 5, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    @jakarta.annotation.PreDestroy
    void close() {
        waiter.shutdownNow();
    }
}
