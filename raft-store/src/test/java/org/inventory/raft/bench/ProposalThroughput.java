package org.inventory.raft.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.inventory.ledger.proto.LedgerCommand;
import org.inventory.ledger.proto.ReceiveStock;
import org.inventory.ledger.proto.Reserve;
import org.inventory.ledger.proto.ReservationLine;
import org.inventory.ledger.proto.ResultCode;
import org.inventory.ledger.proto.UpsertSkuPolicy;
import org.inventory.raft.LedgerReplica;
import org.inventory.raft.ReplicaConfig;

/**
 * Proposals per second through a three-replica group in this JVM, fsync on, closed loop at fixed concurrencies:
 * the ledger group (keyed hot-SKU reserves through {@link LedgerReplica}) and, in the same run, a bare JRaft group
 * that only counts entries of the same size (the engine ceiling).
 *
 * <p>Run: {@code mvn -q -DskipTests install && mvn -q -pl raft-store -Pbench exec:exec -Dbench.args="20 1,16,64,256"}
 * (seconds measured per point after 5 s of warm-up, then the concurrencies, then optionally which groups:
 * {@code ledger,counter} (the default), or any of {@code ledger}, {@code coalesced} (reserves through group
 * commit), {@code counter}). Besides the table, each point prints one
 * {@code BENCH ...} line for scripts (the benchmark suite in {@code bench/} parses it): operations, seconds, the
 * process's CPU time over the measured window (clients included: they run in this JVM) and latency percentiles.
 */
public final class ProposalThroughput {
    record Point(String group, int concurrency, double perSecond, double p50Ms, double p99Ms, double p999Ms) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int[] concurrencies = Arrays.stream((args.length > 1 ? args[1] : "1,16,64,256").split(","))
                .mapToInt(Integer::parseInt).toArray();
        List<String> groups = List.of((args.length > 2 ? args[2] : "ledger,counter").split(","));
        List<Point> points = new ArrayList<>();
        for (int c : concurrencies) {
            if (groups.contains("ledger")) {
                points.add(ledger(c, seconds, false));
            }
            if (groups.contains("coalesced")) {
                points.add(ledger(c, seconds, true));
            }
            if (groups.contains("counter")) {
                points.add(counter(c, seconds));
            }
        }
        System.out.println();
        System.out.println("| group | clients | proposals/s | p50 ms | p99 ms | p99.9 ms |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        for (Point p : points) {
            System.out.printf("| %s | %d | %.0f | %.2f | %.2f | %.2f |%n", p.group(), p.concurrency(), p.perSecond(),
                    p.p50Ms(), p.p99Ms(), p.p999Ms());
        }
        System.exit(0);
    }

    /** @param coalesced through group commit ({@link LedgerReplica#proposeReservation}) instead of one entry each */
    static Point ledger(int concurrency, int seconds, boolean coalesced) throws Exception {
        Path root = Files.createTempDirectory("bench-ledger-");
        List<String> addresses = addresses(3);
        List<LedgerReplica> replicas = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                replicas.add(LedgerReplica.start(ReplicaConfig.of(addresses.get(i), addresses, root.resolve("n" + i))));
            }
            LedgerReplica leader = null;
            while (leader == null) {
                leader = replicas.stream().filter(LedgerReplica::isLeader).findFirst().orElse(null);
                Thread.sleep(20);
            }
            LedgerReplica l = leader;
            l.propose(LedgerCommand.newBuilder().setUpsertSkuPolicy(UpsertSkuPolicy.newBuilder().setSku("hot")
                    .setHoldTtlSeconds(60)).build()).get();
            for (int i = 0; i < 1000; i++) {
                l.propose(LedgerCommand.newBuilder().setReceiveStock(ReceiveStock.newBuilder().setSku("hot")
                        .setQuantity(1_000_000_000L)).build()).get();
            }
            AtomicLong seq = new AtomicLong();
            return drive(coalesced ? "ledger (reserve, keyed, group commit)" : "ledger (reserve, keyed)", concurrency, seconds, () -> {
                long n = seq.incrementAndGet();
                Reserve reserve = Reserve.newBuilder().setCustomerId("customer-" + (n % 50_000)).setCartId("cart-" + n)
                        .addLines(ReservationLine.newBuilder().setSku("hot").setQuantity(1)).build();
                CompletableFuture<org.inventory.ledger.proto.CommandResult> answer = coalesced
                        ? l.proposeReservation("checkout-" + n, reserve)
                        : l.propose(LedgerCommand.newBuilder().setIdempotencyKey("checkout-" + n).setReserve(reserve).build().toByteArray());
                return answer.thenAccept(r -> {
                    if (r.getCode() != ResultCode.OK) {
                        throw new IllegalStateException("reserve refused: " + r.getCode());
                    }
                });
            });
        } finally {
            replicas.forEach(LedgerReplica::close);
            delete(root);
        }
    }

    static Point counter(int concurrency, int seconds) throws Exception {
        Path root = Files.createTempDirectory("bench-counter-");
        try (CounterGroup group = new CounterGroup(addresses(3), root, true)) {
            var leader = group.awaitLeader();
            byte[] payload = new byte[9 + 60]; // the size of a stamped reserve entry
            return drive("bare JRaft counter", concurrency, seconds, () -> CounterGroup.propose(leader, payload));
        } finally {
            delete(root);
        }
    }

    /** Keeps {@code concurrency} proposals in flight, each client sending its next as soon as its last is answered. */
    static Point drive(String name, int concurrency, int seconds, Supplier<CompletableFuture<Void>> propose)
            throws InterruptedException {
        ExecutorService clients = Executors.newFixedThreadPool(Math.min(concurrency, 4));
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<Throwable> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
        long[][] latencies = new long[concurrency][];
        int[] counts = new int[concurrency];
        for (int c = 0; c < concurrency; c++) {
            latencies[c] = new long[1 << 16];
        }
        for (int c = 0; c < concurrency; c++) {
            int client = c;
            clients.execute(new Runnable() {
                @Override
                public void run() {
                    if (stop.get()) {
                        return;
                    }
                    long start = System.nanoTime();
                    propose.get().whenCompleteAsync((ok, error) -> {
                        if (error != null) {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, error);
                        } else if (measuring.get()) {
                            done.incrementAndGet();
                            if (counts[client] == latencies[client].length) {
                                latencies[client] = Arrays.copyOf(latencies[client], counts[client] * 2);
                            }
                            latencies[client][counts[client]++] = System.nanoTime() - start;
                        }
                        this.run();
                    }, clients);
                }
            });
        }
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        Thread.sleep(5_000);
        long cpu0 = os.getProcessCpuTime();
        measuring.set(true);
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        long elapsed = System.nanoTime() - t0;
        long cpuNanos = os.getProcessCpuTime() - cpu0;
        stop.set(true);
        clients.shutdown();
        clients.awaitTermination(30, TimeUnit.SECONDS);
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[(int) total];
        int at = 0;
        for (int c = 0; c < concurrency; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        Point p = new Point(name, concurrency, done.get() / (elapsed / 1e9), pct(all, 0.50), pct(all, 0.99), pct(all, 0.999));
        System.out.printf("%s, %d clients: %.0f/s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms (%d failed%s)%n", name, concurrency,
                p.perSecond(), p.p50Ms(), p.p99Ms(), p.p999Ms(), failed.get(),
                firstFailure.get() == null ? "" : ", first: " + firstFailure.get());
        StringBuilder cdf = new StringBuilder();
        for (double q : new double[] {0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 100}) {
            cdf.append(cdf.length() == 0 ? "" : ",").append(q).append(':')
                    .append(all.length == 0 ? "nan" : String.format(java.util.Locale.ROOT, "%.1f", all[Math.min(all.length - 1, (int) (q / 100 * all.length))] / 1e3));
        }
        System.out.printf(java.util.Locale.ROOT, "BENCH group=%s clients=%d ops=%d seconds=%.3f failed=%d cpu_ms=%.1f lat_us=%s%n",
                name.startsWith("bare") ? "counter" : name.contains("group commit") ? "coalesced" : "ledger", concurrency, done.get(), elapsed / 1e9, failed.get(),
                cpuNanos / 1e6, cdf);
        return p;
    }

    private static double pct(long[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
    }

    private static List<String> addresses(int n) throws IOException {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                out.add("127.0.0.1:" + s.getLocalPort());
            }
        }
        return out;
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
