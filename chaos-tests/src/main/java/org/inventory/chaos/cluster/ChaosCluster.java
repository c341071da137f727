package org.inventory.chaos.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A cluster of real node processes for the chaos suite: node i (1-based) listens on 127.0.0.(9+i), HTTP port
 * 8180+i and Raft port 7180+i. The ports differ from {@code deploy/local-cluster.sh}'s (8080+i, 7080+i) because
 * JRaft binds its port on every address: a local cluster left running would otherwise collide with the suite. Everything it creates
 * (processes, cgroups, firewall rules, data directories) is removed by {@link #close()}, which a shutdown hook also
 * runs when the test JVM is interrupted.
 */
public final class ChaosCluster implements AutoCloseable {
    public static final String ADMIN = "chaos-admin-token-0123456789";
    public static final String CHECKOUT = "chaos-checkout-token-0123456789";
    public static final String STOCK = "chaos-stock-token-0123456789";

    private final Path dir;
    private final Path jar;
    private final Path tokens;
    private final String heap;
    private final List<NodeProcess> nodes = new ArrayList<>();
    private final Map<String, Boolean> joined = new LinkedHashMap<>();
    private final Cgroups cgroups;
    private final Firewall firewall;
    private final Http http = new Http(Duration.ofSeconds(1));
    private final Thread cleanup = new Thread(this::closeQuietly, "chaos-cleanup");
    private boolean closed;

    /** Starts {@code n} voters on 127.0.0.10, .11, ... and returns once they agree on a leader. */
    public static ChaosCluster start(Path dir, Path jar, int n, String heap) throws IOException, InterruptedException {
        ChaosCluster c = new ChaosCluster(dir, jar, heap);
        try {
            c.boot(n);
            return c;
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private ChaosCluster(Path dir, Path jar, String heap) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build http-api first (mvn -DskipTests package)");
        }
        this.dir = dir;
        this.jar = jar;
        this.heap = heap;
        Files.createDirectories(dir.resolve("nodes"));
        tokens = dir.resolve("tokens.env");
        Files.writeString(tokens, "INVENTORY_ADMIN_TOKEN=" + ADMIN + "\nINVENTORY_CHECKOUT_TOKEN=" + CHECKOUT
                + "\nINVENTORY_STOCK_TOKEN=" + STOCK + "\n");
        cgroups = Cgroups.find();
        cgroups.removeAll();
        firewall = Firewall.install();
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    private void boot(int n) throws IOException, InterruptedException {
        for (int i = 1; i <= n; i++) {
            nodes.add(new NodeProcess("n" + i, "127.0.0." + (9 + i), 8180 + i, 7180 + i,
                    dir.resolve("data").resolve("n" + i), dir.resolve("nodes").resolve("n" + i + ".log")));
        }
        for (NodeProcess node : nodes) {
            requireFree(node.httpPort);
            requireFree(node.raftPort);
        }
        for (NodeProcess node : nodes) {
            joined.put(node.id, false);
            launch(node);
        }
        awaitLeader(Duration.ofSeconds(60));
    }

    private static void requireFree(int port) {
        try (java.net.ServerSocket s = new java.net.ServerSocket(port)) {
            s.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is taken (" + e.getMessage() + "): the chaos suite needs "
                    + "ports 7181.. and 8181..; is a test cluster still running?");
        }
    }

    private void launch(NodeProcess node) throws IOException, InterruptedException {
        Files.createDirectories(node.dataDir());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // five JVMs share two cores: one GC thread each, and C1 only so warm-up does not starve the rest
                heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlogback.middleware.log.disable=true", "-jar", jar.toString(),
                "--node-id", node.id, "--http", node.http(), "--raft", node.raft(),
                "--data-dir", node.dataDir().toString(), "--tokens-file", tokens.toString()));
        if (joined.get(node.id)) {
            cmd.add("--join");
        } else {
            cmd.add("--peers");
            cmd.add(String.join(",", nodes.stream().map(p -> p.id + "=" + p.raft() + "@" + p.http()).toList()));
        }
        node.start(cgroups.create(node.id), cmd);
    }

    public List<NodeProcess> nodes() {
        return List.copyOf(nodes);
    }

    public NodeProcess node(String id) {
        return nodes.stream().filter(n -> n.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + id));
    }

    public Firewall firewall() {
        return firewall;
    }

    public void kill(String id) throws IOException, InterruptedException {
        node(id).kill();
    }

    /** Starts a killed node again on its data directory, with the options it was first started with. */
    public void restart(String id) throws IOException, InterruptedException {
        NodeProcess node = node(id);
        node.kill();
        launch(node);
    }

    /** Kills a node, wipes its data and starts it empty with --join, waiting to be added back. */
    public void wipeAndStartJoining(String id) throws IOException, InterruptedException {
        NodeProcess node = node(id);
        node.kill();
        deleteTree(node.dataDir());
        joined.put(id, true);
        launch(node);
    }

    public void pause(String id) throws IOException, InterruptedException {
        node(id).pause();
    }

    public void resume(String id) throws IOException, InterruptedException {
        node(id).resume();
    }

    /** Cuts each listed node off from the addresses of the nodes it holds a grudge against (both ways). */
    public void partition(Map<String, ? extends Collection<String>> grudge) throws IOException, InterruptedException {
        Map<String, Collection<String>> byAddress = new LinkedHashMap<>();
        grudge.forEach((from, to) -> {
            for (String other : to) {
                byAddress.computeIfAbsent(from, k -> new ArrayList<>()).add(node(other).ip);
                byAddress.computeIfAbsent(other, k -> new ArrayList<>()).add(node(from).ip);
            }
        });
        byAddress.replaceAll((k, v) -> v.stream().distinct().toList());
        firewall.cut(byAddress);
    }

    /** Heals every fault: rules removed, paused nodes resumed, dead nodes started again. */
    public void healAll() throws IOException, InterruptedException {
        firewall.heal();
        for (NodeProcess n : nodes) {
            if (n.paused()) {
                n.resume();
            }
            if (!n.running()) {
                launch(n);
            }
        }
    }

    /** The node that says it leads (asked directly, so a paused or cut-off old leader is not believed). */
    public Optional<String> leader() {
        String best = null;
        long bestTerm = -1;
        for (NodeProcess n : nodes) {
            if (!n.running() || n.paused()) {
                continue;
            }
            try {
                Http.Reply r = http.get(n.url("/v1/cluster"));
                if (r.status() == 200 && n.id.equals(r.str("leader")) && r.num("term") > bestTerm) {
                    best = n.id;
                    bestTerm = r.num("term");
                }
            } catch (IOException | RuntimeException e) {
                // not answering: not the leader we can use
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.ofNullable(best);
    }

    public String awaitLeader(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> l = leader();
            if (l.isPresent()) {
                return l.get();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no leader within " + within + "; node logs in " + dir.resolve("nodes"));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running us
        }
    }

    private void closeQuietly() {
        for (NodeProcess n : nodes) {
            try {
                n.kill();
            } catch (Exception e) {
                System.err.println("chaos: could not kill " + n + ": " + e);
            }
        }
        try {
            firewall.close();
        } catch (Exception e) {
            System.err.println("chaos: could not remove iptables chain " + Firewall.CHAIN + ": " + e);
        }
        try {
            cgroups.removeAll();
        } catch (Exception e) {
            System.err.println("chaos: could not remove cgroups: " + e);
        }
        try {
            deleteTree(dir.resolve("data"));
        } catch (IOException e) {
            System.err.println("chaos: could not delete " + dir.resolve("data") + ": " + e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
