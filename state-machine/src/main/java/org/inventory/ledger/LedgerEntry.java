package org.inventory.ledger;

import org.inventory.ledger.proto.AdjustmentReason;
import org.inventory.ledger.proto.LedgerEntryRecord;
import org.inventory.ledger.proto.LedgerEntryType;

/**
 * One booked change to a SKU's totals, with the totals after it.
 *
 * @param ledgerIndex   position in the ledger, unique and increasing across all SKUs
 * @param logIndex      the Raft log entry whose apply booked it (several ledger entries may share one)
 * @param atMs          ledger time of that log entry
 * @param reservationId 0 when the change is not a reservation's
 */
public record LedgerEntry(long ledgerIndex, long logIndex, long atMs, LedgerEntryType type, long quantity,
                          long reservationId, AdjustmentReason reasonCode, String note,
                          long onHandAfter, long heldAfter, long committedAfter) {

    LedgerEntryRecord toRecord() {
        LedgerEntryRecord.Builder b = LedgerEntryRecord.newBuilder()
                .setLedgerIndex(ledgerIndex).setLogIndex(logIndex).setAtMs(atMs).setType(type).setQuantity(quantity)
                .setReasonCode(reasonCode).setNote(note)
                .setOnHandAfter(onHandAfter).setHeldAfter(heldAfter).setCommittedAfter(committedAfter);
        if (reservationId != 0) {
            b.setReservationId(ReservationIds.format(reservationId));
        }
        return b.build();
    }

    static LedgerEntry fromRecord(LedgerEntryRecord r) {
        long reservationId = r.getReservationId().isEmpty() ? 0 : ReservationIds.parse(r.getReservationId());
        return new LedgerEntry(r.getLedgerIndex(), r.getLogIndex(), r.getAtMs(), r.getType(), r.getQuantity(),
                reservationId, r.getReasonCode(), r.getNote(), r.getOnHandAfter(), r.getHeldAfter(), r.getCommittedAfter());
    }
}
