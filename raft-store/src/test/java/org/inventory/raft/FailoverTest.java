package org.inventory.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.LedgerCommand;
import org.inventory.ledger.proto.ReservationState;
import org.inventory.ledger.proto.ResultCode;
import org.junit.jupiter.api.Test;

class FailoverTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void aLeaderChangeUnderTrafficLosesNoAcknowledgedReservationAndHoldsNoUnitTwice() throws Exception {
        try (LocalGroup group = new LocalGroup(3, c -> c.withTickInterval(Duration.ofMillis(100)))) {
            LedgerReplica first = group.awaitLeader();
            first.propose(Commands.createSku("drop")).get(10, TimeUnit.SECONDS);
            first.propose(Commands.receive("drop", 200)).get(10, TimeUnit.SECONDS);

            int clients = 8, perClient = 40;
            Map<String, String> acknowledged = new ConcurrentHashMap<>(); // key -> reservation id
            AtomicLong soldOut = new AtomicLong();
            // any answer to a command sent after the stop counts: a sold-out refusal is decided by the new leader's
            // apply as much as a reservation is, and the stock may be gone before the kill lands
            AtomicLong firstAnswerAfterStop = new AtomicLong();
            AtomicLong stoppedAt = new AtomicLong(); // commands sent after this cannot be answered by the stopped leader
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < perClient; i++) {
                        String key = "client-" + client + "/order-" + i;
                        LedgerCommand reserve = Commands.reserve(key, "customer-" + client, "drop", 1);
                        boolean sentAfterStop = stoppedAt.get() != 0;
                        CommandResult r = Checkout.proposeUntilAnswered(group, reserve, PATIENCE);
                        if (sentAfterStop) {
                            firstAnswerAfterStop.compareAndSet(0, System.nanoTime());
                        }
                        if (r.getCode() == ResultCode.OK) {
                            String previous = acknowledged.putIfAbsent(key, r.getReservation().getReservationId());
                            assertThat(previous).as("one key, one reservation").isIn(null, r.getReservation().getReservationId());
                        } else {
                            assertThat(r.getCode()).isEqualTo(ResultCode.INSUFFICIENT_STOCK);
                            soldOut.incrementAndGet();
                        }
                        Thread.sleep(15);
                    }
                    return null;
                }));
            }
            // let some reservations through, then crash the leader mid-traffic
            org.awaitility.Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(5)).until(() -> acknowledged.size() >= 20);
            LedgerReplica oldLeader = group.awaitLeader();
            long killedAt = System.nanoTime();
            group.stop(group.indexOf(oldLeader));
            stoppedAt.set(System.nanoTime());
            LedgerReplica newLeader = group.awaitLeader(PATIENCE);
            long leaderlessMs = (System.nanoTime() - killedAt) / 1_000_000;
            for (Future<?> f : work) {
                f.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();
            long firstWriteMs = (firstAnswerAfterStop.get() - killedAt) / 1_000_000;
            System.out.printf("leader %s stopped: new leader %s after %d ms, first answer to a command sent after the stop: %d ms%n",
                    oldLeader.raftAddress(), newLeader.raftAddress(), leaderlessMs, firstWriteMs);

            group.awaitConverged();
            for (LedgerReplica survivor : group.running()) {
                for (String id : acknowledged.values()) {
                    ReservationState state = survivor.readLocal(l -> l.reservation(id).orElseThrow().getState());
                    assertThat(state).as("acknowledged %s on %s", id, survivor.raftAddress()).isEqualTo(ReservationState.HELD);
                }
                long held = survivor.readLocal(l -> l.sku("drop").orElseThrow().getHeld());
                long reservations = survivor.readLocal(l -> (long) l.reservationCount());
                assertThat(held).as("every held unit belongs to exactly one acknowledged reservation")
                        .isEqualTo(acknowledged.size()).isEqualTo(reservations).isLessThanOrEqualTo(200);
            }
            assertThat(acknowledged.values()).doesNotHaveDuplicates();
            assertThat(acknowledged.size() + soldOut.get()).isEqualTo((long) clients * perClient);
            assertThat(firstAnswerAfterStop.get()).as("writes answered after the kill").isPositive();
        }
    }

    @Test
    void aRetryAfterALeaderChangeReplaysInsteadOfReservingTwice() throws Exception {
        try (LocalGroup group = new LocalGroup(3)) {
            LedgerReplica leader = group.awaitLeader();
            leader.propose(Commands.createSku("drop")).get(10, TimeUnit.SECONDS);
            leader.propose(Commands.receive("drop", 5)).get(10, TimeUnit.SECONDS);
            LedgerCommand reserve = Commands.reserve("order-1", "alice", "drop", 2);
            CommandResult first = leader.propose(reserve).get(10, TimeUnit.SECONDS);

            group.stop(group.indexOf(leader)); // the client never saw the answer and retries elsewhere
            CommandResult retry = Checkout.proposeUntilAnswered(group, reserve, PATIENCE);
            assertThat(retry.getReplayed()).isTrue();
            assertThat(retry.getReservation().getReservationId()).isEqualTo(first.getReservation().getReservationId());
            long held = group.awaitLeader().readLocal(l -> l.sku("drop").orElseThrow().getHeld());
            assertThat(held).isEqualTo(2);
        }
    }

    @Test
    void fiveReplicasKeepWorkingWithTwoDown() throws Exception {
        try (LocalGroup group = new LocalGroup(5)) {
            LedgerReplica leader = group.awaitLeader();
            leader.propose(Commands.createSku("drop")).get(10, TimeUnit.SECONDS);
            group.stop(group.indexOf(leader));
            LedgerReplica second = group.awaitLeader(PATIENCE);
            group.stop(group.running().stream().filter(r -> r != second).findFirst().map(group::indexOf).orElseThrow());
            CommandResult r = Checkout.proposeUntilAnswered(group, Commands.receive("drop", 3), PATIENCE);
            assertThat(r.getCode()).isEqualTo(ResultCode.OK);
            group.awaitConverged();
            assertThat(group.running()).hasSize(3).allSatisfy(replica -> {
                long onHand = replica.readLocal(l -> l.sku("drop").orElseThrow().getOnHand());
                assertThat(onHand).isEqualTo(3);
            });
        }
    }
}
