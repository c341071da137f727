package org.inventory.ledger;

import org.inventory.ledger.proto.AdjustStock;
import org.inventory.ledger.proto.AdjustmentReason;
import org.inventory.ledger.proto.CancelReservation;
import org.inventory.ledger.proto.CommitReservation;
import org.inventory.ledger.proto.ExtendReservation;
import org.inventory.ledger.proto.FulfilReservation;
import org.inventory.ledger.proto.LedgerCommand;
import org.inventory.ledger.proto.ReceiveStock;
import org.inventory.ledger.proto.ReconcileStock;
import org.inventory.ledger.proto.ReleaseReservation;
import org.inventory.ledger.proto.Reserve;
import org.inventory.ledger.proto.ReservationLine;
import org.inventory.ledger.proto.Tick;
import org.inventory.ledger.proto.UpsertSkuPolicy;

/** Terse builders for ledger commands in tests. */
final class Commands {
    private Commands() {
    }

    static LedgerCommand policy(UpsertSkuPolicy.Builder p) {
        return LedgerCommand.newBuilder().setUpsertSkuPolicy(p).build();
    }

    static LedgerCommand createSku(String sku) {
        return policy(UpsertSkuPolicy.newBuilder().setSku(sku));
    }

    static LedgerCommand receive(String sku, long quantity) {
        return LedgerCommand.newBuilder().setReceiveStock(ReceiveStock.newBuilder().setSku(sku).setQuantity(quantity)).build();
    }

    static LedgerCommand adjust(String sku, long delta, AdjustmentReason reason) {
        return LedgerCommand.newBuilder().setAdjustStock(AdjustStock.newBuilder().setSku(sku).setDelta(delta).setReasonCode(reason)).build();
    }

    static LedgerCommand adjust(String sku, long delta, AdjustmentReason reason, long expectedOnHand) {
        return LedgerCommand.newBuilder().setAdjustStock(AdjustStock.newBuilder().setSku(sku).setDelta(delta)
                .setReasonCode(reason).setExpectedOnHand(expectedOnHand)).build();
    }

    static LedgerCommand reconcile(String sku, long counted, String source) {
        return LedgerCommand.newBuilder().setReconcileStock(ReconcileStock.newBuilder().setSku(sku)
                .setWarehouseOnHand(counted).setSource(source)).build();
    }

    static LedgerCommand batch(java.util.List<org.inventory.ledger.proto.BatchedReservation> items) {
        return LedgerCommand.newBuilder().setReserveBatch(org.inventory.ledger.proto.ReserveBatch.newBuilder().addAllItems(items)).build();
    }

    /** A batch item: {@code command}'s reservation under {@code key}. */
    static org.inventory.ledger.proto.BatchedReservation item(String key, LedgerCommand command) {
        return org.inventory.ledger.proto.BatchedReservation.newBuilder().setIdempotencyKey(key).setReserve(command.getReserve()).build();
    }

    static ReservationLine line(String sku, long quantity) {
        return ReservationLine.newBuilder().setSku(sku).setQuantity(quantity).build();
    }

    static LedgerCommand reserve(String customer, ReservationLine... lines) {
        return reserve(Reserve.newBuilder().setCustomerId(customer), lines);
    }

    static LedgerCommand reserve(Reserve.Builder r, ReservationLine... lines) {
        for (ReservationLine l : lines) {
            r.addLines(l);
        }
        return LedgerCommand.newBuilder().setReserve(r).build();
    }

    static LedgerCommand commit(String id) {
        return LedgerCommand.newBuilder().setCommitReservation(CommitReservation.newBuilder().setReservationId(id)).build();
    }

    static LedgerCommand release(String id) {
        return LedgerCommand.newBuilder().setReleaseReservation(ReleaseReservation.newBuilder().setReservationId(id)).build();
    }

    static LedgerCommand extend(String id, int ttlSeconds) {
        return LedgerCommand.newBuilder().setExtendReservation(ExtendReservation.newBuilder().setReservationId(id)
                .setTtlSeconds(ttlSeconds)).build();
    }

    static LedgerCommand cancel(String id) {
        return LedgerCommand.newBuilder().setCancelReservation(CancelReservation.newBuilder().setReservationId(id)).build();
    }

    static LedgerCommand fulfil(String id) {
        return LedgerCommand.newBuilder().setFulfilReservation(FulfilReservation.newBuilder().setReservationId(id)).build();
    }

    static LedgerCommand tick() {
        return LedgerCommand.newBuilder().setTick(Tick.getDefaultInstance()).build();
    }

    static LedgerCommand keyed(String key, LedgerCommand c) {
        return c.toBuilder().setIdempotencyKey(key).build();
    }
}
