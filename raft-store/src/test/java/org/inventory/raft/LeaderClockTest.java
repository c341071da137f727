package org.inventory.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LeaderClockTest {
    private static final long HOUR_MS = 3_600_000L;
    private static final long START_MS = 1_800_000_000_000L;

    /** A wall clock that can be set anywhere, and a monotonic clock that only this test moves. */
    static final class HandClock implements TimeSource {
        final AtomicLong wall = new AtomicLong(START_MS);
        final AtomicLong mono = new AtomicLong();

        void pass(long ms) {
            wall.addAndGet(ms);
            mono.addAndGet(ms * 1_000_000L);
        }

        @Override
        public long wallMillis() {
            return wall.get();
        }

        @Override
        public long monotonicNanos() {
            return mono.get();
        }
    }

    private final HandClock time = new HandClock();
    private final AtomicLong applied = new AtomicLong(START_MS);
    private final LeaderClock clock = new LeaderClock(time, Duration.ofSeconds(5), applied::get);

    @Test
    void aRightClockIsStampedAsItIs() {
        assertThat(clock.stampMs()).isEqualTo(START_MS);
        time.pass(250);
        assertThat(clock.stampMs()).isEqualTo(START_MS + 250);
        time.pass(10_000);
        assertThat(clock.stampMs()).isEqualTo(START_MS + 10_250);
    }

    @Test
    void aWallClockThatJumpsADayAheadPullsLedgerTimeAtMostTenPercentFasterThanRealTime() {
        clock.stampMs();
        time.wall.addAndGet(25 * HOUR_MS);
        long previous = START_MS;
        for (int second = 1; second <= 600; second++) {
            time.pass(1_000);
            long stamp = clock.stampMs();
            assertThat(stamp - previous).as("second %d", second).isBetween(1_000L, 1_100L);
            previous = stamp;
        }
        // a 600 s hold placed before the jump is still held after 545 s of real time
        assertThat(previous - START_MS).isEqualTo(660_000L);
    }

    @Test
    void aWallClockThatJumpsBackOrStopsStillLetsLedgerTimeAdvance() {
        clock.stampMs();
        time.wall.addAndGet(-HOUR_MS);
        long previous = START_MS;
        for (int second = 1; second <= 60; second++) {
            time.pass(1_000);
            long stamp = clock.stampMs();
            assertThat(stamp - previous).isBetween(900L, 1_000L);
            previous = stamp;
        }
        time.wall.set(START_MS); // stopped
        for (int i = 0; i < 10; i++) {
            time.mono.addAndGet(1_000_000_000L);
            long stamp = clock.stampMs();
            assertThat(stamp).isGreaterThanOrEqualTo(previous + 900);
            previous = stamp;
        }
    }

    @Test
    void stampsMicrosecondsApartStillMoveLedgerTime() {
        clock.stampMs();
        time.wall.addAndGet(-HOUR_MS);
        long first = clock.stampMs();
        for (int i = 0; i < 100_000; i++) {
            time.mono.addAndGet(1_000); // 1 µs
            clock.stampMs();
        }
        assertThat(clock.stampMs() - first).isBetween(89L, 100L);
    }

    @Test
    void aNewLeaderStartsAtMostTheStepAheadOfTheLedgerTimeItApplied() {
        time.wall.addAndGet(25 * HOUR_MS);
        assertThat(clock.stampMs()).isEqualTo(START_MS + 5_000);

        applied.set(START_MS + 7_000); // entries of the earlier term, stamped later, applied meanwhile
        clock.leaderStarted();
        time.wall.set(START_MS - HOUR_MS);
        assertThat(clock.stampMs()).as("never below the ledger time applied").isEqualTo(START_MS + 7_000);
    }

    @Test
    void theFirstLeaderOfANewGroupStartsAtItsWallClock() {
        LeaderClock fresh = new LeaderClock(time, Duration.ofSeconds(5), () -> 0L);
        assertThat(fresh.stampMs()).isEqualTo(START_MS);
        time.pass(1_000);
        assertThat(fresh.stampMs()).isEqualTo(START_MS + 1_000);
    }

    @Test
    void stampsNeverGoBackward() {
        long previous = clock.stampMs();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 10_000; i++) {
            time.mono.addAndGet(random.nextInt(50_000_000));
            time.wall.addAndGet(random.nextInt(200_000) - 100_000);
            if (random.nextInt(100) == 0) {
                clock.leaderStarted();
            }
            long stamp = clock.stampMs();
            assertThat(stamp).isGreaterThanOrEqualTo(previous);
            previous = stamp;
        }
    }
}
