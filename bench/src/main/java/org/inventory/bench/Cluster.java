package org.inventory.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A local cluster of real node processes, started and stopped with {@code deploy/local-cluster.sh} (127.0.0.1,
 * node i on HTTP port 8080+i, state in .cluster/, fsync on: the nodes' default).
 */
final class Cluster implements AutoCloseable {
    private final Shell shell;
    private final Path root;
    private final int nodes;
    private final String heap;
    private final Map<String, String> tokens = new HashMap<>();
    private boolean started;

    Cluster(Shell shell, Path root, int nodes, String heap) {
        this.shell = shell;
        this.root = root;
        this.nodes = nodes;
        this.heap = heap;
    }

    int nodes() {
        return nodes;
    }

    String heap() {
        return heap;
    }

    /** {@code local-cluster.sh up --fresh --nodes N}, then waits until every node is ready. */
    Cluster up() throws InterruptedException {
        started = true;
        shell.run(List.of("deploy/local-cluster.sh", "up", "--fresh", "--nodes", Integer.toString(nodes)),
                Map.of("INVENTORY_NODE_HEAP", heap), Duration.ofMinutes(5), "cluster-up-" + nodes).orThrow("cluster up");
        try {
            for (String line : Files.readAllLines(root.resolve(".cluster/tokens.env"))) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    tokens.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("no tokens in .cluster/tokens.env", e);
        }
        for (int i = 1; i <= nodes; i++) {
            awaitReady(i, Duration.ofSeconds(60));
        }
        return this;
    }

    @Override
    public void close() {
        if (started && Files.exists(root.resolve(".cluster/cluster.env"))) {
            shell.run(List.of("deploy/local-cluster.sh", "down"), Map.of(), Duration.ofMinutes(2), null);
        }
        started = false;
    }

    String token(String role) {
        return tokens.get("INVENTORY_" + role.toUpperCase() + "_TOKEN");
    }

    static String url(int i) {
        return "http://127.0.0.1:" + (8080 + i);
    }

    long pid(int i) {
        try {
            return Long.parseLong(Files.readString(root.resolve(".cluster/n" + i + ".pid")).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    List<Long> pids() {
        List<Long> out = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            long p = pid(i);
            if (p > 0) {
                out.add(p);
            }
        }
        return out;
    }

    /** The leader's node number, asked of every node in turn until one names it (up to 30 s). */
    int leader() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = 1; i <= nodes; i++) {
                Http.Response r = Http.get(url(i) + "/v1/cluster", null);
                String leader = r.status() == 200 ? Http.str(r.body(), "leader") : null;
                if (leader != null && leader.matches("n\\d+")) {
                    return Integer.parseInt(leader.substring(1));
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no leader known after 30 s");
    }

    List<Integer> followers() throws InterruptedException {
        int leader = leader();
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            if (i != leader) {
                out.add(i);
            }
        }
        return out;
    }

    /** Waits for /health/readiness to answer 200; returns how long that took. */
    Duration awaitReady(int i, Duration timeout) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Http.get(url(i) + "/health/readiness", null).status() == 200) {
                return Duration.ofNanos(System.nanoTime() - t0);
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("n" + i + " not ready after " + timeout);
    }

    /** How a restarting node came up: when its HTTP server first answered, how long it said LOADING, when it was ready. */
    record Startup(Duration firstAnswer, Duration loading, Duration ready) {
    }

    /** As {@link #awaitReady}, noting what readiness answered on the way (every 20 ms). */
    Startup awaitReadyNoting(int i, Duration timeout) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        long firstAnswer = -1;
        long loading = 0;
        long last = t0;
        while (System.nanoTime() < deadline) {
            Http.Response r = Http.get(url(i) + "/health/readiness", null);
            long now = System.nanoTime();
            if (r.status() > 0 && firstAnswer < 0) {
                firstAnswer = now - t0;
            }
            if (r.body() != null && r.body().contains("\"LOADING\"")) {
                loading += now - last;
            }
            if (r.status() == 200) {
                return new Startup(Duration.ofNanos(firstAnswer), Duration.ofNanos(loading), Duration.ofNanos(now - t0));
            }
            last = now;
            Thread.sleep(20);
        }
        throw new IllegalStateException("n" + i + " not ready after " + timeout);
    }

    /** Creates (or updates) a SKU and receives {@code units} into it, through the leader. */
    void createSku(String sku, long units, String policyJson) throws InterruptedException {
        String base = url(leader());
        Http.Response put = Http.send("PUT", base + "/v1/skus/" + sku, token("stock"), null,
                policyJson == null ? "{}" : policyJson, Duration.ofSeconds(30));
        if (put.status() != 200) {
            throw new IllegalStateException("PUT sku " + sku + ": " + put.status() + " " + put.body());
        }
        if (units > 0) {
            Http.Response receipt = Http.send("POST", base + "/v1/skus/" + sku + "/receipts", token("stock"),
                    "receipt-" + sku + "-" + System.nanoTime(), "{\"quantity\":" + units + "}", Duration.ofSeconds(30));
            if (receipt.status() != 201) {
                throw new IllegalStateException("receipt " + sku + ": " + receipt.status() + " " + receipt.body());
            }
        }
    }

    /** Creates SKUs {@code prefix0..prefix(count-1)} with {@code units} each, {@code concurrency} requests at a time. */
    Loader.Stats createCatalogue(String prefix, int count, long units, String policyJson, int concurrency)
            throws InterruptedException {
        String base = url(leader());
        String stock = token("stock");
        Loader.Stats puts = Loader.run(count, concurrency, i -> HttpRequest.newBuilder(URI.create(base + "/v1/skus/" + prefix + i))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + stock)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(policyJson == null ? "{}" : policyJson)).build());
        String nonce = Long.toString(System.nanoTime(), 36);
        Loader.Stats receipts = Loader.run(count, concurrency, i -> HttpRequest.newBuilder(URI.create(base + "/v1/skus/" + prefix + i + "/receipts"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + stock)
                .header("Content-Type", "application/json").header("Idempotency-Key", "cat-" + nonce + "-" + i)
                .POST(HttpRequest.BodyPublishers.ofString("{\"quantity\":" + units + "}")).build());
        if (puts.failed() > 0 || receipts.failed() > 0) {
            throw new IllegalStateException("catalogue: " + puts.failed() + " PUTs and " + receipts.failed()
                    + " receipts failed; first: " + (puts.firstFailure() != null ? puts.firstFailure() : receipts.firstFailure()));
        }
        return new Loader.Stats(puts.ok() + receipts.ok(), 0, puts.retries() + receipts.retries(),
                puts.seconds() + receipts.seconds(), null);
    }

    /** The SKU view (linearizable read) as JSON. */
    String sku(String sku) throws InterruptedException {
        Http.Response r = Http.get(url(leader()) + "/v1/skus/" + sku, token("stock"));
        if (r.status() != 200) {
            throw new IllegalStateException("GET sku " + sku + ": " + r.status() + " " + r.body());
        }
        return r.body();
    }

    long appliedIndex(int i) {
        Http.Response r = Http.get(url(i) + "/v1/cluster/digest", null);
        return r.status() == 200 ? Http.num(r.body(), "applied_index") : -1;
    }

    /** POST /v1/cluster/snapshot on node i; returns how long it took. */
    Duration snapshot(int i) {
        long t0 = System.nanoTime();
        Http.Response r = Http.send("POST", url(i) + "/v1/cluster/snapshot", token("admin"), null, null, Duration.ofMinutes(10));
        if (r.status() != 200) {
            throw new IllegalStateException("snapshot on n" + i + ": " + r.status() + " " + r.body());
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    Path dataDir(int i) {
        return root.resolve(".cluster/n" + i);
    }

    static long sizeOf(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    void kill(int i) {
        shell.run(List.of("deploy/local-cluster.sh", "kill", Integer.toString(i)), Map.of(), Duration.ofMinutes(1), null)
                .orThrow("kill n" + i);
    }

    void restart(int i) {
        shell.run(List.of("deploy/local-cluster.sh", "restart", Integer.toString(i)), Map.of("INVENTORY_NODE_HEAP", heap),
                Duration.ofMinutes(2), null).orThrow("restart n" + i);
    }

    /**
     * Live heap of node i in bytes: {@code jcmd <pid> GC.class_histogram} forces a full collection and sums what is
     * still reachable (its "Total" line).
     */
    long liveHeapBytes(int i) {
        return liveHeapBytes(i, null);
    }

    /** As {@link #liveHeapBytes(int)}, keeping the whole histogram under the raw outputs as {@code <name>.txt}. */
    long liveHeapBytes(int i, String name) {
        Shell.Result r = shell.run(List.of("jcmd", Long.toString(pid(i)), "GC.class_histogram"), Map.of(),
                Duration.ofMinutes(5), name).orThrow("jcmd GC.class_histogram n" + i);
        Matcher m = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$").matcher(r.output());
        if (!m.find()) {
            throw new IllegalStateException("no Total line in the class histogram of n" + i);
        }
        return Long.parseLong(m.group(2));
    }
}
