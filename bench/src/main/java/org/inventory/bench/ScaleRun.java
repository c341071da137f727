package org.inventory.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Locale;

/**
 * Live reservations at scale on a fresh 3-node cluster: the catalogue, then many held reservations (long TTL, each
 * with its Idempotency-Key, as the API requires), loaded through the API with the JDK HttpClient. Measures live heap
 * per SKU and per reservation (jcmd GC.class_histogram: a full GC, then the reachable bytes), the time and size of a
 * snapshot on a follower, and that follower's restart after kill -9 (snapshot load plus replay of the log written
 * after the snapshot) until /health/readiness answers 200.
 */
final class ScaleRun {
    private final Options o;
    private final Shell shell;
    private final Results results;

    ScaleRun(Options o, Shell shell, Results results) {
        this.o = o;
        this.shell = shell;
        this.results = results;
    }

    void run() throws InterruptedException, IOException {
        try (Cluster cluster = new Cluster(shell, o.root(), 3, o.scaleHeap())) {
            BenchMain.onAbort(cluster);
            cluster.up();
            int leader = cluster.leader();
            int victim = cluster.followers().get(0);
            long[] heap0 = heaps(cluster, "empty");
            int skus = o.scaleSkus();
            int reservations = o.scaleReservations();
            long unitsPerSku = Math.max(100, 4L * reservations / skus);
            Loader.Stats cat = cluster.createCatalogue("s-", skus, unitsPerSku, null, 64);
            long[] heap1 = heaps(cluster, "catalogue");
            Loader.Stats res = reserve(cluster, leader, 0, reservations, skus);
            if (res.failed() > 0) {
                results.problem("scale: " + res.failed() + " reservations failed; first: " + res.firstFailure());
            }
            long[] heap2 = heaps(cluster, "reservations");
            results.scale("SKUs", String.format(Locale.ROOT, "%d (created in %.1f s)", skus, cat.seconds()), skus);
            results.scale("live reservations (HELD, each with its idempotency key)",
                    String.format(Locale.ROOT, "%d (loaded in %.1f s, %.0f/s, %d retried)", res.ok(), res.seconds(), res.perSecond(), res.retries()),
                    res.ok());
            for (int i = 1; i <= 3; i++) {
                String role = i == leader ? "leader" : "follower";
                double perSku = (heap1[i] - heap0[i]) / (double) skus;
                double perRes = (heap2[i] - heap1[i]) / (double) Math.max(1, res.ok());
                results.scale("live heap n" + i + " (" + role + "): empty / catalogue / + reservations",
                        String.format(Locale.ROOT, "%s / %s / %s", mb(heap0[i]), mb(heap1[i]), mb(heap2[i])), heap2[i]);
                results.scale("heap per SKU on n" + i + " (" + role + "), bytes", String.format(Locale.ROOT, "%.0f", perSku), perSku);
                results.scale("heap per live reservation on n" + i + " (" + role + "), bytes", String.format(Locale.ROOT, "%.0f", perRes), perRes);
            }
            Duration snap = cluster.snapshot(victim);
            long snapBytes = Cluster.sizeOf(cluster.dataDir(victim).resolve("snapshot"));
            results.scale("snapshot on n" + victim + " (follower): time, ms", Long.toString(snap.toMillis()), snap.toMillis());
            results.scale("snapshot on n" + victim + " (follower): size on disk, bytes", String.format(Locale.ROOT, "%d (%s)", snapBytes, mb(snapBytes)), snapBytes);
            // log written after the snapshot, for the restart to replay
            int tail = Math.max(1_000, reservations / 10 / 500 * 500);
            Loader.Stats after = reserve(cluster, leader, reservations, tail, skus);
            long target = cluster.appliedIndex(leader);
            awaitApplied(cluster, victim, target, Duration.ofMinutes(2));
            long logBytes = Cluster.sizeOf(cluster.dataDir(victim).resolve("log"));
            results.scale("log after the snapshot on n" + victim + ": entries to replay (reservations), log dir bytes",
                    String.format(Locale.ROOT, "%d, %d (%s)", after.ok(), logBytes, mb(logBytes)), after.ok());
            cluster.kill(victim);
            long t0 = System.nanoTime();
            cluster.restart(victim);
            Cluster.Startup startup = cluster.awaitReadyNoting(victim, Duration.ofMinutes(5));
            Duration ready = startup.ready();
            double readyMs = (System.nanoTime() - t0) / 1e6;
            double answeredMs = (startup.firstAnswer().toNanos() + (readyMs * 1e6 - ready.toNanos())) / 1e6;
            awaitApplied(cluster, victim, target, Duration.ofMinutes(5));
            double caughtUpMs = (System.nanoTime() - t0) / 1e6;
            results.scale("restart of n" + victim + " after kill -9: until /health/readiness = 200, ms", String.format(Locale.ROOT, "%.0f", readyMs), readyMs);
            results.scale("restart of n" + victim + ": until applied index >= the leader's before the kill, ms", String.format(Locale.ROOT, "%.0f", caughtUpMs), caughtUpMs);
            // a small snapshot loads before the server is up: LOADING for 0 ms is then no fault
            results.scale("restart of n" + victim + ": until its HTTP server answered, ms; then readiness said LOADING for, ms",
                    String.format(Locale.ROOT, "%.0f; %d", answeredMs, startup.loading().toMillis()), answeredMs);
            if (ready.isZero()) {
                results.problem("scale: readiness answered at once; timing suspicious");
            }
            // the leader's ticks keep appending: compare the two digests at one applied index
            String d1 = "";
            String d2 = "";
            boolean same = false;
            // asked at the same moment: the leader's ticks move the applied index every 500 ms
            for (int attempt = 0; attempt < 20 && !same; attempt++) {
                java.util.concurrent.CompletableFuture<String> onLeader = java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> Http.get(Cluster.url(leader) + "/v1/cluster/digest", null).body());
                java.util.concurrent.CompletableFuture<String> onVictim = java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> Http.get(Cluster.url(victim) + "/v1/cluster/digest", null).body());
                d1 = onLeader.join();
                d2 = onVictim.join();
                if (Http.num(d1, "applied_index") == Http.num(d2, "applied_index")) {
                    same = Http.str(d1, "digest") != null && Http.str(d1, "digest").equals(Http.str(d2, "digest"));
                    break;
                }
                Thread.sleep(50);
            }
            results.scale("digest of the restarted follower equals the leader's", same ? "yes" : "no (" + d1 + " vs " + d2 + ")", same ? 1 : 0);
            // last: its writes add to the state the figures above describe
            snapshotUnderLoad(cluster, leader);
        }
    }

    /** Every node's live heap; the histograms stay in raw/ as scale-heap-STAGE-nI.txt, to diff leader and followers. */
    private long[] heaps(Cluster cluster, String stage) {
        long[] h = new long[cluster.nodes() + 1];
        for (int i = 1; i <= cluster.nodes(); i++) {
            h[i] = cluster.liveHeapBytes(i, "scale-heap-" + stage + "-n" + i);
        }
        return h;
    }

    /** Reservations {@code from .. from+count-1}, 500 to a batch request (each item with its own key, as ever). */
    private Loader.Stats reserve(Cluster cluster, int leader, int from, int count, int skus) throws InterruptedException {
        String base = Cluster.url(leader) + "/v1/reservations/batch";
        String token = cluster.token("checkout");
        String nonce = Long.toString(System.nanoTime(), 36);
        int perBatch = 500;
        int batches = (count + perBatch - 1) / perBatch;
        if (count % perBatch != 0) {
            throw new IllegalArgumentException("the scale run loads reservations 500 at a time: " + count + " is not a multiple");
        }
        return Loader.run(batches, 8, b -> {
            StringBuilder body = new StringBuilder("{\"reservations\":[");
            for (int k = 0; k < perBatch; k++) {
                int i = from + b * perBatch + k;
                body.append(k == 0 ? "" : ",").append("{\"idempotency_key\":\"scale-").append(nonce).append('-').append(i)
                        .append("\",\"lines\":[{\"sku\":\"s-").append(i % skus).append("\",\"quantity\":1}],\"customer_id\":\"c-")
                        .append(i % 50_000).append("\",\"ttl_seconds\":21600}");
            }
            body.append("]}");
            return HttpRequest.newBuilder(URI.create(base)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        }, perBatch, r -> count(r.body(), "\"status\":201"));
    }

    private static int count(String body, String what) {
        int n = 0;
        for (int at = body.indexOf(what); at >= 0; at = body.indexOf(what, at + what.length())) {
            n++;
        }
        return n;
    }

    /**
     * The leader's write latency while it takes a snapshot: wrk's hot reserve at 64 connections for 15 s, the snapshot
     * asked for 4 s in; then the same without a snapshot, for comparison. And what a digest costs to ask for.
     */
    private void snapshotUnderLoad(Cluster cluster, int leader) throws InterruptedException {
        Wrk wrk = new Wrk(shell, o.root().resolve("bench/wrk/inventory.lua").toString());
        cluster.createSku("scale-hot", 1_000_000_000L, null);
        java.util.Map<String, String> env = new java.util.HashMap<>(java.util.Map.of("MODE", "reserve", "SKU", "scale-hot",
                "TOKEN", cluster.token("checkout"), "RUN", "scale-" + Long.toString(System.nanoTime(), 36)));
        String url = Cluster.url(leader);
        wrk.run(url, 64, 5, env, "scale-warmup");
        env.put("RUN", env.get("RUN") + "q");
        Wrk.Run quiet = wrk.run(url, 64, 15, env, "scale-no-snapshot");
        java.util.concurrent.CompletableFuture<Duration> snap = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(4_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return cluster.snapshot(leader);
        });
        env.put("RUN", env.get("RUN") + "s");
        Wrk.Run during = wrk.run(url, 64, 15, env, "scale-during-snapshot");
        Duration took = snap.join();
        results.scale("leader snapshot under 64-connection writes: snapshot time, ms", Long.toString(took.toMillis()), took.toMillis());
        for (Wrk.Run r : new Wrk.Run[] {quiet, during}) {
            String what = r == quiet ? "without a snapshot" : "while the leader snapshots";
            results.scale("write latency " + what + ": reservations/s, p50 / p99 / p99.9 / max ms",
                    String.format(Locale.ROOT, "%.0f, %.1f / %.1f / %.1f / %.1f", r.get("reserved") / r.seconds(), r.latency().at(50),
                            r.latency().at(99), r.latency().at(99.9), r.latency().at(100)), r.latency().at(100));
        }
        results.scaleValues.put("write p99.9 while the leader snapshots, ms", during.latency().at(99.9));
        results.scaleValues.put("write max while the leader snapshots, ms", during.latency().at(100));
        double[] ms = new double[50];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            Http.get(url + "/v1/cluster/digest", null);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(ms);
        results.scale("GET /v1/cluster/digest on the leader (50 asks): median / max ms",
                String.format(Locale.ROOT, "%.2f / %.2f", ms[ms.length / 2], ms[ms.length - 1]), ms[ms.length / 2]);
    }

    private static void awaitApplied(Cluster cluster, int node, long index, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (cluster.appliedIndex(node) < index) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("n" + node + " did not reach applied index " + index + " in " + timeout);
            }
            Thread.sleep(20);
        }
    }

    static String mb(double bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
