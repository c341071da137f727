package org.inventory.ledger;

import org.inventory.ledger.proto.ReservationLine;
import org.inventory.ledger.proto.ReservationState;
import org.inventory.ledger.proto.ReservationView;

/** A reservation of one or more SKU lines by one customer, moving HELD -> COMMITTED -> ... (never backwards). */
final class Reservation {
    final long id;
    final Sku[] skus;
    final long[] quantities;
    final CustomerAccount customer;
    final String cartId;
    final long createdAtMs;
    ReservationState state = ReservationState.HELD;
    long expiresAtMs;
    long updatedAtMs;
    String reason = "";

    Reservation(long id, Sku[] skus, long[] quantities, CustomerAccount customer, String cartId,
                long createdAtMs, long expiresAtMs) {
        this.id = id;
        this.skus = skus;
        this.quantities = quantities;
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
        ReservationView.Builder b = viewWithoutLines();
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
