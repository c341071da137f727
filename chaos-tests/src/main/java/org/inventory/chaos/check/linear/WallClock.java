package org.inventory.chaos.check.linear;

import java.util.List;
import org.inventory.chaos.history.Op;

/**
 * "The first event at or after wall time t", for placing expiries. The ledger stamps its time from the same host
 * clock as the history's {@code wall_ms} and never runs ahead of it, so a hold that expires at ledger time
 * {@code expires_at_ms} cannot have expired before the first event whose wall clock reached that time. A running
 * maximum makes the lookup a binary search and tolerates a wall clock that steps back.
 */
final class WallClock {
    private final long[] runningMax;

    WallClock(List<Op> events) {
        runningMax = new long[events.size()];
        long max = Long.MIN_VALUE;
        for (int i = 0; i < runningMax.length; i++) {
            max = Math.max(max, events.get(i).wallMs());
            runningMax[i] = max;
        }
    }

    /** Position (in the event list) of the first event with wall_ms >= {@code ms}, or -1 if the history ends first. */
    int firstAtOrAfter(long ms) {
        int lo = 0;
        int hi = runningMax.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (runningMax[mid] >= ms) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo < runningMax.length ? lo : -1;
    }
}
