package org.inventory.chaos;

import org.inventory.chaos.check.CheckResult;
import org.inventory.chaos.check.Checks;
import org.inventory.chaos.cluster.ChaosCluster;
import org.inventory.chaos.cluster.Http;
import org.inventory.chaos.cluster.NodeProcess;
import org.inventory.chaos.history.History;
import org.inventory.chaos.history.Op;
import org.inventory.chaos.nemesis.Nemesis;
import org.inventory.chaos.report.ReportWriter;
import org.inventory.chaos.report.RunInfo;
import org.inventory.chaos.workload.Attempts;
import org.inventory.chaos.workload.CheckoutClient;
import org.inventory.chaos.workload.LedgerTailer;
import org.inventory.chaos.workload.Operations;
import org.inventory.chaos.workload.Skus;
import org.inventory.chaos.workload.StockClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One chaos run, start to verdict: a cluster of real nodes, buyers racing for tiny stocks through random nodes
 * while the nemesis kills, pauses, partitions and reconfigures, then healing, recovery of indeterminate
 * operations, final reads, the checks and the report.
 */
public final class ChaosRun {
    /** The outcome: the report's verdict line, where the run's files are, and each check. */
    public record Outcome(String verdict, Path dir, List<CheckResult> results, List<String> faults) {
    }

    private ChaosRun() {
    }

    public static Outcome run(ChaosSettings s) throws Exception {
        Instant started = Instant.now();
        String name = "run-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started)
                + "-seed" + s.seed();
        Path dir = s.outDir().resolve(name);
        Files.createDirectories(dir);
        System.out.println("chaos: run " + name + " seed " + s.seed() + " (" + s.nodes() + " nodes, " + s.duration()
                + "); files in " + dir.toAbsolutePath() + "\nchaos: reproduce with " + s.reproduce());
        Random random = new Random(s.seed());
        List<String> skus = Skus.names(s.skus());
        List<String> faults;
        String harnessProblem = null;
        try (History history = new History(dir.resolve("history.jsonl"));
             ChaosCluster cluster = ChaosCluster.start(dir, s.jar(), s.nodes(), s.heap())) {
            Http http = new Http(Duration.ofSeconds(2));
            Attempts attempts = new Attempts(http, cluster.nodes());
            // a checkout gives up after 6 s (faults last up to 10 s), so some operations end indeterminate and
            // are decided by the recovery pass, as an outbox would
            Operations ops = new Operations(history, attempts, 6_000);
            setUp(cluster, attempts, ops, skus, random);

            AtomicBoolean stop = new AtomicBoolean();
            long until = System.nanoTime() + s.duration().toNanos();
            List<Thread> workload = new ArrayList<>();
            for (int i = 1; i <= s.clients(); i++) {
                workload.add(started("c" + i,
                        new CheckoutClient("c" + i, ops, skus, random.nextLong(), stop::get)));
            }
            for (int i = 1; i <= 2; i++) {
                workload.add(started("s" + i,
                        new StockClient("s" + i, ops, skus, random.nextLong(), 250, stop::get)));
            }
            LedgerTailer tailer = new LedgerTailer(history, http, cluster.nodes(), skus, random.nextLong(), stop::get);
            workload.add(started("tailer", tailer));
            Nemesis nemesis = new Nemesis(cluster, history, attempts, random.nextLong(), until);
            Thread nemesisThread = started("nemesis", nemesis);

            nemesisThread.join();
            long left = (until - System.nanoTime()) / 1_000_000;
            if (left > 0) {
                Thread.sleep(left);
            }
            stop.set(true);
            for (Thread t : workload) {
                t.join();
            }
            faults = nemesis.played();
            if (nemesis.failure() != null) {
                harnessProblem = "the nemesis stopped early: " + nemesis.failure();
                nemesis.failure().printStackTrace();
            }

            System.out.println("chaos: load stopped after " + faults.size() + " faults; healing");
            try {
                healRecoverAndRead(cluster, http, ops, tailer, history, skus, random);
            } catch (Exception e) {
                // still check and report what was recorded: the report says the final phase did not complete
                e.printStackTrace();
                String problem = "healing or the final reads failed: " + e;
                harnessProblem = harnessProblem == null ? problem : harnessProblem + "; " + problem;
            }
        }
        List<Op> events = History.read(dir.resolve("history.jsonl"));
        List<CheckResult> results = Checks.all(events, harnessProblem);
        ReportWriter.write(dir, new RunInfo(name, s.seed(), s.nodes(), s.duration(), started, s.reproduce()), events, results);
        String verdict = ReportWriter.verdict(results);
        System.out.println("chaos: " + verdict + " — " + dir.resolve("report.md").toAbsolutePath());
        for (CheckResult r : results) {
            System.out.println("chaos:   " + r.verdict() + " " + r.name() + ": " + r.summary());
            r.problems().stream().limit(10).forEach(p -> System.out.println("chaos:     " + p));
        }
        return new Outcome(verdict, dir, results, faults);
    }

    private static void healRecoverAndRead(ChaosCluster cluster, Http http, Operations ops, LedgerTailer tailer,
                                           History history, List<String> skus, Random random) throws Exception {
        cluster.healAll();
        String leader = cluster.awaitLeader(Duration.ofSeconds(60));
        awaitReady(http, cluster.nodes(), Duration.ofSeconds(90));
        int pending = ops.indeterminateCount();
        int resolved = ops.recover(random);
        System.out.println("chaos: recovery pass resolved " + resolved + " of " + pending + " indeterminate operations");
        Thread.sleep(5_000); // every hold the run left behind is due by now (ttl <= 4 s): final states are final
        FinalReads reads = new FinalReads(history, http, cluster.nodes());
        reads.skus(skus);
        tailer.catchUp(cluster.node(leader));
        reads.reservations(history.events());
        if (!reads.digests(100)) {
            System.out.println("chaos: replicas did not converge");
        }
    }

    /** Policies with short holds, and each SKU's first stock (recorded: the checker starts every SKU at zero). */
    private static void setUp(ChaosCluster cluster, Attempts attempts, Operations ops, List<String> skus, Random random)
            throws InterruptedException {
        for (String sku : skus) {
            Attempts.Result r = attempts.untilDefinite(random, "PUT", "/v1/skus/" + sku, ChaosCluster.STOCK, null,
                    Map.of("hold_ttl_seconds", 3), 30_000, () -> false);
            if (!r.definite() || r.reply().status() != 200) {
                throw new IllegalStateException("could not create " + sku + ": " + (r.definite() ? r.reply().body() : r.reason()));
            }
            Op receipt = ops.receipt("setup", random, sku, 1 + random.nextInt(3), "setup-" + sku, () -> false);
            if (receipt.type() != Op.Type.ok) {
                throw new IllegalStateException("could not stock " + sku + ": " + receipt.value());
            }
        }
    }

    private static Thread started(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.start();
        return t;
    }

    private static void awaitReady(Http http, List<NodeProcess> nodes, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        for (NodeProcess node : nodes) {
            while (true) {
                try {
                    if (http.get(node.url("/health/readiness")).status() == 200) {
                        break;
                    }
                } catch (java.io.IOException e) {
                    // still starting
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(node + " not ready within " + within + " after healing");
                }
                Thread.sleep(250);
            }
        }
    }
}
