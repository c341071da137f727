package org.inventory.ledger;

import static org.inventory.ledger.proto.ResultCode.INSUFFICIENT_STOCK;
import static org.inventory.ledger.proto.ResultCode.INVALID_TRANSITION;
import static org.inventory.ledger.proto.ResultCode.OK;
import static org.inventory.ledger.proto.ResultCode.PURCHASE_LIMIT_EXCEEDED;
import static org.inventory.ledger.proto.ResultCode.WOULD_GO_NEGATIVE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inventory.ledger.proto.ReservationLine;
import org.inventory.ledger.proto.ReservationState;
import org.inventory.ledger.proto.ResultCode;

/**
 * A deliberately naive reference model of the ledger for the simulation: plain maps, linear scans, no windows,
 * no queues. It predicts each command's outcome and the totals after it; the simulation compares.
 */
final class StockModel {
    static final class Item {
        long onHand, held, committed, safety, backorder, maxPerCustomer;
        long received, adjusted, fulfilled;
        int ttlSeconds;

        long reservable() {
            return onHand - held - committed - safety + backorder;
        }
    }

    static final class Hold {
        final String id;
        final String customer;
        final List<ReservationLine> lines;
        ReservationState state = ReservationState.HELD;
        long expiresAtMs;

        Hold(String id, String customer, List<ReservationLine> lines, long expiresAtMs) {
            this.id = id;
            this.customer = customer;
            this.lines = lines;
            this.expiresAtMs = expiresAtMs;
        }
    }

    final Map<String, Item> items = new LinkedHashMap<>();
    final Map<String, Hold> holds = new LinkedHashMap<>();
    long nowMs;

    /** Ledger time moves to {@code stampMs} (never back) and every due hold expires. */
    void advance(long stampMs) {
        nowMs = Math.max(nowMs, stampMs);
        for (Hold h : holds.values()) {
            if (h.state == ReservationState.HELD && h.expiresAtMs <= nowMs) {
                h.state = ReservationState.EXPIRED;
                h.lines.forEach(l -> items.get(l.getSku()).held -= l.getQuantity());
            }
        }
    }

    long liveQuantity(String customer, String sku) {
        long sum = 0;
        for (Hold h : holds.values()) {
            if (h.customer.equals(customer) && (h.state == ReservationState.HELD || h.state == ReservationState.COMMITTED)) {
                for (ReservationLine l : h.lines) {
                    if (l.getSku().equals(sku)) {
                        sum += l.getQuantity();
                    }
                }
            }
        }
        return sum;
    }

    /** The outcome the ledger must give a (valid, existing-SKU) reservation request. */
    ResultCode expectReserve(String customer, List<ReservationLine> lines) {
        for (ReservationLine l : lines) {
            Item item = items.get(l.getSku());
            if (item.maxPerCustomer > 0 && liveQuantity(customer, l.getSku()) + l.getQuantity() > item.maxPerCustomer) {
                return PURCHASE_LIMIT_EXCEEDED;
            }
        }
        for (ReservationLine l : lines) {
            if (l.getQuantity() > items.get(l.getSku()).reservable()) {
                return INSUFFICIENT_STOCK;
            }
        }
        return OK;
    }

    void reserved(String id, String customer, List<ReservationLine> lines, int ttlSeconds) {
        lines.forEach(l -> items.get(l.getSku()).held += l.getQuantity());
        holds.put(id, new Hold(id, customer, new ArrayList<>(lines), nowMs + ttlSeconds * 1000L));
    }

    int ttlFor(List<ReservationLine> lines) {
        return lines.stream().mapToInt(l -> items.get(l.getSku()).ttlSeconds).min().orElseThrow();
    }

    /** Predicts and performs a transition; returns the expected code. */
    ResultCode transition(String id, String kind) {
        Hold h = holds.get(id);
        ReservationState s = h.state;
        switch (kind) {
            case "commit" -> {
                if (s == ReservationState.COMMITTED) return OK;
                if (s != ReservationState.HELD) return INVALID_TRANSITION;
                h.lines.forEach(l -> {
                    items.get(l.getSku()).held -= l.getQuantity();
                    items.get(l.getSku()).committed += l.getQuantity();
                });
                h.state = ReservationState.COMMITTED;
                return OK;
            }
            case "release" -> {
                if (s == ReservationState.RELEASED || s == ReservationState.EXPIRED) return OK;
                if (s != ReservationState.HELD) return INVALID_TRANSITION;
                h.lines.forEach(l -> items.get(l.getSku()).held -= l.getQuantity());
                h.state = ReservationState.RELEASED;
                return OK;
            }
            case "cancel" -> {
                if (s == ReservationState.CANCELLED) return OK;
                if (s != ReservationState.COMMITTED) return INVALID_TRANSITION;
                h.lines.forEach(l -> items.get(l.getSku()).committed -= l.getQuantity());
                h.state = ReservationState.CANCELLED;
                return OK;
            }
            case "fulfil" -> {
                if (s == ReservationState.FULFILLED) return OK;
                if (s != ReservationState.COMMITTED) return INVALID_TRANSITION;
                for (ReservationLine l : h.lines) {
                    if (items.get(l.getSku()).onHand < l.getQuantity()) return WOULD_GO_NEGATIVE;
                }
                h.lines.forEach(l -> {
                    Item item = items.get(l.getSku());
                    item.committed -= l.getQuantity();
                    item.onHand -= l.getQuantity();
                    item.fulfilled += l.getQuantity();
                });
                h.state = ReservationState.FULFILLED;
                return OK;
            }
            default -> throw new IllegalArgumentException(kind);
        }
    }

    /** Predicts and performs an on_hand change by {@code delta} (adjustment or reconciliation drift). */
    ResultCode changeOnHand(String sku, long delta) {
        Item item = items.get(sku);
        long next = item.onHand + delta;
        if (next < 0 || item.held + item.committed > next + item.backorder) {
            return WOULD_GO_NEGATIVE;
        }
        item.onHand = next;
        item.adjusted += delta;
        return OK;
    }
}
