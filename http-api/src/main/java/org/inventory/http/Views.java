package org.inventory.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inventory.ledger.LedgerEntry;
import org.inventory.ledger.proto.SkuView;

/** The JSON shapes of contract.md §2 (snake_case), built from the ledger's views. */
final class Views {
    private Views() {
    }

    static String time(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }

    static Map<String, Object> sku(SkuView v, long appliedIndex) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sku", v.getSku());
        m.put("on_hand", v.getOnHand());
        m.put("held", v.getHeld());
        m.put("committed", v.getCommitted());
        m.put("safety_stock", v.getPolicy().getSafetyStock());
        m.put("sellable", Math.max(0, v.getOnHand() - v.getHeld() - v.getCommitted() - v.getPolicy().getSafetyStock()));
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("safety_stock", v.getPolicy().getSafetyStock());
        policy.put("hold_ttl_seconds", v.getPolicy().getHoldTtlSeconds());
        policy.put("max_per_customer", v.getPolicy().getMaxPerCustomer());
        policy.put("low_stock_threshold", v.getPolicy().getLowStockThreshold());
        policy.put("backorder_limit", v.getPolicy().getBackorderLimit());
        m.put("policy", policy);
        m.put("applied_index", appliedIndex);
        return m;
    }

    static Map<String, Object> ledgerEntry(LedgerEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", e.ledgerIndex());
        m.put("at", time(e.atMs()));
        m.put("type", e.type().name());
        m.put("quantity", e.quantity());
        if (e.reservationId() != 0) {
            m.put("reservation_id", org.inventory.ledger.ReservationIds.format(e.reservationId()));
        }
        if (e.reasonCode() != org.inventory.ledger.proto.AdjustmentReason.ADJUSTMENT_REASON_UNSPECIFIED) {
            m.put("reason_code", e.reasonCode().name());
        }
        if (e.note() != null && !e.note().isEmpty()) {
            m.put("note", e.note());
        }
        m.put("on_hand_after", e.onHandAfter());
        m.put("held_after", e.heldAfter());
        m.put("committed_after", e.committedAfter());
        m.put("log_index", e.logIndex());
        return m;
    }
}
