package org.inventory.raft;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.inventory.ledger.Limits;
import org.inventory.ledger.proto.BatchedReservation;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.LedgerCommand;
import org.inventory.ledger.proto.ResultCode;
import org.inventory.ledger.proto.ReserveBatch;

/**
 * Group commit for single reservations: those that arrive while the log is busy travel together as one
 * {@code ReserveBatch} entry, and each caller still gets its own item's result.
 *
 * <p>No timer decides when a batch leaves. At most {@code maxInFlight} coalesced entries are proposed and not yet
 * applied; a reservation that arrives while fewer are in flight is proposed at once, alone (so one client at a time
 * waits for nothing extra), and those that arrive while the limit is reached wait for the next entry to apply and
 * then all leave together, up to {@link Limits#MAX_BATCH}. The wait is thus bounded by one commit round trip, and
 * batches grow with the load: at 64 concurrent clients and two entries in flight, about 32 per entry.
 *
 * <p>Each item keeps its own idempotency key and applies exactly as the single command would (the ledger's
 * ReserveBatch semantics), so coalescing changes no outcome; a failed proposal fails every item with the same
 * exception, and each caller's retry under its key is safe.
 */
final class GroupCommit {
    private record Waiting(BatchedReservation item, CompletableFuture<CommandResult> future) {
    }

    /** Proposes one encoded LedgerCommand carrying {@code reservations} reservations (this replica must lead). */
    interface Proposer {
        CompletableFuture<CommandResult> propose(byte[] command, int reservations);
    }

    private final Proposer propose;
    private final int maxInFlight;
    private final ConcurrentLinkedQueue<Waiting> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong entries = new AtomicLong();
    private final AtomicLong reservations = new AtomicLong();

    /**
     * @param maxInFlight coalesced entries proposed and not yet applied before arrivals start to wait
     */
    GroupCommit(Proposer propose, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("at least one coalesced entry must be allowed in flight");
        }
        this.propose = propose;
        this.maxInFlight = maxInFlight;
    }

    CompletableFuture<CommandResult> submit(String idempotencyKey, org.inventory.ledger.proto.Reserve reserve) {
        CompletableFuture<CommandResult> future = new CompletableFuture<>();
        queue.add(new Waiting(BatchedReservation.newBuilder().setIdempotencyKey(idempotencyKey).setReserve(reserve).build(), future));
        waiting.incrementAndGet();
        flush();
        return future;
    }

    /**
     * Sends what waits while an in-flight slot is free. Racing callers are safe: a slot is taken before draining
     * and given back when nothing was left, and whoever gives a slot back flushes again, so an arrival that found
     * every slot taken is picked up by the completion that frees one.
     */
    private void flush() {
        while (!queue.isEmpty()) {
            int n = inFlight.get();
            if (n >= maxInFlight) {
                return;
            }
            if (!inFlight.compareAndSet(n, n + 1)) {
                continue;
            }
            List<Waiting> batch = drain();
            if (batch.isEmpty()) {
                inFlight.decrementAndGet();
                continue;
            }
            send(batch);
        }
    }

    private List<Waiting> drain() {
        List<Waiting> batch = new ArrayList<>();
        Waiting w;
        while (batch.size() < Limits.MAX_BATCH && (w = queue.poll()) != null) {
            batch.add(w);
        }
        waiting.addAndGet(-batch.size());
        return batch;
    }

    private void send(List<Waiting> batch) {
        ReserveBatch.Builder b = ReserveBatch.newBuilder();
        for (Waiting w : batch) {
            b.addItems(w.item);
        }
        entries.incrementAndGet();
        reservations.addAndGet(batch.size());
        CompletableFuture<CommandResult> applied;
        try {
            applied = propose.propose(LedgerCommand.newBuilder().setReserveBatch(b).build().toByteArray(), batch.size());
        } catch (RuntimeException e) {
            applied = CompletableFuture.failedFuture(e);
        }
        applied.whenComplete((result, error) -> {
            inFlight.decrementAndGet();
            flush(); // the next batch first: it should be on its way before these callers' continuations run
            for (int i = 0; i < batch.size(); i++) {
                CompletableFuture<CommandResult> f = batch.get(i).future;
                if (error != null) {
                    f.completeExceptionally(error);
                } else if (result.getCode() == ResultCode.OK && result.getBatch().getResultsCount() == batch.size()) {
                    f.complete(result.getBatch().getResults(i));
                } else {
                    f.complete(result); // the batch as a whole was refused: every item gets that refusal
                }
            }
        });
    }

    /** Reservations waiting for a coalesced entry to leave (those proposed count as pending proposals). */
    int waiting() {
        return waiting.get();
    }

    /** Coalesced entries proposed since start. */
    long entries() {
        return entries.get();
    }

    /** Reservations those entries carried. */
    long reservations() {
        return reservations.get();
    }
}
