package org.inventory.ledger.bench;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.inventory.ledger.Ledger;

/**
 * Loads one snapshot file the way a restarting replica does (checksum pass, then the read), in a fresh JVM: the
 * load that a restart waits for pays the JIT and the heap's first touch, which {@link SnapshotTiming}'s later loads
 * in a warm JVM do not. Write the file with {@code SnapshotTiming ... --keep FILE}.
 *
 * <pre>java -Xms4g -Xmx4g -cp ... org.inventory.ledger.bench.SnapshotLoad FILE</pre>
 */
public final class SnapshotLoad {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long t0 = System.nanoTime();
        Ledger loaded = Ledger.readVerifiedSnapshot(() -> new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        long took = System.nanoTime() - t0;
        System.out.printf("load: %d ms (%d reservations, %d MB), JVM up %d ms before it%n", took / 1_000_000,
                loaded.reservationCount(), Files.size(file) >> 20,
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() - took / 1_000_000);
    }
}
