package org.inventory.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The workloads against real node processes: each on a fresh cluster ({@code local-cluster.sh up --fresh}), warmed
 * up once at 64 connections, then per concurrency a warm-up run and a measured run of wrk. Writes go to the leader
 * (found with GET /v1/cluster); browse traffic goes to the followers.
 */
final class ClusterSuite {
    private final Options o;
    private final Shell shell;
    private final Results results;
    private final Wrk wrk;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private int runs;

    ClusterSuite(Options o, Shell shell, Results results) {
        this.o = o;
        this.shell = shell;
        this.results = results;
        this.wrk = new Wrk(shell, o.root().resolve("bench/wrk/inventory.lua").toString());
    }

    private Map<String, String> env(Cluster cluster, String mode, String... kv) {
        Map<String, String> env = new HashMap<>();
        env.put("MODE", mode);
        env.put("TOKEN", cluster.token("checkout"));
        env.put("RUN", runId + "-" + (++runs));
        for (int i = 0; i + 1 < kv.length; i += 2) {
            env.put(kv[i], kv[i + 1]);
        }
        return env;
    }

    private Cluster start(int nodes) throws InterruptedException {
        return start(nodes, o.nodeHeap());
    }

    private Cluster start(int nodes, String heap) throws InterruptedException {
        Cluster cluster = new Cluster(shell, o.root(), nodes, heap);
        BenchMain.onAbort(cluster);
        cluster.up();
        // one warm-up for the JITs of every node before the first point
        cluster.createSku("warm", 1_000_000_000L, null);
        wrk.run(Cluster.url(cluster.leader()), 64, o.warmup(), env(cluster, "reserve", "SKU", "warm"), "warmup-cluster-" + nodes);
        return cluster;
    }

    /** Hot-SKU reserve only (what the peers do), then one paced point at half of its peak. */
    void hotReserve() throws InterruptedException {
        try (Cluster cluster = start(3)) {
            for (int c : o.concurrencies()) {
                String sku = "hot-" + c;
                cluster.createSku(sku, o.hotUnits(), null);
                Map<String, String> env = env(cluster, "reserve", "SKU", sku);
                Point p = measureOnLeader(cluster, Names.INV3, Names.HOT, c, env, "reserved");
                results.add(withStock(cluster, sku, p));
            }
            paced(cluster);
        }
    }

    /**
     * The hot reserve at about half its peak rate: wrk cannot send at a fixed rate (wrk2 is not in Debian), so every
     * connection waits before each request (wrk's delay()), and the wait is calibrated with two short runs so that
     * connections / (wait + latency) meets the target. Still a closed loop with think time, not an open loop: a stall
     * holds back the requests of the stalled connections. At least the focus concurrency, more when the target is
     * high, so that the wait stays well above wrk's 1 ms resolution.
     */
    private void paced(Cluster cluster) throws InterruptedException {
        List<Point> sweep = results.series(Names.INV3, Names.HOT);
        Point peak = sweep.stream().max((x, y) -> Double.compare(x.opsPerSecond(), y.opsPerSecond())).orElse(null);
        if (peak == null || peak.opsPerSecond() <= 0) {
            results.problem("paced point skipped: no hot reserve peak measured");
            return;
        }
        double target = peak.opsPerSecond() / 2;
        int c = (int) Math.max(o.focusConcurrency(), Math.min(256, Math.round(target * 0.025)));
        String url = Cluster.url(cluster.leader());
        String sku = "paced";
        cluster.createSku(sku, o.hotUnits(), null);
        double cycleMs = c * 1000.0 / target;
        long delay = Math.max(1, Math.round(cycleMs));
        for (int round = 0; round < 2; round++) {
            Wrk.Run cal = wrk.run(url, c, Math.max(2, o.warmup()), env(cluster, "reserve", "SKU", "warm", "DELAY_MS", Long.toString(delay)),
                    "paced-calibration-" + round);
            double rate = cal.get("reserved") / cal.seconds();
            if (rate <= 0) {
                break;
            }
            double latencyMs = Math.max(0, c * 1000.0 / rate - delay);
            delay = Math.max(1, Math.round(cycleMs - latencyMs));
        }
        Map<String, String> env = env(cluster, "reserve", "SKU", sku, "DELAY_MS", Long.toString(delay));
        Point p = measureOnLeader(cluster, Names.INV3, Names.PACED, c, env, "reserved");
        Map<String, Double> extra = new java.util.LinkedHashMap<>(p.extra());
        extra.put("target ops/s", target);
        extra.put("delay ms", (double) delay);
        results.add(new Point(p.system(), p.workload(), p.concurrency(), p.seconds(), p.ops(), p.requests(), p.failures(),
                p.latency(), p.serverCpuMs(), p.clientCpuMs(), String.format(Locale.ROOT,
                "target %.0f/s = half the peak %.0f/s (%d clients); each of %d connections waits %d ms before each request "
                        + "(calibrated); achieved %.0f%% of the target", target, peak.opsPerSecond(), peak.concurrency(), c, delay,
                100 * p.opsPerSecond() / target) + (p.note().isEmpty() ? "" : "; " + p.note()), extra));
    }

    /**
     * Reservations of the hot SKU, 100 per request (one log entry each), at 1, 16 and 64 connections to the leader;
     * ops = reservations. Each point on a fresh cluster with room for what it creates: at 150 k/s a point leaves a few
     * million holds and idempotency keys behind, which a 2 GB node heap would not hold.
     */
    void batchReserve() throws InterruptedException {
        for (int c : o.batchConcurrencies()) {
            try (Cluster cluster = start(3, BATCH_HEAP)) {
                String sku = "batch-" + c;
                cluster.createSku(sku, 1_000_000_000L, null);
                Map<String, String> env = env(cluster, "batch", "SKU", sku, "BATCH", "100");
                Point p = measureOnLeader(cluster, Names.INV3, Names.BATCH, c, env, "reserved");
                Map<String, Double> extra = new java.util.LinkedHashMap<>(p.extra());
                extra.put("batches/s", p.requests() / p.seconds());
                results.add(new Point(p.system(), p.workload(), p.concurrency(), p.seconds(), p.ops(), p.requests(), p.failures(),
                        p.latency(), p.serverCpuMs(), p.clientCpuMs(), "latency is per batch of 100"
                                + (p.note().isEmpty() ? "" : "; " + p.note()), extra));
            }
        }
    }

    static final String BATCH_HEAP = "-Xms4g -Xmx4g";

    /** (a) on 3 nodes, (d) on 5: the hot SKU, each reservation committed by the same client right after. */
    void flashSale(int nodes) throws InterruptedException {
        String system = nodes == 3 ? Names.INV3 : Names.INV5;
        String workload = nodes == 3 ? Names.A : Names.D;
        try (Cluster cluster = start(nodes)) {
            for (int c : o.concurrencies()) {
                String sku = "flash-" + c;
                cluster.createSku(sku, o.hotUnits(), null);
                Point p = measureOnLeader(cluster, system, workload, c, env(cluster, "reserve_commit", "SKU", sku), "committed");
                results.add(withStock(cluster, sku, p));
            }
        }
    }

    /** (b): reserve+commit on SKUs picked uniformly from the catalogue. */
    void uniform() throws InterruptedException {
        try (Cluster cluster = start(3)) {
            Loader.Stats s = cluster.createCatalogue("sku-", o.catalogueSkus(), 1_000_000L, null, 64);
            results.setup.put("(b) catalogue", String.format(Locale.ROOT, "%d SKUs created in %.1f s (PUT + receipt each, %d retries)",
                    o.catalogueSkus(), s.seconds(), s.retries()));
            for (int c : o.concurrencies()) {
                Map<String, String> env = env(cluster, "reserve_commit", "SKU_COUNT", Integer.toString(o.catalogueSkus()),
                        "SKU_PREFIX", "sku-");
                results.add(measureOnLeader(cluster, Names.INV3, Names.B, c, env, "committed"));
            }
        }
    }

    /** (c): 95 % stale availability reads of the hot SKU on the followers, 5 % reservations of it (forwarded). */
    void browse() throws InterruptedException {
        try (Cluster cluster = start(3)) {
            String sku = "browse-hot";
            cluster.createSku(sku, o.hotUnits(), null);
            List<Integer> followers = cluster.followers();
            for (int c : o.concurrencies()) {
                List<String> urls = new ArrayList<>();
                List<Integer> conns = new ArrayList<>();
                if (c == 1) {
                    urls.add(Cluster.url(followers.get(0)));
                    conns.add(1);
                } else {
                    for (int k = 0; k < followers.size(); k++) {
                        urls.add(Cluster.url(followers.get(k)));
                        conns.add(c / followers.size() + (k < c % followers.size() ? 1 : 0));
                    }
                }
                Map<String, String> env = env(cluster, "browse", "SKU", sku, "READ_PCT", "95");
                wrk.runTogether(urls, conns, o.warmup(), env, "warmup-c-" + c);
                double cpu0 = Cpu.treeMs(cluster.pids());
                double client0 = Cpu.reapedChildrenMs();
                List<Wrk.Run> runs = wrk.runTogether(urls, conns, o.seconds(), env(cluster, "browse", "SKU", sku, "READ_PCT", "95"),
                        "c-" + c);
                double cpu = Cpu.treeMs(cluster.pids()) - cpu0;
                double client = Cpu.reapedChildrenMs() - client0;
                long reads = 0;
                long reserved = 0;
                long requests = 0;
                long failures = 0;
                double seconds = 0;
                Map<String, Double> extra = new java.util.LinkedHashMap<>();
                StringBuilder note = new StringBuilder();
                for (int k = 0; k < runs.size(); k++) {
                    Wrk.Run r = runs.get(k);
                    reads += r.get("reads");
                    reserved += r.get("reserved");
                    requests += r.get("requests");
                    failures += r.failures();
                    seconds = Math.max(seconds, r.seconds());
                    extra.put("reads/s on n" + followers.get(k), r.get("reads") / r.seconds());
                    if (!r.sample().isEmpty()) {
                        note.append("first unexpected answer: ").append(r.sample());
                    }
                }
                extra.put("reservations/s", reserved / seconds);
                if (runs.size() > 1) {
                    note.insert(0, "latency: the worse of the " + runs.size() + " wrk processes per percentile" + (note.length() > 0 ? "; " : ""));
                }
                results.add(new Point(Names.INV3, Names.C, c, seconds, reads + reserved, requests, failures,
                        Latency.worstOf(runs.stream().map(Wrk.Run::latency).toList()), cpu, client, note.toString(), extra));
            }
            readsWhileWriting(cluster, sku, followers);
        }
    }

    /**
     * The read capacity of the followers while writes run: in the 95/5 mix a connection that sends a reservation waits
     * for it (forwarded, replicated, fsynced) before its next read, so its reads/s are bounded by the write latency.
     * Here readers and writers are separate connections: reads only on each follower (half the focus concurrency
     * each) while 16 connections reserve the same SKU on the leader. This point answers the "stale reads per node
     * while writes run" target.
     */
    private void readsWhileWriting(Cluster cluster, String sku, List<Integer> followers) throws InterruptedException {
        int c = o.focusConcurrency();
        int writers = 16;
        List<String> urls = new ArrayList<>();
        List<Integer> conns = new ArrayList<>();
        List<Map<String, String>> envs = new ArrayList<>();
        for (int f : followers) {
            urls.add(Cluster.url(f));
            conns.add(Math.max(1, c / followers.size()));
            envs.add(env(cluster, "browse", "SKU", sku, "READ_PCT", "100"));
        }
        urls.add(Cluster.url(cluster.leader()));
        conns.add(writers);
        envs.add(env(cluster, "reserve", "SKU", sku));
        wrk.runTogether(urls, conns, o.warmup(), envs, "warmup-c-reads");
        double cpu0 = Cpu.treeMs(cluster.pids());
        double client0 = Cpu.reapedChildrenMs();
        List<Wrk.Run> runs = wrk.runTogether(urls, conns, o.seconds(), envs, "c-reads");
        double cpu = Cpu.treeMs(cluster.pids()) - cpu0;
        double client = Cpu.reapedChildrenMs() - client0;
        Map<String, Double> extra = new java.util.LinkedHashMap<>();
        long reads = 0;
        long failures = 0;
        double seconds = 0;
        for (int k = 0; k < followers.size(); k++) {
            Wrk.Run r = runs.get(k);
            reads += r.get("reads");
            failures += r.failures();
            seconds = Math.max(seconds, r.seconds());
            extra.put("reads/s on n" + followers.get(k), r.get("reads") / r.seconds());
        }
        Wrk.Run writer = runs.get(followers.size());
        failures += writer.failures();
        extra.put("reservations/s", writer.get("reserved") / writer.seconds());
        extra.put("reservation p99 ms", writer.latency().at(99));
        results.add(new Point(Names.INV3, Names.C_READS, c, seconds, reads, reads, failures,
                Latency.worstOf(runs.subList(0, followers.size()).stream().map(Wrk.Run::latency).toList()), cpu, client,
                String.format(Locale.ROOT, "%d reader connections (stale availability reads only) over the followers, "
                        + "%d writer connections reserving the same SKU on the leader; ops and latency are the reads' "
                        + "(the worse follower per percentile); CPU per read includes the writes", c, writers), extra));
    }

    /** A warm-up run and a measured run of wrk against the leader at {@code c} connections. */
    private Point measureOnLeader(Cluster cluster, String system, String workload, int c, Map<String, String> env,
                                  String opsKey) throws InterruptedException {
        String url = Cluster.url(cluster.leader());
        String tag = (system.startsWith("inventory 5") ? "n5-" : "n3-") + workload.replaceAll("[^a-z0-9]+", "_") + "-" + c;
        Map<String, String> warmEnv = new HashMap<>(env);
        warmEnv.put("RUN", env.get("RUN") + "w");
        if (env.containsKey("SKU")) {
            warmEnv.put("SKU", "warm");
        }
        wrk.run(url, c, o.warmup(), warmEnv, "warmup-" + tag);
        double cpu0 = Cpu.treeMs(cluster.pids());
        double client0 = Cpu.reapedChildrenMs();
        Wrk.Run r = wrk.run(url, c, o.seconds(), env, tag);
        double cpu = Cpu.treeMs(cluster.pids()) - cpu0;
        double client = Cpu.reapedChildrenMs() - client0;
        Map<String, Double> extra = new java.util.LinkedHashMap<>();
        extra.put("HTTP requests/s", r.get("requests") / r.seconds());
        String note = r.sample().isEmpty() ? "" : "first unexpected answer: " + r.sample();
        if (r.get("insufficient") > 0) {
            note = (note.isEmpty() ? "" : note + "; ") + r.get("insufficient") + " refused insufficient_stock (sold out)";
        }
        return new Point(system, workload, c, r.seconds(), r.get(opsKey), r.get("requests"), r.failures(), r.latency(), cpu,
                client, note, extra);
    }

    /** Adds the SKU's final held/committed to the point, and whether it sold out. */
    private Point withStock(Cluster cluster, String sku, Point p) throws InterruptedException {
        String view = cluster.sku(sku);
        long sellable = Http.num(view, "sellable");
        Map<String, Double> extra = new java.util.LinkedHashMap<>(p.extra());
        extra.put("sellable left", (double) sellable);
        String note = p.note();
        if (sellable == 0) {
            note = (note.isEmpty() ? "" : note + "; ") + "SOLD OUT during the point: later requests were refusals";
        }
        return new Point(p.system(), p.workload(), p.concurrency(), p.seconds(), p.ops(), p.requests(), p.failures(),
                p.latency(), p.serverCpuMs(), p.clientCpuMs(), note, extra);
    }
}
