package org.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.inventory.ledger.Commands.adjust;
import static org.inventory.ledger.Commands.receive;
import static org.inventory.ledger.Commands.reconcile;
import static org.inventory.ledger.proto.AdjustmentReason.ADJUSTMENT_REASON_UNSPECIFIED;
import static org.inventory.ledger.proto.AdjustmentReason.CYCLE_COUNT;
import static org.inventory.ledger.proto.AdjustmentReason.DAMAGED;
import static org.inventory.ledger.proto.AdjustmentReason.RECONCILIATION;
import static org.inventory.ledger.proto.AdjustmentReason.RETURN;

import org.inventory.ledger.proto.AdjustStock;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.LedgerCommand;
import org.inventory.ledger.proto.LedgerEntryType;
import org.inventory.ledger.proto.ReceiveStock;
import org.inventory.ledger.proto.ReconcileStock;
import org.inventory.ledger.proto.ResultCode;
import org.junit.jupiter.api.Test;

class StockCommandsTest {
    private final TestLedger t = new TestLedger();

    @Test
    void receiptAddsToOnHandAndBooksAnEntry() {
        t.stock("s", 0);
        CommandResult r = t.ok(receive("s", 7));
        assertThat(r.getStockChange().getOnHand()).isEqualTo(7);
        assertThat(r.getStockChange().getLedgerIndex()).isEqualTo(1);
        LedgerEntry e = t.ledger.ledgerEntries("s", 0, 10).orElseThrow().entries().get(0);
        assertThat(e.type()).isEqualTo(LedgerEntryType.RECEIPT);
        assertThat(e.quantity()).isEqualTo(7);
        assertThat(e.onHandAfter()).isEqualTo(7);
        assertThat(e.logIndex()).isEqualTo(t.index);
        assertThat(e.atMs()).isEqualTo(t.clockMs);
    }

    @Test
    void receiptReferenceIsKeptAsTheEntryNote() {
        t.stock("s", 0);
        t.ok(LedgerCommand.newBuilder().setReceiveStock(ReceiveStock.newBuilder().setSku("s").setQuantity(1).setReference("PO-77")).build());
        assertThat(t.ledger.ledgerEntries("s", 0, 1).orElseThrow().entries().get(0).note()).isEqualTo("PO-77");
    }

    @Test
    void receiptRefusals() {
        t.stock("s", 0);
        t.refused(receive("nope", 1), ResultCode.SKU_NOT_FOUND);
        t.refused(receive("s", 0), ResultCode.INVALID_QUANTITY);
        t.refused(receive("s", -5), ResultCode.INVALID_QUANTITY);
        t.refused(receive("s", Limits.MAX_QUANTITY + 1), ResultCode.QUANTITY_OUT_OF_RANGE);
        t.refused(receive("s", Long.MAX_VALUE), ResultCode.QUANTITY_OUT_OF_RANGE);
        t.refused(LedgerCommand.newBuilder().setReceiveStock(ReceiveStock.newBuilder().setSku("s").setQuantity(1)
                .setReference("r".repeat(Limits.MAX_TEXT_LENGTH + 1))).build(), ResultCode.TEXT_TOO_LONG);
    }

    @Test
    void onHandCannotPassItsCeiling() {
        t.stock("s", 0);
        for (long left = Limits.MAX_ON_HAND; left > 0; left -= Limits.MAX_QUANTITY) {
            t.run(receive("s", Math.min(left, Limits.MAX_QUANTITY)));
        }
        assertThat(t.ledger.sku("s").orElseThrow().getOnHand()).isEqualTo(Limits.MAX_ON_HAND);
        t.refused(receive("s", 1), ResultCode.QUANTITY_OUT_OF_RANGE);
    }

    @Test
    void adjustmentMovesOnHandEitherWayWithItsReason() {
        t.stock("s", 10);
        assertThat(t.ok(adjust("s", -3, DAMAGED)).getStockChange().getOnHand()).isEqualTo(7);
        assertThat(t.ok(adjust("s", 2, RETURN)).getStockChange().getOnHand()).isEqualTo(9);
        var entries = t.ledger.ledgerEntries("s", 0, 10).orElseThrow().entries();
        assertThat(entries).extracting(LedgerEntry::type).containsExactly(LedgerEntryType.RECEIPT,
                LedgerEntryType.ADJUSTMENT, LedgerEntryType.ADJUSTMENT);
        assertThat(entries).extracting(LedgerEntry::reasonCode).endsWith(DAMAGED, RETURN);
        assertThat(entries).extracting(LedgerEntry::quantity).containsExactly(10L, -3L, 2L);
    }

    @Test
    void adjustmentWithExpectedOnHandIsACompareAndSet() {
        t.stock("s", 10);
        CommandResult r = t.refused(adjust("s", -1, CYCLE_COUNT, 9), ResultCode.ON_HAND_MISMATCH);
        assertThat(r.getOnHandMismatch().getActualOnHand()).isEqualTo(10);
        assertThat(r.getOnHandMismatch().getExpectedOnHand()).isEqualTo(9);
        assertThat(t.ok(adjust("s", -1, CYCLE_COUNT, 10)).getStockChange().getOnHand()).isEqualTo(9);
    }

    @Test
    void adjustmentRefusals() {
        t.stock("s", 3);
        t.refused(adjust("nope", 1, DAMAGED), ResultCode.SKU_NOT_FOUND);
        t.refused(adjust("s", 0, DAMAGED), ResultCode.INVALID_QUANTITY);
        t.refused(adjust("s", Limits.MAX_QUANTITY + 1, DAMAGED), ResultCode.QUANTITY_OUT_OF_RANGE);
        t.refused(adjust("s", Long.MIN_VALUE, DAMAGED), ResultCode.QUANTITY_OUT_OF_RANGE);
        t.refused(adjust("s", -1, ADJUSTMENT_REASON_UNSPECIFIED), ResultCode.INVALID_REASON_CODE);
        t.refused(LedgerCommand.newBuilder().setAdjustStock(AdjustStock.newBuilder().setSku("s").setDelta(-1)
                .setReasonCodeValue(999)).build(), ResultCode.INVALID_REASON_CODE);
        t.refused(adjust("s", -1, DAMAGED, -1), ResultCode.INVALID_VALUE);
        t.refused(adjust("s", -4, DAMAGED), ResultCode.WOULD_GO_NEGATIVE);
    }

    @Test
    void adjustmentMayNotUncoverLiveReservations() {
        t.stock("s", 10);
        t.reserveOk("c", "s", 8);
        CommandResult r = t.refused(adjust("s", -3, DAMAGED), ResultCode.WOULD_GO_NEGATIVE);
        assertThat(r.getDetail()).contains("held 8");
        t.ok(adjust("s", -2, DAMAGED));
    }

    @Test
    void reconciliationBooksTheDriftAsAReconciliationAdjustment() {
        t.stock("s", 10);
        CommandResult r = t.ok(reconcile("s", 8, "wms-east"));
        assertThat(r.getStockChange().getDrift()).isEqualTo(-2);
        assertThat(r.getStockChange().getOnHand()).isEqualTo(8);
        LedgerEntry e = t.ledger.ledgerEntries("s", 1, 10).orElseThrow().entries().get(0);
        assertThat(e.type()).isEqualTo(LedgerEntryType.ADJUSTMENT);
        assertThat(e.reasonCode()).isEqualTo(RECONCILIATION);
        assertThat(e.quantity()).isEqualTo(-2);
        assertThat(e.note()).contains("wms-east");
        assertThat(t.ok(reconcile("s", 11, "wms-east")).getStockChange().getDrift()).isEqualTo(3);
    }

    @Test
    void reconciliationWithoutDriftBooksNothing() {
        t.stock("s", 10);
        CommandResult r = t.ok(reconcile("s", 10, "wms"));
        assertThat(r.getChanged()).isFalse();
        assertThat(r.getStockChange().getLedgerIndex()).isZero();
        assertThat(r.getStockChange().getDrift()).isZero();
        assertThat(t.ledger.ledgerEntries("s", 0, 10).orElseThrow().entries()).hasSize(1);
    }

    @Test
    void reconciliationRefusals() {
        t.stock("s", 10);
        t.reserveOk("c", "s", 6);
        t.refused(reconcile("nope", 1, "wms"), ResultCode.SKU_NOT_FOUND);
        t.refused(reconcile("s", -1, "wms"), ResultCode.INVALID_QUANTITY);
        t.refused(reconcile("s", Limits.MAX_ON_HAND + 1, "wms"), ResultCode.QUANTITY_OUT_OF_RANGE);
        t.refused(reconcile("s", 5, ""), ResultCode.MISSING_FIELD);
        t.refused(reconcile("s", 5, "w".repeat(Limits.MAX_TEXT_LENGTH + 1)), ResultCode.TEXT_TOO_LONG);
        t.refused(LedgerCommand.newBuilder().setReconcileStock(ReconcileStock.newBuilder().setSku("s")
                .setWarehouseOnHand(5).setSource("wms").setAsOfMs(-1)).build(), ResultCode.INVALID_VALUE);
        // counting fewer than are held would break held + committed <= on_hand
        t.refused(reconcile("s", 5, "wms"), ResultCode.WOULD_GO_NEGATIVE);
        t.ok(reconcile("s", 6, "wms"));
    }
}
