package org.inventory.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.LedgerCommand;
import org.inventory.ledger.proto.ReservationState;
import org.inventory.ledger.proto.ResultCode;
import org.junit.jupiter.api.Test;

/** Three real replicas whose wall clocks are set wrong on purpose: ledger time must not follow them in a burst. */
class SkewedLeaderClockTest {
    private static final long DAY_MS = 86_400_000L;

    /** The system clocks, with the wall clock off by an amount the test sets. */
    static final class SkewedTime implements TimeSource {
        final AtomicLong offsetMs = new AtomicLong();

        @Override
        public long wallMillis() {
            return System.currentTimeMillis() + offsetMs.get();
        }

        @Override
        public long monotonicNanos() {
            return System.nanoTime();
        }
    }

    /** The group's leader, once SKU "drop" has 10 units. */
    private static LedgerReplica tenUnitsOfDrop(LocalGroup group) throws Exception {
        LedgerReplica leader = group.awaitLeader();
        leader.propose(Commands.createSku("drop")).get(10, TimeUnit.SECONDS);
        leader.propose(Commands.receive("drop", 10)).get(10, TimeUnit.SECONDS);
        return leader;
    }

    @Test
    void aLeaderWhoseClockJumpsADayAheadNeitherExpiresHoldsNorForgetsKeys() throws Exception {
        SkewedTime time = new SkewedTime();
        try (LocalGroup group = new LocalGroup(3, c -> c.withTime(time).withTickInterval(Duration.ofMillis(50)))) {
            LedgerReplica leader = tenUnitsOfDrop(group);
            LedgerCommand reserve = Commands.reserve("order-1", "alice", "drop", 2);
            CommandResult first = leader.propose(reserve).get(10, TimeUnit.SECONDS);
            assertThat(first.getCode()).isEqualTo(ResultCode.OK);
            String id = first.getReservation().getReservationId();
            long ledgerBefore = leader.readLocal(l -> l.nowMs());
            assertThat(ledgerBefore).as("a new group's ledger time starts at the wall clock")
                    .isBetween(System.currentTimeMillis() - 10_000, System.currentTimeMillis());
            long realBefore = System.nanoTime();

            time.offsetMs.set(25 * 3_600_000L); // past the hold's TTL and the keys' retention
            Thread.sleep(2_000); // ticks flow, stamped by the skewed leader

            CommandResult retry = Checkout.proposeUntilAnswered(group, reserve, Duration.ofSeconds(30));
            assertThat(retry.getReplayed()).as("the retry replays, it does not reserve again").isTrue();
            assertThat(retry.getReservation().getReservationId()).isEqualTo(id);
            group.awaitConverged();
            for (LedgerReplica replica : group.running()) {
                long held = replica.readLocal(l -> l.sku("drop").orElseThrow().getHeld());
                ReservationState state = replica.readLocal(l -> l.reservation(id).orElseThrow().getState());
                assertThat(held).isEqualTo(2);
                assertThat(state).isEqualTo(ReservationState.HELD);
                long ledgerAdvance = replica.readLocal(l -> l.nowMs()) - ledgerBefore;
                // the reservation was stamped a little before realBefore: 200 ms of slack for that
                long realMs = (System.nanoTime() - realBefore) / 1_000_000;
                assertThat(ledgerAdvance).as("ledger time on %s after %d ms", replica.raftAddress(), realMs)
                        .isLessThan(DAY_MS).isLessThanOrEqualTo(realMs * 11 / 10 + 200);
            }
        }
    }

    @Test
    void holdsStillExpireWhileTheLeadersClockRunsADayBehind() throws Exception {
        SkewedTime time = new SkewedTime();
        try (LocalGroup group = new LocalGroup(3, c -> c.withTime(time).withTickInterval(Duration.ofMillis(50)))) {
            LedgerReplica leader = tenUnitsOfDrop(group);
            time.offsetMs.set(-DAY_MS);
            LedgerCommand twoUnits = Commands.reserve("order-1", "alice", "drop", 2);
            LedgerCommand reserve = twoUnits.toBuilder().setReserve(twoUnits.getReserve().toBuilder().setTtlSeconds(1)).build();
            String id = leader.propose(reserve).get(10, TimeUnit.SECONDS).getReservation().getReservationId();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                    group.awaitLeader().readLocal(l -> l.reservation(id).orElseThrow().getState()) == ReservationState.EXPIRED);
        }
    }
}
