package org.inventory.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.inventory.ledger.Limits;
import org.inventory.ledger.proto.BatchResults;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.LedgerCommand;
import org.inventory.ledger.proto.Reserve;
import org.inventory.ledger.proto.ResultCode;
import org.junit.jupiter.api.Test;

/** The coalescing rules of group commit, against a log whose entries the test applies when it chooses. */
class GroupCommitTest {

    /** A log stand-in: keeps what was proposed and lets the test decide when each entry "applies". */
    static final class HeldLog implements GroupCommit.Proposer {
        record Entry(LedgerCommand command, CompletableFuture<CommandResult> applied) {
        }

        final ConcurrentLinkedQueue<Entry> proposed = new ConcurrentLinkedQueue<>();
        final List<Integer> sizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxSeenInFlight = new AtomicInteger();

        @Override
        public CompletableFuture<CommandResult> propose(byte[] command, int reservations) {
            LedgerCommand c;
            try {
                c = LedgerCommand.parseFrom(command);
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
            assertThat(c.getReserveBatch().getItemsCount()).isEqualTo(reservations);
            maxSeenInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Entry e = new Entry(c, new CompletableFuture<>());
            sizes.add(reservations);
            proposed.add(e);
            return e.applied.whenComplete((r, x) -> inFlight.decrementAndGet());
        }

        /** Applies the oldest proposed entry: every item OK, its detail naming the item's key. */
        boolean applyOldest() {
            Entry e = proposed.poll();
            if (e == null) {
                return false;
            }
            BatchResults.Builder results = BatchResults.newBuilder();
            for (var item : e.command.getReserveBatch().getItemsList()) {
                results.addResults(CommandResult.newBuilder().setCode(ResultCode.OK).setDetail(item.getIdempotencyKey()));
            }
            e.applied.complete(CommandResult.newBuilder().setCode(ResultCode.OK).setBatch(results).build());
            return true;
        }
    }

    private static Reserve reserve(String customer) {
        return Reserve.newBuilder().setCustomerId(customer).build();
    }

    @Test
    void aLoneReservationLeavesAtOnceAndAloneSoItWaitsForNothing() {
        HeldLog log = new HeldLog();
        GroupCommit gc = new GroupCommit(log, 2);
        CompletableFuture<CommandResult> f = gc.submit("k1", reserve("alice"));
        assertThat(log.sizes).containsExactly(1);
        log.applyOldest();
        assertThat(f.join().getDetail()).isEqualTo("k1");
        assertThat(gc.waiting()).isZero();
    }

    @Test
    void arrivalsWhileTheLimitIsInFlightTravelTogetherInTheNextEntry() {
        HeldLog log = new HeldLog();
        GroupCommit gc = new GroupCommit(log, 2);
        List<CompletableFuture<CommandResult>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(gc.submit("k" + i, reserve("c" + i)));
        }
        assertThat(log.sizes).containsExactly(1, 1); // two in flight, eight waiting
        assertThat(gc.waiting()).isEqualTo(8);
        log.applyOldest();
        assertThat(log.sizes).containsExactly(1, 1, 8);
        while (log.applyOldest()) {
        }
        for (int i = 0; i < 10; i++) {
            assertThat(answers.get(i).join().getDetail()).as("each caller gets its own item").isEqualTo("k" + i);
        }
        assertThat(gc.entries()).isEqualTo(3);
        assertThat(gc.reservations()).isEqualTo(10);
    }

    @Test
    void anEntryCarriesAtMostTheLargestBatch() {
        HeldLog log = new HeldLog();
        GroupCommit gc = new GroupCommit(log, 1);
        for (int i = 0; i < 1 + Limits.MAX_BATCH + 100; i++) {
            gc.submit("k" + i, reserve("c"));
        }
        log.applyOldest();
        assertThat(log.sizes).containsExactly(1, Limits.MAX_BATCH);
        log.applyOldest();
        assertThat(log.sizes).containsExactly(1, Limits.MAX_BATCH, 100);
    }

    @Test
    void aFailedEntryFailsItsOwnItemsOnly() {
        HeldLog log = new HeldLog();
        GroupCommit gc = new GroupCommit(log, 1);
        CompletableFuture<CommandResult> first = gc.submit("k1", reserve("a"));
        CompletableFuture<CommandResult> second = gc.submit("k2", reserve("b"));
        CompletableFuture<CommandResult> third = gc.submit("k3", reserve("c"));
        log.proposed.poll().applied.completeExceptionally(new NotLeaderException(null, "deposed"));
        assertThat(first).isCompletedExceptionally();
        assertThat(second).isNotDone(); // its entry (with the third) left when the slot came free
        log.applyOldest();
        assertThat(second.join().getDetail()).isEqualTo("k2");
        assertThat(third.join().getDetail()).isEqualTo("k3");
    }

    @Test
    void aBatchRefusedAsAWholeGivesEveryItemThatRefusal() {
        HeldLog log = new HeldLog();
        GroupCommit gc = new GroupCommit(log, 1);
        CompletableFuture<CommandResult> f = gc.submit("k1", reserve("a"));
        log.proposed.poll().applied.complete(CommandResult.newBuilder().setCode(ResultCode.MALFORMED_COMMAND).build());
        assertThat(f.join().getCode()).isEqualTo(ResultCode.MALFORMED_COMMAND);
    }

    @Test
    void underRacingSubmitsAndCompletionsNothingIsLostAndTheLimitHolds() throws Exception {
        HeldLog log = new HeldLog();
        GroupCommit gc = new GroupCommit(log, 2);
        int threads = 4;
        int each = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch submitted = new CountDownLatch(threads);
        List<CompletableFuture<CommandResult>> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            int thread = t;
            pool.execute(() -> {
                for (int i = 0; i < each; i++) {
                    answers.add(gc.submit("k" + thread + "-" + i, reserve("c")));
                }
                submitted.countDown();
            });
        }
        pool.execute(() -> { // the "apply thread": applies whatever was proposed until everyone is answered
            while (submitted.getCount() > 0 || gc.waiting() > 0 || !log.proposed.isEmpty()) {
                if (!log.applyOldest()) {
                    Thread.onSpinWait();
                }
            }
        });
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(answers).hasSize(threads * each);
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(log.maxSeenInFlight.get()).isLessThanOrEqualTo(2);
        assertThat(log.sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(threads * each);
        assertThat(gc.reservations()).isEqualTo(threads * each);
    }
}
