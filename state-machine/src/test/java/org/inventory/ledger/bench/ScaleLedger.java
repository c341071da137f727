package org.inventory.ledger.bench;

import org.inventory.ledger.Ledger;
import org.inventory.ledger.LedgerSettings;
import org.inventory.ledger.proto.LedgerCommand;
import org.inventory.ledger.proto.ReceiveStock;
import org.inventory.ledger.proto.Reserve;
import org.inventory.ledger.proto.ReservationLine;
import org.inventory.ledger.proto.ResultCode;
import org.inventory.ledger.proto.UpsertSkuPolicy;

/**
 * The benchmark suite's scale-run shape applied straight to a ledger: {@code skus} SKUs with stock (policy + keyed
 * receipt each), then {@code reservations} keyed one-unit holds of 6 h spread evenly over them, 50 k customers,
 * ledger time moving 1 ms per 64 entries. Refusals stop it: the tools would not measure what they say.
 */
final class ScaleLedger {
    private final Ledger ledger = new Ledger(LedgerSettings.DEFAULT);
    private long index;
    private long nowMs = 1_700_000_000_000L;

    Ledger ledger() {
        return ledger;
    }

    ScaleLedger catalogue(int skus) {
        for (int i = 0; i < skus; i++) {
            apply(LedgerCommand.newBuilder().setUpsertSkuPolicy(UpsertSkuPolicy.newBuilder().setSku("s-" + i)).build());
            apply(LedgerCommand.newBuilder().setIdempotencyKey("receipt-" + i)
                    .setReceiveStock(ReceiveStock.newBuilder().setSku("s-" + i).setQuantity(1_000_000)).build());
        }
        return this;
    }

    ScaleLedger reservations(int skus, int reservations) {
        for (int i = 0; i < reservations; i++) {
            if ((i & 63) == 0) nowMs++;
            apply(LedgerCommand.newBuilder().setIdempotencyKey("scale-1f3a9c2e-" + i)
                    .setReserve(Reserve.newBuilder().setCustomerId("c-" + (i % 50_000)).setTtlSeconds(21_600)
                            .addLines(ReservationLine.newBuilder().setSku("s-" + (i % skus)).setQuantity(1))).build());
        }
        return this;
    }

    private void apply(LedgerCommand c) {
        ResultCode code = ledger.apply(c.toByteArray(), ++index, nowMs).getCode();
        if (code != ResultCode.OK) throw new IllegalStateException("refused: " + code + " at " + index);
    }
}
