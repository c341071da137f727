package org.inventory.http;

import io.micronaut.http.HttpStatus;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.LedgerCommand;
import org.inventory.raft.LedgerReplica;
import org.inventory.raft.NotLeaderException;

/**
 * Gets a command applied by the group from whichever node received it: proposed here when this node leads,
 * otherwise sent to the leader's internal propose endpoint. While the leader changes it asks again (same command,
 * same idempotency key, so at most one application) for up to {@link #PATIENCE}, then gives up with 503 no_leader.
 * Nothing here blocks a thread: waits are scheduled, calls are asynchronous.
 */
@Singleton
final class CommandGateway {
    static final Duration PATIENCE = Duration.ofSeconds(3);
    static final String FORWARDED_BY = "X-Inventory-Forwarded-By";

    private final LedgerReplica replica;
    private final NodeSettings settings;
    private final NodeDirectory directory;
    private final Admission admission;
    private final io.micrometer.core.instrument.MeterRegistry meters;
    private final io.micrometer.core.instrument.Timer[][] timers =
            new io.micrometer.core.instrument.Timer[LedgerCommand.KindCase.values().length][org.inventory.ledger.proto.ResultCode.values().length + 1];
    private final HttpClient http;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "command-retries");
        t.setDaemon(true);
        return t;
    });

    CommandGateway(LedgerReplica replica, NodeSettings settings, NodeDirectory directory, Admission admission,
                   io.micrometer.core.instrument.MeterRegistry meters) {
        this.replica = replica;
        this.settings = settings;
        this.http = settings.peerClient(Duration.ofSeconds(1));
        this.directory = directory;
        this.admission = admission;
        this.meters = meters;
    }

    CompletableFuture<CommandResult> submit(LedgerCommand command) {
        CompletableFuture<CommandResult> outcome = new CompletableFuture<>();
        long started = System.nanoTime();
        attempt(command, command.toByteArray(), started + PATIENCE.toNanos(), outcome);
        LedgerCommand.KindCase kind = command.getKindCase();
        return RequestLoop.resumeHere(outcome).whenComplete((r, e) ->
                timer(kind, e != null ? null : r.getCode()).record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
    }

    /** Timers looked up once per (kind, outcome): building the tags on every request showed up in the profile. */
    private io.micrometer.core.instrument.Timer timer(LedgerCommand.KindCase kind, org.inventory.ledger.proto.ResultCode code) {
        int outcome = code == null ? 0 : code.ordinal() + 1;
        io.micrometer.core.instrument.Timer[] byOutcome = timers[kind.ordinal()];
        io.micrometer.core.instrument.Timer t = byOutcome[outcome];
        if (t == null) {
            t = meters.timer("inventory_command_seconds", "kind", kind.name().toLowerCase(),
                    "outcome", code == null ? "error" : code.name().toLowerCase());
            byOutcome[outcome] = t; // a benign race: the registry returns the same timer to every caller
        }
        return t;
    }

    private void attempt(LedgerCommand parsed, byte[] command, long deadline, CompletableFuture<CommandResult> outcome) {
        CompletableFuture<CommandResult> tried;
        if (replica.isLeader()) {
            if (!admission.admits()) {
                outcome.completeExceptionally(Admission.overloaded());
                return;
            }
            tried = proposeHere(replica, parsed, command);
        } else {
            Optional<Peer> leader = directory.leader();
            tried = leader.isPresent() && !leader.get().nodeId().equals(settings.nodeId())
                    ? forward(leader.get(), command)
                    : CompletableFuture.failedFuture(new NotLeaderException(null, "no leader known yet"));
        }
        tried.whenComplete((result, error) -> {
            if (error == null) {
                outcome.complete(result);
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof ApiException refused) { // the leader shed the request: tell the client now
                outcome.completeExceptionally(refused);
                return;
            }
            if (System.nanoTime() > deadline) {
                outcome.completeExceptionally(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "no_leader",
                        "no leader accepted the request within " + PATIENCE.toMillis() + " ms (" + cause.getMessage()
                                + "); retry with the same Idempotency-Key").retryAfter(1));
                return;
            }
            retries.schedule(() -> attempt(parsed, command, deadline, outcome), 50, TimeUnit.MILLISECONDS);
        });
    }

    /**
     * On the leader: a keyed reservation goes through group commit (coalesced with the others arriving meanwhile
     * into one log entry, answered with its own result); everything else is an entry of its own.
     */
    static CompletableFuture<CommandResult> proposeHere(LedgerReplica replica, LedgerCommand parsed, byte[] command) {
        if (parsed.getKindCase() == LedgerCommand.KindCase.RESERVE && !parsed.getIdempotencyKey().isEmpty()) {
            return replica.proposeReservation(parsed.getIdempotencyKey(), parsed.getReserve());
        }
        if (parsed.getKindCase() == LedgerCommand.KindCase.RESERVE_BATCH) {
            return replica.propose(command, parsed.getReserveBatch().getItemsCount());
        }
        return replica.propose(command);
    }

    private CompletableFuture<CommandResult> forward(Peer leader, byte[] command) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.url(leader.http(), InternalController.PROPOSE)))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", InternalController.PROTOBUF)
                .header(FORWARDED_BY, settings.nodeId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(command));
        settings.tokens().ifPresent(t -> request.header("Authorization", "Bearer " + t.peerToken()));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() == 429) {
                throw Admission.overloaded();
            }
            if (PeerRefusal.is(response.statusCode())) {
                throw PeerRefusal.of(leader, response.statusCode(), settings.nodeId());
            }
            if (response.statusCode() != 200) {
                throw new NotLeaderException(null, "leader " + leader.nodeId() + " answered " + response.statusCode());
            }
            try {
                return CommandResult.parseFrom(response.body());
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new IllegalStateException("unreadable answer from " + leader.nodeId(), e);
            }
        });
    }

    @PreDestroy
    void close() {
        retries.shutdownNow();
    }
}
