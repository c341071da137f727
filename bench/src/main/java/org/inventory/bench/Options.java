package org.inventory.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What to run. {@code --quick}: 3 s per point after 2 s of warm-up, 1 and 16 clients, a 10 k SKU catalogue and a
 * scale run of 10 k SKUs with 50 k reservations (a functional check, not a measurement). The default: 20 s per point
 * after 10 s of warm-up, 1, 16, 64 and 256 clients, 100 k SKUs, and 1 M live reservations in the scale run.
 */
record Options(Path root, Path out, boolean quick, int seconds, int warmup, int[] concurrencies, Set<String> phases,
               int catalogueSkus, int scaleSkus, int scaleReservations, long hotUnits, String nodeHeap, String scaleHeap,
               int waitQuietSeconds) {
    static final List<String> ALL_PHASES = List.of("hot", "batch", "a", "b", "c", "d", "postgres", "redis", "jraft", "scale");

    static String usage() {
        return """
                usage: bench/run.sh [--quick] [--seconds N] [--warmup N] [--concurrency 1,16,64,256]
                                    [--only hot,batch,a,b,c,d,postgres,redis,jraft,scale] [--skus N]
                                    [--scale-skus N] [--scale-reservations N] [--node-heap -Xmx2g] [--scale-heap "-Xms4g -Xmx4g"]
                  phases: hot = hot-SKU reserve (the apples-to-apples row next to the peers) and a paced point at half
                  the peak; batch = hot-SKU reservations 100 per request (POST /v1/reservations/batch) at 1, 16
                  and 64 connections; a = flash sale (hot SKU, reserve+commit); b = uniform over the catalogue (reserve+commit);
                  c = browse (95 % stale reads on followers, 5 % reservations); d = (a) on 5 nodes;
                  postgres, redis, jraft = the peers; scale = live reservations: heap, snapshot, restart.
                """;
    }

    static Options parse(String[] args) {
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        boolean quick = Arrays.asList(args).contains("--quick");
        int seconds = quick ? 3 : 20;
        int warmup = quick ? 2 : 10;
        int[] conc = quick ? new int[] {1, 16} : new int[] {1, 16, 64, 256};
        Set<String> phases = new LinkedHashSet<>(ALL_PHASES);
        int skus = quick ? 10_000 : 100_000;
        int scaleSkus = quick ? 10_000 : 100_000;
        int scaleRes = quick ? 50_000 : 1_000_000;
        String heap = "-Xmx2g";
        String scaleHeap = "-Xms4g -Xmx4g"; // fixed size: a restart loading a million reservations should not grow its heap step by step
        int waitQuiet = 600;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> { }
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--concurrency" -> conc = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--only" -> {
                    phases = new LinkedHashSet<>(List.of(args[++i].split(",")));
                    for (String p : phases) {
                        if (!ALL_PHASES.contains(p)) {
                            throw new IllegalArgumentException("unknown phase " + p + "\n" + usage());
                        }
                    }
                }
                case "--skus" -> skus = Integer.parseInt(args[++i]);
                case "--scale-skus" -> scaleSkus = Integer.parseInt(args[++i]);
                case "--scale-reservations" -> scaleRes = Integer.parseInt(args[++i]);
                case "--node-heap" -> heap = args[++i];
                case "--scale-heap" -> scaleHeap = args[++i];
                case "--wait-quiet" -> waitQuiet = Integer.parseInt(args[++i]);
                case "-h", "--help" -> throw new IllegalArgumentException(usage());
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
            }
        }
        return new Options(root, root.resolve("target/bench"), quick, seconds, warmup, conc, phases, skus, scaleSkus,
                scaleRes, 1_000_000L, heap, scaleHeap, waitQuiet);
    }

    /** The batch workload's connections: 1, 16 and 64 (only those of them a --quick or --concurrency run has, if any). */
    int[] batchConcurrencies() {
        int[] wanted = Arrays.stream(concurrencies).filter(c -> c == 1 || c == 16 || c == 64).toArray();
        return wanted.length > 0 ? wanted : new int[] {1, 16, 64};
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    /** The concurrency the peers are compared at and the CDF is drawn for: 64 if measured, else the largest. */
    int focusConcurrency() {
        return Arrays.stream(concurrencies).anyMatch(c -> c == 64) ? 64 : Arrays.stream(concurrencies).max().orElse(1);
    }

    String commandLine(String[] args) {
        return ("bench/run.sh " + String.join(" ", args)).trim();
    }
}
