package org.inventory.ledger.bench;

import java.lang.management.ManagementFactory;
import org.inventory.ledger.Ledger;
import org.inventory.ledger.LedgerSettings;
import org.inventory.ledger.proto.LedgerCommand;
import org.inventory.ledger.proto.ReceiveStock;
import org.inventory.ledger.proto.Reserve;
import org.inventory.ledger.proto.ReservationLine;
import org.inventory.ledger.proto.ResultCode;
import org.inventory.ledger.proto.UpsertSkuPolicy;

/**
 * Live heap one held reservation costs a replica, idempotency record included: the scale run's shape (100 k SKUs,
 * 1-unit holds of 6 h spread over them, 50 k customers, one key per reservation) applied straight to a ledger, live
 * heap read after full GCs before and after the reservations. Prints a line per figure; the class histogram while it
 * waits at the end ({@code jcmd <pid> GC.class_histogram}) says where the bytes are.
 *
 * <pre>java -cp ... org.inventory.ledger.bench.HeapPerReservation [skus] [reservations] [wait-seconds]</pre>
 */
public final class HeapPerReservation {
    public static void main(String[] args) throws Exception {
        int skus = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int reservations = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int waitSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        Ledger ledger = new Ledger(LedgerSettings.DEFAULT);
        long index = 0;
        long now = 1_700_000_000_000L;
        for (int i = 0; i < skus; i++) {
            ok(ledger, LedgerCommand.newBuilder().setUpsertSkuPolicy(UpsertSkuPolicy.newBuilder().setSku("s-" + i)).build(), ++index, now);
            ok(ledger, LedgerCommand.newBuilder().setIdempotencyKey("receipt-" + i)
                    .setReceiveStock(ReceiveStock.newBuilder().setSku("s-" + i).setQuantity(1_000_000)).build(), ++index, now);
        }
        long before = liveHeap();
        for (int i = 0; i < reservations; i++) {
            if ((i & 63) == 0) now++;
            ok(ledger, LedgerCommand.newBuilder().setIdempotencyKey("scale-1f3a9c2e-" + i)
                    .setReserve(Reserve.newBuilder().setCustomerId("c-" + (i % 50_000)).setTtlSeconds(21_600)
                            .addLines(ReservationLine.newBuilder().setSku("s-" + (i % skus)).setQuantity(1))).build(), ++index, now);
        }
        long after = liveHeap();
        System.out.printf("skus %d, reservations %d: live heap %d MB -> %d MB, %.0f B per reservation (idempotency record included)%n",
                skus, reservations, before >> 20, after >> 20, (after - before) / (double) reservations);
        if (waitSeconds > 0) {
            System.out.println("pid " + ProcessHandle.current().pid() + ": waiting " + waitSeconds + " s for jcmd");
            Thread.sleep(waitSeconds * 1000L);
        }
        System.out.println("units held " + ledger.unitsHeld()); // keeps the ledger reachable to the end
    }

    private static void ok(Ledger ledger, LedgerCommand c, long index, long now) {
        ResultCode code = ledger.apply(c.toByteArray(), index, now).getCode();
        if (code != ResultCode.OK) throw new IllegalStateException("refused: " + code + " at " + index);
    }

    private static long liveHeap() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
