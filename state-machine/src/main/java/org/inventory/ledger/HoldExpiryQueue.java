package org.inventory.ledger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import org.inventory.ledger.proto.ReservationState;

/**
 * Deadlines of HELD reservations. A deadline is "ledger time + ttl" and ledger time never goes backwards, so
 * deadlines scheduled with the same ttl arrive already sorted: each ttl gets a FIFO lane and scheduling is O(1).
 * Only the lanes' heads are kept in a priority queue, and there are as many lanes as distinct ttls in use (a few,
 * in practice), so a flash sale's 10^5..10^6 live holds never sit in one big heap.
 *
 * <p>Deadlines are never removed eagerly: a reservation that was committed, released or extended leaves a stale
 * deadline behind, recognised and skipped when it comes due. Holds due at the same time expire in
 * (deadline, reservation id) order, whatever the lanes looked like, so a replica restored from a snapshot expires
 * in the same order as one that never restarted.
 */
final class HoldExpiryQueue {
    private static final Comparator<Lane> BY_HEAD = Comparator.comparingLong(Lane::headDeadline);
    private static final Comparator<Reservation> EXPIRY_ORDER =
            Comparator.<Reservation>comparingLong(r -> r.expiresAtMs).thenComparingLong(r -> r.id);

    private final Map<Long, Lane> lanesByTtl = new HashMap<>();
    private final PriorityQueue<Lane> nonEmptyLanes = new PriorityQueue<>(BY_HEAD);
    private final List<Reservation> due = new ArrayList<>();
    private int size;
    /** Most holds of a sale share one ttl: remembering its lane saves a boxed map lookup per reserve. */
    private Lane lastLane;

    /**
     * Schedules {@code r} to expire at its current deadline, which was set {@code ttlMs} before it. Within one ttl,
     * deadlines must be scheduled in order (they are, when set from a clock that never goes back).
     */
    void schedule(Reservation r, long ttlMs) {
        Lane lane = lastLane;
        if (lane == null || lane.ttlMs != ttlMs || lane.removed) {
            lane = lanesByTtl.computeIfAbsent(ttlMs, Lane::new);
            lastLane = lane;
        }
        boolean wasEmpty = lane.isEmpty();
        lane.add(r.expiresAtMs, r);
        if (wasEmpty) {
            nonEmptyLanes.add(lane);
        }
        size++;
    }

    /** Hands every reservation still HELD whose current deadline is at or before {@code nowMs} to {@code expire}. */
    int expireDue(long nowMs, Consumer<Reservation> expire) {
        Lane lane;
        while ((lane = nonEmptyLanes.peek()) != null && lane.headDeadline() <= nowMs) {
            nonEmptyLanes.poll();
            while (!lane.isEmpty() && lane.headDeadline() <= nowMs) {
                long deadline = lane.headDeadline();
                Reservation r = lane.poll();
                size--;
                if (r.state == ReservationState.HELD && r.expiresAtMs == deadline) {
                    due.add(r);
                }
            }
            if (!lane.isEmpty()) {
                nonEmptyLanes.add(lane);
            } else {
                lanesByTtl.remove(lane.ttlMs); // rare ttls must not leave lanes behind
                lane.removed = true;
            }
        }
        int expired = due.size();
        if (expired > 1) {
            due.sort(EXPIRY_ORDER);
        }
        for (int i = 0; i < expired; i++) {
            expire.accept(due.get(i));
        }
        due.clear();
        return expired;
    }

    /** Scheduled deadlines, stale ones included. */
    int size() {
        return size;
    }

    /** A FIFO ring of (deadline, reservation), deadlines non-decreasing. */
    private static final class Lane {
        final long ttlMs;
        boolean removed;
        private long[] deadlines = new long[16];
        private Reservation[] reservations = new Reservation[16];
        private int head;
        private int count;

        Lane(long ttlMs) {
            this.ttlMs = ttlMs;
        }

        boolean isEmpty() {
            return count == 0;
        }

        long headDeadline() {
            return deadlines[head];
        }

        void add(long deadline, Reservation r) {
            if (count > 0 && deadline < deadlines[(head + count - 1) & (deadlines.length - 1)]) {
                throw new IllegalStateException("deadline " + deadline + " scheduled after a later one with the same ttl");
            }
            if (count == deadlines.length) {
                grow();
            }
            int slot = (head + count) & (deadlines.length - 1);
            deadlines[slot] = deadline;
            reservations[slot] = r;
            count++;
        }

        Reservation poll() {
            Reservation r = reservations[head];
            reservations[head] = null;
            head = (head + 1) & (deadlines.length - 1);
            count--;
            return r;
        }

        private void grow() {
            int capacity = deadlines.length * 2;
            long[] d = new long[capacity];
            Reservation[] rs = new Reservation[capacity];
            for (int i = 0; i < count; i++) {
                int from = (head + i) & (deadlines.length - 1);
                d[i] = deadlines[from];
                rs[i] = reservations[from];
            }
            deadlines = d;
            reservations = rs;
            head = 0;
        }
    }
}
