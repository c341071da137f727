package org.inventory.ledger.bench;

import java.lang.management.ManagementFactory;

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
        ScaleLedger scale = new ScaleLedger().catalogue(skus);
        long before = liveHeap();
        scale.reservations(skus, reservations);
        long after = liveHeap();
        System.out.printf("skus %d, reservations %d: live heap %d MB -> %d MB, %.0f B per reservation (idempotency record included)%n",
                skus, reservations, before >> 20, after >> 20, (after - before) / (double) reservations);
        if (waitSeconds > 0) {
            System.out.println("pid " + ProcessHandle.current().pid() + ": waiting " + waitSeconds + " s for jcmd");
            Thread.sleep(waitSeconds * 1000L);
        }
        System.out.println("units held " + scale.ledger().unitsHeld()); // keeps the ledger reachable to the end
    }

    private static long liveHeap() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
