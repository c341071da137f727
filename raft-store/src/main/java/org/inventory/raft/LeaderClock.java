package org.inventory.raft;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time a leader stamps on the entries it proposes, which becomes ledger time on every replica (holds expire and
 * idempotency keys are pruned by it). One node's wall clock must not move it in a burst: between two stamps, ledger
 * time advances by the leader's monotonic elapsed time within ±{@link #SLEW_PERCENT}%, following the wall clock
 * only inside that band. A wall clock that jumps 25 h ahead therefore pulls ledger time along at 1.1× real time (a
 * 600 s hold lasts at least 545 s) instead of expiring every hold at once; one that stops or jumps back still lets
 * ledger time advance at 0.9× real time, so holds keep expiring. A new leader starts no earlier than the ledger time
 * it has applied and at most {@code maxStep} after it, whatever its wall clock says (the first leader of a new group,
 * with no ledger time yet, starts at its wall clock).
 *
 * <p>Time is kept in nanoseconds so that stamps proposed microseconds apart still advance ledger time.
 */
final class LeaderClock {
    static final int SLEW_PERCENT = 10;
    private static final Logger LOG = LoggerFactory.getLogger(LeaderClock.class);
    private static final long NANOS_PER_MS = 1_000_000L;
    private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final TimeSource time;
    private final long maxStepNanos;
    private final LongSupplier appliedLedgerTimeMs;
    private long lastStampNanos;
    private long lastMonotonic;
    private boolean started;
    private long lastWarning = Long.MIN_VALUE;

    /**
     * @param appliedLedgerTimeMs ledger time as of the last entry this replica applied (read at every stamp: entries
     *                            of an earlier term may still be applying when this replica starts to lead)
     */
    LeaderClock(TimeSource time, Duration maxStep, LongSupplier appliedLedgerTimeMs) {
        if (maxStep.isNegative()) {
            throw new IllegalArgumentException("the clock step must not be negative");
        }
        this.time = time;
        this.maxStepNanos = maxStep.toNanos();
        this.appliedLedgerTimeMs = appliedLedgerTimeMs;
    }

    /** The stamp for the next proposed entry, in epoch milliseconds; never below an earlier one. */
    synchronized long stampMs() {
        long wall = time.wallMillis() * NANOS_PER_MS;
        long mono = time.monotonicNanos();
        long applied = appliedLedgerTimeMs.getAsLong() * NANOS_PER_MS;
        long lo, hi;
        if (!started) {
            started = true;
            lo = Math.max(applied, lastStampNanos);
            // a group's very first stamp has no ledger time to be bounded by: the wall clock is all there is
            hi = lo == 0 ? Math.max(wall, 0) : lo + maxStepNanos;
        } else {
            long elapsed = Math.max(0, mono - lastMonotonic);
            long base = Math.max(lastStampNanos, applied);
            lo = base + elapsed / 100 * (100 - SLEW_PERCENT);
            hi = base + elapsed / 100 * (100 + SLEW_PERCENT);
        }
        long stamp = Math.min(Math.max(wall, lo), hi);
        if (stamp != wall) {
            warn(wall, stamp, mono);
        }
        lastStampNanos = stamp;
        lastMonotonic = mono;
        return stamp / NANOS_PER_MS;
    }

    /** A replica that leads again starts over from the ledger time it has applied. */
    synchronized void leaderStarted() {
        started = false;
    }

    private void warn(long wall, long stamp, long mono) {
        long offByMs = (wall - stamp) / NANOS_PER_MS;
        // less than a second outside the band is ordinary drift, not worth a line
        if (Math.abs(offByMs) < 1_000 || mono - lastWarning < WARN_EVERY_NANOS && lastWarning != Long.MIN_VALUE) {
            return;
        }
        lastWarning = mono;
        LOG.warn("this leader's wall clock is {} ms {} ledger time; ledger time follows it at most {}% faster or slower "
                        + "than real time, so holds and idempotency keys do not expire in a burst",
                Math.abs(offByMs), offByMs > 0 ? "ahead of" : "behind", SLEW_PERCENT);
    }
}
