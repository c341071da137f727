package org.inventory.ledger;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import org.inventory.ledger.proto.ReservationState;

/**
 * Deadlines of HELD reservations, earliest first (ties by reservation id, so every replica expires in the same
 * order). Deadlines are never removed eagerly: a reservation that was committed, released or extended leaves a
 * stale deadline behind, recognised and skipped when it comes due. That keeps commit and release O(1).
 */
final class HoldExpiryQueue {
    private record Deadline(long expiresAtMs, Reservation reservation) {
    }

    private static final Comparator<Deadline> ORDER = Comparator.comparingLong(Deadline::expiresAtMs)
            .thenComparingLong(d -> d.reservation().id);

    private final PriorityQueue<Deadline> deadlines = new PriorityQueue<>(ORDER);

    void schedule(Reservation r) {
        deadlines.add(new Deadline(r.expiresAtMs, r));
    }

    /** Hands every reservation still HELD whose current deadline is at or before {@code nowMs} to {@code expire}. */
    int expireDue(long nowMs, Consumer<Reservation> expire) {
        int expired = 0;
        Deadline next;
        while ((next = deadlines.peek()) != null && next.expiresAtMs() <= nowMs) {
            deadlines.poll();
            Reservation r = next.reservation();
            if (r.state == ReservationState.HELD && r.expiresAtMs == next.expiresAtMs()) {
                expire.accept(r);
                expired++;
            }
        }
        return expired;
    }

    int size() {
        return deadlines.size();
    }
}
