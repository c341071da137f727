package org.inventory.raft;

/**
 * The clocks a replica reads: the wall clock for the leader's stamps, a monotonic one for how much time passed.
 * Replicas are given one so that a test can run a leader whose wall clock is wrong.
 */
public interface TimeSource {
    TimeSource SYSTEM = new TimeSource() {
        @Override
        public long wallMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public long monotonicNanos() {
            return System.nanoTime();
        }
    };

    long wallMillis();

    long monotonicNanos();
}
