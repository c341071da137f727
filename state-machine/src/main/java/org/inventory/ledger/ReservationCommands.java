package org.inventory.ledger;

import static org.inventory.ledger.proto.ResultCode.DUPLICATE_SKU;
import static org.inventory.ledger.proto.ResultCode.INSUFFICIENT_STOCK;
import static org.inventory.ledger.proto.ResultCode.INVALID_TRANSITION;
import static org.inventory.ledger.proto.ResultCode.NO_LINES;
import static org.inventory.ledger.proto.ResultCode.OK;
import static org.inventory.ledger.proto.ResultCode.PURCHASE_LIMIT_EXCEEDED;
import static org.inventory.ledger.proto.ResultCode.TOO_MANY_LINES;
import static org.inventory.ledger.proto.ResultCode.WOULD_GO_NEGATIVE;

import java.util.List;
import org.inventory.ledger.proto.CancelReservation;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.CommitReservation;
import org.inventory.ledger.proto.ExtendReservation;
import org.inventory.ledger.proto.FulfilReservation;
import org.inventory.ledger.proto.LedgerEntryType;
import org.inventory.ledger.proto.LineShortage;
import org.inventory.ledger.proto.PurchaseLimit;
import org.inventory.ledger.proto.ReleaseReservation;
import org.inventory.ledger.proto.Reserve;
import org.inventory.ledger.proto.ReservationLine;
import org.inventory.ledger.proto.ReservationState;
import org.inventory.ledger.proto.StockShortage;

/**
 * Reservations: the all-or-nothing hold and its transitions. Every handler checks everything first and changes
 * state only after the last check passed, so a refused command changes nothing.
 */
final class ReservationCommands {
    private ReservationCommands() {
    }

    static CommandResult.Builder reserve(LedgerState state, Reserve c, int slot) {
        List<ReservationLine> lines = c.getLinesList();
        int n = lines.size();
        if (n == 0) {
            throw Refusal.ofField(NO_LINES, "lines", "a reservation needs at least one line");
        }
        if (n > Limits.MAX_LINES) {
            throw Refusal.ofField(TOO_MANY_LINES, "lines", "a reservation takes at most " + Limits.MAX_LINES + " lines, got " + n);
        }
        Validation.printableId("customer_id", c.getCustomerId(), Limits.MAX_CUSTOMER_ID_LENGTH, true);
        Validation.printableId("cart_id", c.getCartId(), Limits.MAX_CART_ID_LENGTH, false);
        if (c.getTtlSeconds() != 0) {
            Validation.ttlSeconds("ttl_seconds", c.getTtlSeconds());
        }
        for (int i = 0; i < n; i++) {
            ReservationLine line = lines.get(i);
            Validation.sku(LineField.sku(i), line.getSku());
            Validation.positiveQuantity(LineField.quantity(i), line.getQuantity());
            for (int j = 0; j < i; j++) {
                if (lines.get(j).getSku().equals(line.getSku())) {
                    throw Refusal.ofField(DUPLICATE_SKU, LineField.sku(i),
                            "sku " + line.getSku() + " appears in lines " + j + " and " + i + "; put its quantity on one line");
                }
            }
        }

        Sku[] skus = new Sku[n];
        long[] quantities = new long[n];
        int ttlSeconds = c.getTtlSeconds();
        for (int i = 0; i < n; i++) {
            skus[i] = state.sku(LineField.sku(i), lines.get(i).getSku());
            quantities[i] = lines.get(i).getQuantity();
            if (c.getTtlSeconds() == 0 && (ttlSeconds == 0 || skus[i].holdTtlSeconds < ttlSeconds)) {
                ttlSeconds = skus[i].holdTtlSeconds;
            }
        }
        CustomerAccount customer = state.customers.accountFor(c.getCustomerId());
        for (int i = 0; i < n; i++) {
            Sku sku = skus[i];
            if (sku.maxPerCustomer > 0) {
                long already = customer.liveQuantity(sku);
                if (already + quantities[i] > sku.maxPerCustomer) {
                    throw new Refusal(CommandResult.newBuilder().setCode(PURCHASE_LIMIT_EXCEEDED).setField(LineField.quantity(i))
                            .setDetail("customer may hold at most " + sku.maxPerCustomer + " of " + sku.name
                                    + " and already holds " + already)
                            .setPurchaseLimit(PurchaseLimit.newBuilder().setSku(sku.name).setMaxPerCustomer(sku.maxPerCustomer)
                                    .setAlreadyHeldOrCommitted(already).setRequested(quantities[i])));
                }
            }
        }
        StockShortage.Builder shortage = null;
        for (int i = 0; i < n; i++) {
            if (quantities[i] > skus[i].reservable()) {
                if (shortage == null) {
                    shortage = StockShortage.newBuilder();
                }
                shortage.addLines(LineShortage.newBuilder().setSku(skus[i].name).setRequested(quantities[i])
                        .setSellable(Math.max(0, skus[i].sellable())));
            }
        }
        if (shortage != null) {
            throw new Refusal(CommandResult.newBuilder().setCode(INSUFFICIENT_STOCK)
                    .setDetail(shortage.getLinesCount() + " of " + n + " lines lack stock").setShortage(shortage));
        }

        Reservation r = new Reservation(ReservationIds.of(state.lastAppliedIndex, slot), skus, quantities, customer, c.getCartId(),
                state.nowMs, state.nowMs + ttlSeconds * 1000L);
        r.createdTtlSeconds = ttlSeconds;
        state.bookLines(r, LedgerEntryType.HOLD);
        state.customers.hold(r);
        state.reservations.put(r.id, r);
        state.digest.reservation(1, r);
        state.expiries.schedule(r, ttlSeconds * 1000L);
        // the command's own lines already are the view's lines: reuse them rather than rebuild
        return ok(r.viewWithoutLines().addAllLines(lines).build(), true);
    }

    static CommandResult.Builder commit(LedgerState state, CommitReservation c) {
        Reservation r = state.reservation("reservation_id", c.getReservationId());
        if (r.state == ReservationState.COMMITTED) {
            return ok(r.view(), false);
        }
        requireState(r, ReservationState.HELD, "only a HELD reservation can be committed");
        state.beforeChange(r);
        state.bookLines(r, LedgerEntryType.COMMIT);
        state.digest.reservation(-1, r);
        r.state = ReservationState.COMMITTED;
        r.updatedAtMs = state.nowMs;
        state.digest.reservation(1, r);
        return ok(r.view(), true);
    }

    static CommandResult.Builder release(LedgerState state, ReleaseReservation c) {
        Reservation r = state.reservation("reservation_id", c.getReservationId());
        Validation.text("reason", c.getReason());
        if (r.state == ReservationState.RELEASED || r.state == ReservationState.EXPIRED) {
            return ok(r.view(), false);
        }
        requireState(r, ReservationState.HELD, r.state == ReservationState.COMMITTED
                ? "a COMMITTED reservation is cancelled, not released" : "only a HELD reservation can be released");
        state.end(r, ReservationState.RELEASED, LedgerEntryType.RELEASE, c.getReason());
        return ok(r.view(), true);
    }

    static CommandResult.Builder extend(LedgerState state, ExtendReservation c) {
        Reservation r = state.reservation("reservation_id", c.getReservationId());
        Validation.ttlSeconds("ttl_seconds", c.getTtlSeconds());
        requireState(r, ReservationState.HELD, "only a HELD reservation can be extended");
        long expiresAt = state.nowMs + c.getTtlSeconds() * 1000L;
        if (expiresAt <= r.expiresAtMs) {
            return ok(r.view(), false); // extending never shortens a hold
        }
        state.beforeChange(r);
        state.digest.reservation(-1, r);
        r.expiresAtMs = expiresAt;
        r.updatedAtMs = state.nowMs;
        state.digest.reservation(1, r);
        state.expiries.schedule(r, c.getTtlSeconds() * 1000L);
        return ok(r.view(), true);
    }

    static CommandResult.Builder cancel(LedgerState state, CancelReservation c) {
        Reservation r = state.reservation("reservation_id", c.getReservationId());
        Validation.text("reason", c.getReason());
        if (r.state == ReservationState.CANCELLED) {
            return ok(r.view(), false);
        }
        requireState(r, ReservationState.COMMITTED, r.state == ReservationState.HELD
                ? "a HELD reservation is released, not cancelled" : "only a COMMITTED reservation can be cancelled");
        state.end(r, ReservationState.CANCELLED, LedgerEntryType.CANCEL, c.getReason());
        return ok(r.view(), true);
    }

    static CommandResult.Builder fulfil(LedgerState state, FulfilReservation c) {
        Reservation r = state.reservation("reservation_id", c.getReservationId());
        if (r.state == ReservationState.FULFILLED) {
            return ok(r.view(), false);
        }
        requireState(r, ReservationState.COMMITTED, "only a COMMITTED reservation can be fulfilled");
        for (int i = 0; i < r.skus.length; i++) {
            if (r.skus[i].onHand < r.quantities[i]) {
                throw Refusal.ofField(WOULD_GO_NEGATIVE, "reservation_id", "only " + r.skus[i].onHand + " of "
                        + r.skus[i].name + " on hand, " + r.quantities[i] + " to ship: backordered units must be received first");
            }
        }
        state.end(r, ReservationState.FULFILLED, LedgerEntryType.FULFIL, "");
        return ok(r.view(), true);
    }

    private static void requireState(Reservation r, ReservationState required, String why) {
        if (r.state != required) {
            throw new Refusal(CommandResult.newBuilder().setCode(INVALID_TRANSITION).setField("state")
                    .setDetail(ReservationIds.format(r.id) + " is " + r.state + ": " + why)
                    .setReservation(r.view()));
        }
    }

    /** The result of the command that created {@code r}, as it first answered (log index: the creating entry's). */
    static CommandResult.Builder created(Reservation r) {
        return ok(r.createdView(), true).setLogIndex(ReservationIds.logIndex(r.id));
    }

    /** What creating reservation {@code id} with these fields answered: {@link #created}'s answer, from its parts. */
    static CommandResult.Builder creationAnswer(long id, String customerId, String cartId, long createdAtMs, int ttlSeconds,
                                                List<ReservationLine> lines) {
        org.inventory.ledger.proto.ReservationView view = org.inventory.ledger.proto.ReservationView.newBuilder()
                .setReservationId(ReservationIds.format(id)).setState(ReservationState.HELD)
                .setCustomerId(customerId).setCartId(cartId)
                .setCreatedAtMs(createdAtMs).setExpiresAtMs(createdAtMs + ttlSeconds * 1000L).setUpdatedAtMs(createdAtMs)
                .addAllLines(lines).build();
        return ok(view, true).setLogIndex(ReservationIds.logIndex(id));
    }

    private static CommandResult.Builder ok(org.inventory.ledger.proto.ReservationView view, boolean changed) {
        return CommandResult.newBuilder().setCode(OK).setChanged(changed).setReservation(view);
    }
}
