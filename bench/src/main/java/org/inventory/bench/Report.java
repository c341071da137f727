package org.inventory.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** target/bench/report.md with throughput.svg and latency-cdf.svg next to it. */
final class Report {
    /** Reference figures the suite was first calibrated against (hot-SKU conditional reserve, 64 clients, this machine kind). */
    static final Map<String, Double> REFERENCE = Map.of(Names.PG, 665.0, Names.REDIS, 75_000.0, Names.REDIS_AOF, 53_000.0,
            Names.JRAFT, 63_000.0);

    private final Options o;
    private final Results r;
    private final String[] args;
    private final Instant started;
    private final Duration took;

    Report(Options o, Results r, String[] args, Instant started, Duration took) {
        this.o = o;
        this.r = r;
        this.args = args;
        this.started = started;
        this.took = took;
    }

    static String fmt(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String rate(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        // thin spaces as thousands separators, as docs/performance.md writes them
        return String.format(Locale.ROOT, "%,.0f", v).replace(',', ' ');
    }

    void write() throws IOException {
        StringBuilder md = new StringBuilder();
        int focus = o.focusConcurrency();
        md.append("# Benchmark report\n\n");
        if (o.quick()) {
            md.append("> **QUICK RUN** (`--quick`): ").append(o.seconds()).append(" s per point after ").append(o.warmup())
                    .append(" s of warm-up, a scaled-down catalogue and scale run. A functional check of the suite, **not a measurement**:"
                            + " do not quote these numbers.\n\n");
        }
        md.append("Command: `").append(o.commandLine(args)).append("`  \n");
        md.append("Started ").append(started).append(", took ").append(took.toMinutes()).append(" min ")
                .append(took.toSecondsPart()).append(" s. Per point: ").append(o.warmup()).append(" s warm-up, ")
                .append(o.seconds()).append(" s measured; clients ")
                .append(Arrays.stream(o.concurrencies()).mapToObj(Integer::toString).collect(Collectors.joining(", "))).append(".\n\n");
        problems(md);
        machine(md);
        targets(md, focus);
        peers(md, focus);
        latency(md, focus);
        workloads(md);
        scale(md);
        method(md);
        Files.writeString(o.out().resolve("report.md"), md.toString());
        Files.writeString(o.out().resolve("throughput.svg"), throughputSvg());
        Files.writeString(o.out().resolve("latency-cdf.svg"), latencySvg(focus));
    }

    private void machine(StringBuilder md) {
        md.append("## Machine\n\n| | |\n| --- | --- |\n");
        r.machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(cell(v)).append(" |\n"));
        md.append("\n");
        if (!r.notes.isEmpty()) {
            md.append("Load while it ran (the servers and the load generators share these cores; anything else running "
                    + "pollutes the numbers):\n\n");
            r.notes.forEach(n -> md.append("- ").append(n).append("\n"));
            md.append("\n");
        }
        if (!r.setup.isEmpty()) {
            md.append("Setup:\n\n");
            r.setup.forEach((k, v) -> md.append("- **").append(k).append("**: ").append(v).append("\n"));
            md.append("\n");
        }
    }

    private void problems(StringBuilder md) {
        if (!r.problems.isEmpty()) {
            md.append("## Problems\n\n");
            for (String p : r.problems) {
                md.append("- ").append(p.replace("\n", "\n  ")).append("\n");
            }
            md.append("\n");
        }
        if (!r.warnings.isEmpty()) {
            md.append("## Warnings: numbers polluted\n\n");
            for (String w : r.warnings) {
                md.append("- ").append(w).append("\n");
            }
            md.append("\n");
        }
    }

    private Optional<Double> rateOf(String system, String workload, int c) {
        return r.find(system, workload, c).map(Point::opsPerSecond);
    }

    private void targets(StringBuilder md, int focus) {
        md.append("## Targets\n\n");
        if (focus != 64) {
            md.append("The targets are stated at 64 clients; this run has no 64-client point, so they are checked at ")
                    .append(focus).append(" clients.\n\n");
        }
        md.append("| target | measured | met? |\n| --- | --- | --- |\n");
        Optional<Double> inv = rateOf(Names.INV3, Names.HOT, focus);
        Optional<Double> pg = rateOf(Names.PG, Names.HOT, focus);
        Optional<Double> redisAof = rateOf(Names.REDIS_AOF, Names.HOT, focus);
        Optional<Double> jraft = rateOf(Names.JRAFT, Names.PROPOSAL, focus);
        ratioRow(md, "hot-SKU single reservations via HTTP, 3 nodes, " + focus + " clients ≥ 50 % of the bare JRaft counter", inv, jraft, 0.5);
        ratioRow(md, "… and ≥ 10× PostgreSQL (" + focus + " clients)", inv, pg, 10);
        Optional<Point> hotFocus = r.find(Names.INV3, Names.HOT, focus);
        row(md, "server CPU ≤ 0.06 ms per reservation (the three nodes together, hot reserve, " + focus + " clients)",
                hotFocus.map(p -> fmt(p.serverCpuMsPerOp(), 3) + " ms"), hotFocus.map(p -> p.serverCpuMsPerOp() <= 0.06));
        Optional<Point> single = r.find(Names.INV3, Names.HOT, 1);
        row(md, "1 client, warm: p50 ≤ 0.8 ms (hot reserve)", single.map(p -> fmt(p.latency().at(50), 2) + " ms"),
                single.map(p -> p.latency().at(50) <= 0.8));
        Optional<Point> batched = r.series(Names.INV3, Names.BATCH).stream().max((a, b) -> Double.compare(a.opsPerSecond(), b.opsPerSecond()));
        row(md, "batched (100 per request): ≥ 150 k reservations/s on 3 nodes", batched.map(p -> rate(p.opsPerSecond())
                + " reservations/s at " + p.concurrency() + " connections"), batched.map(p -> p.opsPerSecond() >= 150_000));
        Optional<Point> paced = r.series(Names.INV3, Names.PACED).stream().findFirst();
        row(md, "p99 ≤ 20 ms at half of peak (hot reserve, 3 nodes)", paced.map(p -> fmt(p.latency().at(99), 2) + " ms at "
                + rate(p.opsPerSecond()) + "/s (target " + rate(p.extra().getOrDefault("target ops/s", Double.NaN)) + "/s)"),
                paced.map(p -> p.latency().at(99) <= 20));
        // per node: the slower follower of a point; points where both followers served reads come first
        // the dedicated point (readers apart from writers) if measured, else the 95/5 mix
        List<Point> dedicated = r.series(Names.INV3, Names.C_READS);
        List<Point> both = r.series(Names.INV3, Names.C).stream().filter(p -> readNodes(p) >= 2).toList();
        Optional<Point> browse = (!dedicated.isEmpty() ? dedicated : both.isEmpty() ? r.series(Names.INV3, Names.C) : both).stream()
                .max((a, b) -> Double.compare(minReads(a), minReads(b)));
        row(md, "≥ 30 k stale availability reads/s per node while writes run (" + browse.map(Point::workload).orElse("(c)")
                + ", the slower follower)",
                browse.map(p -> rate(minReads(p)) + "/s per node at " + p.concurrency() + " clients (" + readsText(p) + ")"),
                browse.map(p -> minReads(p) >= 30_000));
        Optional<Double> perRes = r.scaleValues.entrySet().stream().filter(e -> e.getKey().startsWith("heap per live reservation"))
                .map(Map.Entry::getValue).max(Double::compare);
        row(md, "≤ 300 B heap per live reservation (scale run, the largest of the nodes)",
                perRes.map(v -> fmt(v, 0) + " B (" + r.scale.getOrDefault(scaleKey("live reservations"), "") + ")"), perRes.map(v -> v <= 300));
        Optional<Double> restart = r.scaleValues.entrySet().stream().filter(e -> e.getKey().contains("/health/readiness"))
                .map(Map.Entry::getValue).findFirst();
        row(md, "restart ≤ 5 s at that scale (kill -9 of a follower until ready)", restart.map(v -> fmt(v / 1000, 3) + " s"),
                restart.map(v -> v <= 5000));
        Optional<Double> p999 = Optional.ofNullable(r.scaleValues.get("write p99.9 while the leader snapshots, ms"));
        Optional<Double> max = Optional.ofNullable(r.scaleValues.get("write max while the leader snapshots, ms"));
        row(md, "while the leader takes a snapshot at that scale: write p99.9 ≤ 50 ms and max ≤ 200 ms (64 connections)",
                p999.flatMap(a -> max.map(b -> fmt(a, 1) + " ms / " + fmt(b, 1) + " ms")),
                p999.flatMap(a -> max.map(b -> a <= 50 && b <= 200)));
        Optional<Double> digest = r.scaleValues.entrySet().stream().filter(e -> e.getKey().startsWith("GET /v1/cluster/digest"))
                .map(Map.Entry::getValue).findFirst();
        row(md, "digest ≤ 5 ms at that scale (median of 50 asks on the leader)", digest.map(v -> fmt(v, 2) + " ms"),
                digest.map(v -> v <= 5));
        md.append("\n");
        if (o.quick()) {
            md.append("Quick run: the scale run is scaled down, so the heap and restart rows do not answer the targets either.\n\n");
        }
    }

    private String scaleKey(String prefix) {
        return r.scale.keySet().stream().filter(k -> k.startsWith(prefix)).findFirst().orElse("");
    }

    private static double minReads(Point p) {
        return p.extra().entrySet().stream().filter(e -> e.getKey().startsWith("reads/s on")).mapToDouble(Map.Entry::getValue)
                .min().orElse(0);
    }

    private static long readNodes(Point p) {
        return p.extra().keySet().stream().filter(k -> k.startsWith("reads/s on")).count();
    }

    private static String readsText(Point p) {
        return p.extra().entrySet().stream().filter(e -> e.getKey().startsWith("reads/s on"))
                .map(e -> e.getKey().substring("reads/s on ".length()) + " " + rate(e.getValue())).collect(Collectors.joining(", "))
                + ", reservations " + rate(p.extra().getOrDefault("reservations/s", Double.NaN)) + "/s";
    }

    private void ratioRow(StringBuilder md, String what, Optional<Double> ours, Optional<Double> peer, double goal) {
        if (ours.isEmpty() || peer.isEmpty() || peer.get() <= 0) {
            row(md, what, Optional.empty(), Optional.empty());
            return;
        }
        double ratio = ours.get() / peer.get();
        row(md, what, Optional.of(fmt(ratio, 2) + "× (" + rate(ours.get()) + " vs " + rate(peer.get()) + " /s)"), Optional.of(ratio >= goal));
    }

    private static void row(StringBuilder md, String what, Optional<String> measured, Optional<Boolean> met) {
        md.append("| ").append(what).append(" | ").append(measured.orElse("not measured")).append(" | ")
                .append(met.map(m -> m ? "**met**" : "**missed**").orElse("–")).append(" |\n");
    }

    private void peers(StringBuilder md, int focus) {
        md.append("## Hot-SKU conditional reserve, side by side\n\n");
        md.append("The same operation everywhere: take 1 unit of one hot SKU only if enough are left, and record the reservation. "
                + "inventory: keyed `POST /v1/reservations` through HTTP to the leader of 3 node processes (Raft, fsync); PostgreSQL: "
                + "one transaction (`UPDATE … WHERE on_hand - held - committed >= 1` + `INSERT` of the row, fsync + synchronous_commit); "
                + "Redis: one Lua script; bare JRaft: a 3-node group in one JVM whose state machine only counts.\n\n");
        String[] systems = {Names.INV3, Names.PG, Names.REDIS, Names.REDIS_AOF, Names.JRAFT};
        md.append("| clients | inventory 3 nodes | PostgreSQL | Redis (no persistence) | Redis (AOF always) | bare JRaft | ")
                .append("inv / PG | inv / Redis | inv / Redis AOF | inv / JRaft |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (int c : o.concurrencies()) {
            md.append("| ").append(c);
            double[] v = new double[systems.length];
            for (int i = 0; i < systems.length; i++) {
                v[i] = rateOf(systems[i], i == 4 ? Names.PROPOSAL : Names.HOT, c).orElse(Double.NaN);
                md.append(" | ").append(rate(v[i]));
            }
            for (int i = 1; i < systems.length; i++) {
                md.append(" | ").append(Double.isNaN(v[0]) || Double.isNaN(v[i]) ? "–" : fmt(v[0] / v[i], 2) + "×");
            }
            md.append(" |\n");
        }
        md.append("\nops/s = successful reservations (proposals for JRaft) per second. Uniform over the catalogue (")
                .append(o.catalogueSkus()).append(" SKUs), reserve only:\n\n");
        md.append("| clients | PostgreSQL | Redis (no persistence) | Redis (AOF always) |\n| --- | --- | --- | --- |\n");
        for (int c : o.concurrencies()) {
            md.append("| ").append(c);
            for (String s : new String[] {Names.PG, Names.REDIS, Names.REDIS_AOF}) {
                md.append(" | ").append(rate(rateOf(s, Names.UNIFORM, c).orElse(Double.NaN)));
            }
            md.append(" |\n");
        }
        md.append("\nThe inventory's uniform workload is (b), reserve+commit: see its table below.\n\n");
        md.append("Against the reference figures the suite was first calibrated against (hot-SKU conditional reserve, 64 clients):\n\n");
        md.append("| peer | reference | this run (").append(focus).append(" clients) |\n| --- | --- | --- |\n");
        for (String s : new String[] {Names.PG, Names.REDIS, Names.REDIS_AOF, Names.JRAFT}) {
            md.append("| ").append(s).append(" | ").append(rate(REFERENCE.get(s))).append("/s | ")
                    .append(rate(rateOf(s, s.equals(Names.JRAFT) ? Names.PROPOSAL : Names.HOT, focus).orElse(Double.NaN))).append("/s |\n");
        }
        md.append("\n![throughput vs concurrency](throughput.svg)\n\n");
    }

    private List<Point> focusPoints(int focus) {
        List<Point> out = new ArrayList<>();
        String[][] order = {{Names.INV3, Names.HOT}, {Names.INV3, Names.A}, {Names.INV3, Names.B}, {Names.INV3, Names.C},
            {Names.INV3, Names.C_READS}, {Names.INV5, Names.D}, {Names.PG, Names.HOT}, {Names.REDIS, Names.HOT},
            {Names.REDIS_AOF, Names.HOT}, {Names.JRAFT, Names.PROPOSAL}};
        for (String[] so : order) {
            r.find(so[0], so[1], focus).ifPresent(out::add);
        }
        return out;
    }

    private void latency(StringBuilder md, int focus) {
        md.append("## Latency at ").append(focus).append(" clients\n\n");
        md.append("Closed loop: each client sends its next request when the last is answered, so these are service times under "
                + "that concurrency; a stall delays the requests that would have been sent meanwhile and they are never measured "
                + "(coordinated omission): the tail of an open-loop load at the same rate would be worse.\n\n");
        md.append("| system | workload | p50 ms | p90 ms | p99 ms | p99.9 ms | p99.99 ms | max ms |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Point p : focusPoints(focus)) {
            Latency l = p.latency();
            md.append("| ").append(p.system()).append(" | ").append(p.workload()).append(" | ").append(fmt(l.at(50), 2)).append(" | ")
                    .append(fmt(l.at(90), 2)).append(" | ").append(fmt(l.at(99), 2)).append(" | ").append(fmt(l.at(99.9), 2))
                    .append(" | ").append(fmt(l.at(99.99), 2)).append(" | ").append(fmt(l.at(100), 2)).append(" |\n");
        }
        md.append("\nredis-benchmark's percentiles come from its HDR histogram (\"Latency by percentile distribution\"), read at the "
                + "first listed percentile at or above the one asked. The inventory's reserve+commit rows mix both requests in one "
                + "distribution (wrk measures per request).\n\n![latency by percentile](latency-cdf.svg)\n\n");
    }

    private void workloads(StringBuilder md) {
        md.append("## Every point\n\n");
        md.append("ops = what the workload completes: reservations (hot/uniform reserve), checkouts = reserve and commit both "
                + "answered (a, b, d), successful requests (c). Server CPU = utime+stime of the server processes (all nodes; "
                + "PostgreSQL's postmaster with its backends; redis-server) over the window ÷ ops; client CPU = the load "
                + "generator's. Failures = anything but a success or an expected refusal, plus socket errors and timeouts.\n\n");
        Set<String> keys = new LinkedHashSet<>();
        for (Point p : r.points) {
            keys.add(p.system() + "\u0000" + p.workload());
        }
        for (String key : keys) {
            String[] sw = key.split("\u0000");
            List<Point> series = r.series(sw[0], sw[1]);
            md.append("### ").append(sw[0]).append(" — ").append(sw[1]).append("\n\n");
            md.append("| clients | ops/s | p50 ms | p99 ms | p99.9 ms | server CPU ms/op | client CPU ms/op | failures | more |\n");
            md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
            List<String> notes = new ArrayList<>();
            for (Point p : series) {
                String more = p.extra().entrySet().stream().map(e -> e.getKey() + " " + (e.getKey().contains("/s") ? rate(e.getValue())
                        : fmt(e.getValue(), e.getValue() == Math.rint(e.getValue()) ? 0 : 1))).collect(Collectors.joining("; "));
                md.append("| ").append(p.concurrency()).append(" | ").append(rate(p.opsPerSecond())).append(" | ")
                        .append(fmt(p.latency().at(50), 2)).append(" | ").append(fmt(p.latency().at(99), 2)).append(" | ")
                        .append(fmt(p.latency().at(99.9), 2)).append(" | ").append(fmt(p.serverCpuMsPerOp(), 3)).append(" | ")
                        .append(fmt(p.clientCpuMsPerOp(), 3)).append(" | ").append(p.failures()).append(" | ").append(cell(more)).append(" |\n");
                if (!p.note().isEmpty()) {
                    notes.add(p.concurrency() + " clients: " + p.note());
                }
            }
            md.append("\n");
            for (String n : notes) {
                md.append("- ").append(cell(n)).append("\n");
            }
            if (!notes.isEmpty()) {
                md.append("\n");
            }
        }
    }

    private void scale(StringBuilder md) {
        if (r.scale.isEmpty()) {
            return;
        }
        md.append("## Scale run\n\n");
        md.append("A fresh 3-node cluster (heap ").append(o.scaleHeap()).append(" per node): ").append(o.scaleSkus())
                .append(" SKUs, then ").append(o.scaleReservations()).append(" held reservations (TTL 6 h, one unit each, spread "
                        + "evenly over the SKUs, 50 000 customers, each with its Idempotency-Key) through the API. Live heap = "
                        + "`jcmd <pid> GC.class_histogram` total (a full GC first). Then a snapshot on a follower, "
                        + "10 % more reservations (log to replay), kill -9 of that follower, `deploy/local-cluster.sh restart`.\n\n");
        md.append("| what | value |\n| --- | --- |\n");
        r.scale.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(cell(v)).append(" |\n"));
        md.append("\n");
    }

    private void method(StringBuilder md) {
        md.append("## How it was measured\n\n");
        md.append("""
                - **inventory**: `deploy/local-cluster.sh up --fresh --nodes 3|5` on 127.0.0.1 (fsync on, the nodes' default), \
                heap %s per node; a fresh cluster per workload, warmed up with 64 connections before the first point; per point \
                a fresh SKU with %s units, a warm-up run, then the measured run. Load: **wrk** (Debian's wrk 4.1, closed loop, \
                2 threads) with `bench/wrk/inventory.lua`: every reservation carries its own Idempotency-Key; reserve+commit \
                parses the reservation id from the 201 and commits it on the same wrk thread. Writes go to the leader; (c) sends \
                its reads (and its 5 %% reservations, which the followers forward) to the two followers, one wrk each.
                - **PostgreSQL**: Debian's server, `initdb` into target/bench/pg, 127.0.0.1:5433, fsync=on, synchronous_commit=on; \
                **pgbench** `-M prepared -j 2` with `bench/pg/reserve-*.sql`; latency from its per-transaction log (`-l`).
                - **Redis**: Debian's redis-server, two instances on 127.0.0.1:6390 (no persistence) and :6391 (appendonly yes, \
                appendfsync always); `bench/redis/reserve.lua` via **redis-benchmark** `EVALSHA` (`--threads 2`); the request count \
                per point is the warm-up rate × the seconds asked for.
                - **bare JRaft**: raft-store's `ProposalThroughput` (group `counter`), called through Maven; fresh group per point.
                - All on one machine: the servers and the load generators share its cores, so client CPU is taken from the \
                server's budget. Nothing runs concurrently between phases.
                - Raw outputs: target/bench/raw/ (wrk, pgbench, redis-benchmark, node start-up), all points: target/bench/results.tsv.

                """.formatted(o.nodeHeap(), rate(o.hotUnits())));
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private String throughputSvg() {
        String[][] order = {{Names.INV3, Names.HOT}, {Names.INV3, Names.A}, {Names.INV3, Names.B}, {Names.INV3, Names.C},
            {Names.INV5, Names.D}, {Names.PG, Names.HOT}, {Names.PG, Names.UNIFORM}, {Names.REDIS, Names.HOT},
            {Names.REDIS_AOF, Names.HOT}, {Names.REDIS_AOF, Names.UNIFORM}, {Names.JRAFT, Names.PROPOSAL}};
        List<Svg.Series> series = new ArrayList<>();
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (String[] so : order) {
            List<double[]> pts = new ArrayList<>();
            for (Point p : r.series(so[0], so[1])) {
                if (p.opsPerSecond() > 0) {
                    pts.add(new double[] {p.concurrency(), p.opsPerSecond()});
                    lo = Math.min(lo, p.opsPerSecond());
                    hi = Math.max(hi, p.opsPerSecond());
                }
            }
            if (!pts.isEmpty()) {
                series.add(new Svg.Series(shortName(so[0]) + ": " + so[1], pts, so[1].equals(Names.UNIFORM) || so[1].startsWith("(")));
            }
        }
        double[] y = Svg.logRange(lo == Double.MAX_VALUE ? 1 : lo, hi == 0 ? 10 : hi);
        int cMax = Arrays.stream(o.concurrencies()).max().orElse(1);
        double xMax = Math.max(2, cMax * 1.5);
        double[] xt = Arrays.stream(o.concurrencies()).asDoubleStream().toArray();
        Svg.Axis xAxis = new Svg.Axis("clients (connections), log scale", 0.8, xMax, true, xt, v -> Long.toString(Math.round(v)));
        Svg.Axis yAxis = new Svg.Axis("operations per second, log scale", y[0], y[1], true, Svg.logTicks(y[0], y[1]), Svg::human);
        return Svg.chart("Throughput vs concurrency" + (o.quick() ? " (QUICK RUN, not a measurement)" : ""), xAxis, yAxis, series,
                "solid: hot SKU; dashed: uniform / checkout workloads. ops = reservations, checkouts (a, b, d), requests (c), proposals (JRaft).");
    }

    private String latencySvg(int focus) {
        List<Svg.Series> series = new ArrayList<>();
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (Point p : focusPoints(focus)) {
            Latency l = p.latency();
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < l.percentiles().length; i++) {
                double q = l.percentiles()[i];
                if (q >= 100 || l.millis()[i] <= 0) {
                    continue;
                }
                pts.add(new double[] {nines(q), l.millis()[i]});
                lo = Math.min(lo, l.millis()[i]);
                hi = Math.max(hi, l.millis()[i]);
            }
            if (!pts.isEmpty()) {
                series.add(new Svg.Series(shortName(p.system()) + ": " + p.workload(), pts, p.workload().startsWith("(")));
            }
        }
        double[] y = Svg.logRange(lo == Double.MAX_VALUE ? 0.1 : lo, hi == 0 ? 1 : hi);
        double[] xt = {nines(0), nines(50), nines(90), nines(99), nines(99.9), nines(99.99)};
        String[] labels = {"0", "50%", "90%", "99%", "99.9%", "99.99%"};
        Svg.Axis xAxis = new Svg.Axis("percentile", 0, 4, false, xt, v -> {
            for (int i = 0; i < xt.length; i++) {
                if (Math.abs(xt[i] - v) < 1e-9) {
                    return labels[i];
                }
            }
            return "";
        });
        Svg.Axis yAxis = new Svg.Axis("latency ms, log scale", y[0], y[1], true, Svg.logTicks(y[0], y[1]), Svg::human);
        return Svg.chart("Latency by percentile at " + focus + " clients" + (o.quick() ? " (QUICK RUN, not a measurement)" : ""),
                xAxis, yAxis, series, "x: percentile on a 'nines' scale (0, 90, 99, 99.9, 99.99 %); closed loop: service time, see the report on coordinated omission.");
    }

    /** 0 → 0, 90 → 1, 99 → 2, 99.9 → 3 (the x position of a percentile on a "nines" axis). */
    static double nines(double q) {
        return -Math.log10(1 - Math.min(q, 99.999) / 100);
    }

    private static String shortName(String system) {
        return switch (system) {
            case Names.INV3 -> "inventory 3n";
            case Names.INV5 -> "inventory 5n";
            case Names.PG -> "PostgreSQL";
            case Names.REDIS -> "Redis";
            case Names.REDIS_AOF -> "Redis AOF always";
            case Names.JRAFT -> "bare JRaft";
            default -> system;
        };
    }
}
