package org.inventory.ledger.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.inventory.ledger.Ledger;

/**
 * Time to capture, write and load a ledger snapshot at the scale run's shape (default 100 k SKUs, 1 M keyed one-unit
 * holds), in-process, from and to a file: five captures (the pause on the applying thread; the first pays the JIT),
 * the write of the last, five loads, each timed, and the time to read and to recompute the digest.
 *
 * <pre>java -cp ... org.inventory.ledger.bench.SnapshotTiming [skus] [reservations] [--keep FILE]</pre>
 *
 * <p>{@code --keep FILE} leaves the written snapshot there, for {@link SnapshotLoad} in a fresh JVM.
 */
public final class SnapshotTiming {
    public static void main(String[] args) throws Exception {
        int skus = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int reservations = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Ledger ledger = new ScaleLedger().catalogue(skus).reservations(skus, reservations).ledger();
        Path kept = args.length > 3 && args[2].equals("--keep") ? Path.of(args[3]) : null;
        Path file = kept != null ? kept : Files.createTempFile("ledger", ".snap");
        try {
            org.inventory.ledger.SnapshotCapture capture = null;
            for (int run = 1; run <= 5; run++) {
                if (capture != null) {
                    capture.abandon();
                }
                long c0 = System.nanoTime();
                capture = ledger.captureSnapshot();
                System.out.printf("capture %d: %.1f ms%n", run, (System.nanoTime() - c0) / 1e6);
            }
            long t0 = System.nanoTime();
            long[] slices = new long[4]; // count, total ns, longest ns, over 5 ms
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                capture.writeTo(out, slice -> {
                    long s0 = System.nanoTime();
                    slice.run();
                    long took = System.nanoTime() - s0;
                    slices[0]++;
                    slices[1] += took;
                    slices[2] = Math.max(slices[2], took);
                    slices[3] += took > 5_000_000 ? 1 : 0;
                });
            }
            System.out.printf("write (off the applying thread): %d ms, %d MB; of it freezing in %d slices: %d ms, the longest %.2f ms, %d over 5 ms%n",
                    (System.nanoTime() - t0) / 1_000_000, Files.size(file) >> 20, slices[0], slices[1] / 1_000_000,
                    slices[2] / 1e6, slices[3]);
            long d0 = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                ledger.digest();
            }
            System.out.printf("digest read: %.1f us; ", (System.nanoTime() - d0) / 1000 / 1e3);
            long v0 = System.nanoTime();
            boolean same = ledger.verifyDigest();
            System.out.printf("recomputed from every record: %d ms (%s)%n", (System.nanoTime() - v0) / 1_000_000, same ? "equal" : "DIFFERENT");
            for (int run = 1; run <= 5; run++) {
                long t1 = System.nanoTime();
                Ledger loaded;
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                    loaded = Ledger.readSnapshot(in);
                }
                System.out.printf("load %d: %d ms (%d reservations)%n", run, (System.nanoTime() - t1) / 1_000_000, loaded.reservationCount());
            }
        } finally {
            if (kept == null) {
                Files.delete(file);
            }
        }
    }
}
