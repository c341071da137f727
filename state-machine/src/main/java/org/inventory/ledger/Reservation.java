package org.inventory.ledger;

import org.inventory.ledger.proto.ReservationLine;
import org.inventory.ledger.proto.ReservationState;
import org.inventory.ledger.proto.ReservationView;

/** A reservation of one or more SKU lines by one customer, moving HELD -> COMMITTED -> ... (never backwards). */
final class Reservation {
    private static final long[][] ONE_LINE_QUANTITIES = new long[65][];

    static {
        for (int q = 1; q < ONE_LINE_QUANTITIES.length; q++) {
            ONE_LINE_QUANTITIES[q] = new long[] {q};
        }
    }

    final long id;
    final Sku[] skus;
    final long[] quantities;
    final CustomerAccount customer;
    final String cartId;
    final long createdAtMs;
    /** the hold's length when created (expires_at then = created_at + this); kept to replay the creation's result */
    int createdTtlSeconds;
    ReservationState state = ReservationState.HELD;
    long expiresAtMs;
    long updatedAtMs;
    String reason = "";

    Reservation(long id, Sku[] skus, long[] quantities, CustomerAccount customer, String cartId,
                long createdAtMs, long expiresAtMs) {
        this.id = id;
        // most reservations have one line of a few units: they share their line arrays (48 B each otherwise),
        // which is safe because a reservation's lines are never written after this constructor
        this.skus = skus.length == 1 ? skus[0].asOneLine : skus;
        this.quantities = quantities.length == 1 && quantities[0] > 0 && quantities[0] < ONE_LINE_QUANTITIES.length
                ? ONE_LINE_QUANTITIES[(int) quantities[0]] : quantities;
        this.customer = customer;
        this.cartId = cartId;
        this.createdAtMs = createdAtMs;
        this.expiresAtMs = expiresAtMs;
        this.updatedAtMs = createdAtMs;
    }

    /** HELD and COMMITTED reservations count against stock and against the customer's purchase limit. */
    boolean isLive() {
        return state == ReservationState.HELD || state == ReservationState.COMMITTED;
    }

    ReservationView view() {
        return view(state, expiresAtMs, updatedAtMs, reason);
    }

    /** The view with these values of the fields that change (a snapshot's, captured earlier); the rest never changes. */
    ReservationView view(ReservationState state, long expiresAtMs, long updatedAtMs, String reason) {
        ReservationView.Builder b = ReservationView.newBuilder()
                .setReservationId(ReservationIds.format(id)).setState(state)
                .setCustomerId(customer.id).setCartId(cartId)
                .setCreatedAtMs(createdAtMs).setExpiresAtMs(expiresAtMs).setUpdatedAtMs(updatedAtMs)
                .setReason(reason);
        for (int i = 0; i < skus.length; i++) {
            b.addLines(ReservationLine.newBuilder().setSku(skus[i].name).setQuantity(quantities[i]));
        }
        return b.build();
    }

    /** The view the creating command answered with: HELD, its first deadline, nothing updated since. */
    ReservationView createdView() {
        ReservationView.Builder b = ReservationView.newBuilder()
                .setReservationId(ReservationIds.format(id)).setState(ReservationState.HELD)
                .setCustomerId(customer.id).setCartId(cartId)
                .setCreatedAtMs(createdAtMs).setExpiresAtMs(createdAtMs + createdTtlSeconds * 1000L).setUpdatedAtMs(createdAtMs);
        for (int i = 0; i < skus.length; i++) {
            b.addLines(ReservationLine.newBuilder().setSku(skus[i].name).setQuantity(quantities[i]));
        }
        return b.build();
    }

    ReservationView.Builder viewWithoutLines() {
        return ReservationView.newBuilder()
                .setReservationId(ReservationIds.format(id)).setState(state)
                .setCustomerId(customer.id).setCartId(cartId)
                .setCreatedAtMs(createdAtMs).setExpiresAtMs(expiresAtMs).setUpdatedAtMs(updatedAtMs)
                .setReason(reason);
    }
}
