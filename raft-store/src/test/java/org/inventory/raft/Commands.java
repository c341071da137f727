package org.inventory.raft;

import org.inventory.ledger.proto.LedgerCommand;
import org.inventory.ledger.proto.ReceiveStock;
import org.inventory.ledger.proto.Reserve;
import org.inventory.ledger.proto.ReservationLine;
import org.inventory.ledger.proto.UpsertSkuPolicy;

final class Commands {
    private Commands() {
    }

    static LedgerCommand createSku(String sku) {
        return LedgerCommand.newBuilder().setUpsertSkuPolicy(UpsertSkuPolicy.newBuilder().setSku(sku)).build();
    }

    static LedgerCommand receive(String sku, long quantity) {
        return LedgerCommand.newBuilder().setReceiveStock(ReceiveStock.newBuilder().setSku(sku).setQuantity(quantity)).build();
    }

    static LedgerCommand commit(String reservationId) {
        return LedgerCommand.newBuilder().setCommitReservation(
                org.inventory.ledger.proto.CommitReservation.newBuilder().setReservationId(reservationId)).build();
    }

    static LedgerCommand release(String reservationId) {
        return LedgerCommand.newBuilder().setReleaseReservation(
                org.inventory.ledger.proto.ReleaseReservation.newBuilder().setReservationId(reservationId).setReason("test")).build();
    }

    static LedgerCommand reserve(String key, String customer, String sku, long quantity) {
        return LedgerCommand.newBuilder().setIdempotencyKey(key).setReserve(Reserve.newBuilder().setCustomerId(customer)
                .addLines(ReservationLine.newBuilder().setSku(sku).setQuantity(quantity))).build();
    }
}
