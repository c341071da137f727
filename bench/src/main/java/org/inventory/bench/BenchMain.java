package org.inventory.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The benchmark suite: {@code bench/run.sh [--quick]} builds, installs what is missing and runs this.
 * Phases run one after the other (each on its own fresh servers), a failing phase is reported and the next one runs,
 * and whatever this started is stopped at the end, on failure and on Ctrl-C.
 */
public final class BenchMain {
    private static final List<AutoCloseable> TO_STOP = new CopyOnWriteArrayList<>();
    static final List<Integer> PORTS = List.of(8081, 8082, 8083, 8084, 8085, 7081, 7082, 7083, 7084, 7085, PgPeer.PORT, 6390, 6391);

    private BenchMain() {
    }

    /** Registers something to stop if the run is aborted (closing twice must be harmless). */
    static void onAbort(AutoCloseable c) {
        TO_STOP.add(c);
    }

    static void stopAll() {
        Shell.destroyAll();
        for (AutoCloseable c : TO_STOP) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("cleanup: " + e);
            }
        }
        TO_STOP.clear();
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(BenchMain::stopAll, "bench-cleanup"));
        Files.createDirectories(o.out());
        Shell shell = new Shell(o.root(), o.out().resolve("raw"));
        Preflight.stopLeftovers(o, shell);
        for (String old : List.of("raw", "report.md", "results.tsv", "throughput.svg", "latency-cdf.svg", "pg", "redis-none", "redis-aof")) {
            deleteTree(o.out().resolve(old));
        }
        Results results = new Results();
        Instant started = Instant.now();
        int exit = 0;
        try {
            Preflight.run(o, shell, results);
            phase(o, results, "hot", () -> new ClusterSuite(o, shell, results).hotReserve());
            phase(o, results, "batch", () -> new ClusterSuite(o, shell, results).batchReserve());
            phase(o, results, "a", () -> new ClusterSuite(o, shell, results).flashSale(3));
            phase(o, results, "b", () -> new ClusterSuite(o, shell, results).uniform());
            phase(o, results, "c", () -> new ClusterSuite(o, shell, results).browse());
            phase(o, results, "d", () -> new ClusterSuite(o, shell, results).flashSale(5));
            phase(o, results, "postgres", () -> {
                try (PgPeer pg = new PgPeer(o, shell, results)) {
                    pg.start();
                    pg.runAll();
                }
            });
            phase(o, results, "redis", () -> {
                for (boolean aof : new boolean[] {false, true}) {
                    try (RedisPeer redis = new RedisPeer(o, shell, results, aof)) {
                        redis.start();
                        redis.runAll();
                    }
                }
            });
            phase(o, results, "jraft", () -> new JraftCeiling(o, shell, results).run());
            phase(o, results, "scale", () -> new ScaleRun(o, shell, results).run());
        } catch (Exception e) {
            results.problem("run aborted: " + e.getMessage());
        } finally {
            stopAll();
        }
        Preflight.after(results);
        results.writeTsv(o.out().resolve("results.tsv"));
        new Report(o, results, args, started, Duration.between(started, Instant.now())).write();
        System.out.println();
        System.out.println("report: " + o.out().resolve("report.md"));
        if (!results.warnings.isEmpty()) {
            System.out.println(results.warnings.size() + " warning(s): other work shared the machine, see the report");
        }
        if (!results.problems.isEmpty()) {
            System.out.println(results.problems.size() + " problem(s), see the report's \"Problems\" section");
            exit = 1;
        }
        System.exit(exit);
    }

    interface Phase {
        void run() throws Exception;
    }

    private static void phase(Options o, Results results, String name, Phase body) {
        if (!o.runs(name)) {
            return;
        }
        System.out.println("== phase " + name + " (" + Instant.now() + ")");
        Preflight.beforePhase(name, results);
        long t0 = System.nanoTime();
        try {
            body.run();
        } catch (Exception e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            results.problem("phase " + name + " failed: " + msg.lines().limit(12).reduce((a, b) -> a + "\n    " + b).orElse(""));
            e.printStackTrace(System.out);
        } finally {
            stopAll();
        }
        System.out.printf("== phase %s done in %.0f s%n", name, (System.nanoTime() - t0) / 1e9);
    }
}
