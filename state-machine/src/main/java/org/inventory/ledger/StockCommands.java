package org.inventory.ledger;

import static org.inventory.ledger.proto.ResultCode.INVALID_QUANTITY;
import static org.inventory.ledger.proto.ResultCode.INVALID_REASON_CODE;
import static org.inventory.ledger.proto.ResultCode.INVALID_VALUE;
import static org.inventory.ledger.proto.ResultCode.MISSING_FIELD;
import static org.inventory.ledger.proto.ResultCode.OK;
import static org.inventory.ledger.proto.ResultCode.ON_HAND_MISMATCH;
import static org.inventory.ledger.proto.ResultCode.QUANTITY_OUT_OF_RANGE;
import static org.inventory.ledger.proto.ResultCode.WOULD_GO_NEGATIVE;

import org.inventory.ledger.proto.AdjustStock;
import org.inventory.ledger.proto.AdjustmentReason;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.LedgerEntryType;
import org.inventory.ledger.proto.OnHandMismatch;
import org.inventory.ledger.proto.ReceiveStock;
import org.inventory.ledger.proto.ReconcileStock;
import org.inventory.ledger.proto.SkuPolicy;
import org.inventory.ledger.proto.StockChange;
import org.inventory.ledger.proto.UpsertSkuPolicy;

/** SKU policy and the stock side of the ledger: receipts, adjustments, reconciliations. */
final class StockCommands {
    private StockCommands() {
    }

    static CommandResult.Builder upsertPolicy(LedgerState state, UpsertSkuPolicy c) {
        Validation.sku("sku", c.getSku());
        Sku existing = state.skus.get(c.getSku());
        SkuPolicy current = existing != null ? existing.policy() : Sku.DEFAULT_POLICY;
        SkuPolicy.Builder next = current.toBuilder();
        if (c.hasSafetyStock()) {
            next.setSafetyStock(bounded("safety_stock", c.getSafetyStock(), 0, Limits.MAX_ON_HAND));
        }
        if (c.hasHoldTtlSeconds()) {
            Validation.ttlSeconds("hold_ttl_seconds", c.getHoldTtlSeconds());
            next.setHoldTtlSeconds(c.getHoldTtlSeconds());
        }
        if (c.hasMaxPerCustomer()) {
            next.setMaxPerCustomer(bounded("max_per_customer", c.getMaxPerCustomer(), 0, Limits.MAX_QUANTITY));
        }
        if (c.hasLowStockThreshold()) {
            next.setLowStockThreshold(bounded("low_stock_threshold", c.getLowStockThreshold(), 0, Limits.MAX_ON_HAND));
        }
        if (c.hasBackorderLimit()) {
            next.setBackorderLimit(bounded("backorder_limit", c.getBackorderLimit(), 0, Limits.MAX_QUANTITY));
        }
        SkuPolicy policy = next.build();
        if (existing != null && existing.held + existing.committed > existing.onHand + policy.getBackorderLimit()) {
            throw Refusal.ofField(WOULD_GO_NEGATIVE, "backorder_limit", "held + committed (" + (existing.held + existing.committed)
                    + ") would exceed on_hand + backorder_limit (" + (existing.onHand + policy.getBackorderLimit()) + ")");
        }
        Sku sku = existing != null ? existing : new Sku(c.getSku(), state.settings.ledgerEntriesPerSku());
        if (existing != null) {
            state.beforeChange(existing);
        }
        sku.setPolicy(policy);
        state.addSku(sku);
        state.digest.updateSku(sku);
        state.changedSkus.add(sku.name);
        return CommandResult.newBuilder().setCode(OK).setChanged(!policy.equals(current) || existing == null)
                .setSku(sku.view());
    }

    private static long bounded(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw Refusal.ofField(INVALID_VALUE, field, field + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    static CommandResult.Builder receive(LedgerState state, ReceiveStock c) {
        Validation.sku("sku", c.getSku());
        Validation.positiveQuantity("quantity", c.getQuantity());
        Validation.text("reference", c.getReference());
        Sku sku = state.sku("sku", c.getSku());
        if (sku.onHand + c.getQuantity() > Limits.MAX_ON_HAND) {
            throw Refusal.ofField(QUANTITY_OUT_OF_RANGE, "quantity", "on_hand would pass " + Limits.MAX_ON_HAND);
        }
        long ledgerIndex = state.book(sku, LedgerEntryType.RECEIPT, c.getQuantity(), 0,
                AdjustmentReason.ADJUSTMENT_REASON_UNSPECIFIED, c.getReference());
        return stockChange(sku, ledgerIndex, 0);
    }

    static CommandResult.Builder adjust(LedgerState state, AdjustStock c) {
        Validation.sku("sku", c.getSku());
        long delta = c.getDelta();
        if (delta == 0) {
            throw Refusal.ofField(INVALID_QUANTITY, "delta", "delta must not be zero");
        }
        if (delta < -Limits.MAX_QUANTITY || delta > Limits.MAX_QUANTITY) {
            throw Refusal.ofField(QUANTITY_OUT_OF_RANGE, "delta", "delta must be within +/-" + Limits.MAX_QUANTITY);
        }
        AdjustmentReason reason = c.getReasonCode();
        if (reason == AdjustmentReason.ADJUSTMENT_REASON_UNSPECIFIED || reason == AdjustmentReason.UNRECOGNIZED) {
            throw Refusal.ofField(INVALID_REASON_CODE, "reason_code", "reason_code is required and must be a known reason");
        }
        Validation.text("note", c.getNote());
        if (c.hasExpectedOnHand() && (c.getExpectedOnHand() < 0 || c.getExpectedOnHand() > Limits.MAX_ON_HAND)) {
            throw Refusal.ofField(INVALID_VALUE, "expected_on_hand", "expected_on_hand must be between 0 and " + Limits.MAX_ON_HAND);
        }
        Sku sku = state.sku("sku", c.getSku());
        if (c.hasExpectedOnHand() && c.getExpectedOnHand() != sku.onHand) {
            throw new Refusal(CommandResult.newBuilder().setCode(ON_HAND_MISMATCH).setField("expected_on_hand")
                    .setDetail("on_hand is " + sku.onHand + ", not " + c.getExpectedOnHand())
                    .setOnHandMismatch(OnHandMismatch.newBuilder().setSku(sku.name)
                            .setExpectedOnHand(c.getExpectedOnHand()).setActualOnHand(sku.onHand)));
        }
        long newOnHand = sku.onHand + delta;
        requireCovered(sku, newOnHand, "delta");
        long ledgerIndex = state.book(sku, LedgerEntryType.ADJUSTMENT, delta, 0, reason, c.getNote());
        return stockChange(sku, ledgerIndex, 0);
    }

    static CommandResult.Builder reconcile(LedgerState state, ReconcileStock c) {
        Validation.sku("sku", c.getSku());
        long counted = c.getWarehouseOnHand();
        if (counted < 0) {
            throw Refusal.ofField(INVALID_QUANTITY, "warehouse_on_hand", "warehouse_on_hand must not be negative");
        }
        if (counted > Limits.MAX_ON_HAND) {
            throw Refusal.ofField(QUANTITY_OUT_OF_RANGE, "warehouse_on_hand", "warehouse_on_hand must be at most " + Limits.MAX_ON_HAND);
        }
        if (c.getSource().isEmpty()) {
            throw Refusal.ofField(MISSING_FIELD, "source", "source is required: who counted");
        }
        Validation.text("source", c.getSource());
        if (c.getAsOfMs() < 0) {
            throw Refusal.ofField(INVALID_VALUE, "as_of", "as_of must not be before the epoch");
        }
        Sku sku = state.sku("sku", c.getSku());
        long drift = counted - sku.onHand;
        if (drift == 0) {
            return stockChange(sku, 0, 0).setChanged(false);
        }
        if (drift < -Limits.MAX_QUANTITY || drift > Limits.MAX_QUANTITY) {
            throw Refusal.ofField(QUANTITY_OUT_OF_RANGE, "warehouse_on_hand",
                    "drift " + drift + " is beyond +/-" + Limits.MAX_QUANTITY + "; book it as receipts or adjustments");
        }
        requireCovered(sku, counted, "warehouse_on_hand");
        String note = "counted by " + c.getSource() + (c.getAsOfMs() > 0 ? " as of " + c.getAsOfMs() : "");
        long ledgerIndex = state.book(sku, LedgerEntryType.ADJUSTMENT, drift, 0, AdjustmentReason.RECONCILIATION, note);
        return stockChange(sku, ledgerIndex, drift);
    }

    /** A lower on_hand must stay non-negative and still cover every live hold and commit (less backorders). */
    private static void requireCovered(Sku sku, long newOnHand, String field) {
        if (newOnHand < 0) {
            throw Refusal.ofField(WOULD_GO_NEGATIVE, field, "on_hand would go negative (" + newOnHand + ")");
        }
        if (newOnHand > Limits.MAX_ON_HAND) {
            throw Refusal.ofField(QUANTITY_OUT_OF_RANGE, field, "on_hand would pass " + Limits.MAX_ON_HAND);
        }
        if (sku.held + sku.committed > newOnHand + sku.backorderLimit) {
            throw Refusal.ofField(WOULD_GO_NEGATIVE, field, "on_hand " + newOnHand + " would no longer cover held "
                    + sku.held + " + committed " + sku.committed + "; release or cancel reservations first");
        }
    }

    private static CommandResult.Builder stockChange(Sku sku, long ledgerIndex, long drift) {
        return CommandResult.newBuilder().setCode(OK).setChanged(true)
                .setStockChange(StockChange.newBuilder().setSku(sku.name).setLedgerIndex(ledgerIndex)
                        .setOnHand(sku.onHand).setDrift(drift));
    }
}
