package org.inventory.http;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Real node processes ({@code java -jar inventory-node.jar}) on 127.0.0.1, for the integration tests. */
final class NodeProcesses implements AutoCloseable {
    static final String ADMIN = "admin-token-0123456789";
    static final String CHECKOUT = "checkout-token-0123456789";
    static final String STOCK = "stock-token-0123456789";

    final Path root;
    final List<String> httpAddresses = new ArrayList<>();
    final List<String> raftAddresses = new ArrayList<>();
    private Path tokensFile;
    private Path jarFile;
    private final List<Process> processes = new ArrayList<>();
    private final List<List<String>> commands = new ArrayList<>();
    private final HttpClient client;
    private final Path certificates;

    NodeProcesses(int n) throws IOException {
        this(n, false);
    }

    /**
     * {@code n} nodes; with {@code tls} each serves HTTPS and talks to its peers over mutual TLS, with certificates
     * made by deploy/make-certs.sh, and this client trusts their CA.
     */
    NodeProcesses(int n, boolean tls) throws IOException {
        Path jar = Path.of("target", "inventory-node.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: integration tests run after package");
        }
        root = Files.createTempDirectory("nodes-");
        certificates = tls ? makeCertificates(root.resolve("tls"), n) : null;
        client = tls ? HttpClient.newBuilder().sslContext(trustingCa()).build() : HttpClient.newHttpClient();
        Path tokens = root.resolve("tokens.env");
        tokensFile = tokens;
        jarFile = jar;
        Files.writeString(tokens, "INVENTORY_ADMIN_TOKEN=" + ADMIN + "\nINVENTORY_CHECKOUT_TOKEN=" + CHECKOUT
                + "\nINVENTORY_STOCK_TOKEN=" + STOCK + "\n");
        List<String> peers = new ArrayList<>();
        List<String> rafts = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String raft = "127.0.0.1:" + freePort();
            String http = "127.0.0.1:" + freePort();
            rafts.add(raft);
            raftAddresses.add(raft);
            httpAddresses.add(http);
            peers.add("n" + i + "=" + raft + "@" + http);
        }
        for (int i = 1; i <= n; i++) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-Dlogback.middleware.log.disable=true", "-jar", jar.toString(),
                    "--node-id", "n" + i, "--http", httpAddresses.get(i - 1), "--raft", rafts.get(i - 1),
                    "--peers", String.join(",", peers), "--data-dir", root.resolve("n" + i).toString(),
                    "--tokens-file", tokens.toString()));
            if (tls) {
                command.addAll(List.of("--tls-cert", certificates.resolve("n" + i + ".pem").toString(),
                        "--tls-key", certificates.resolve("n" + i + ".key").toString()));
            }
            commands.add(command);
            processes.add(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("n" + i + ".log").toFile())).start());
        }
    }

    /** Starts one more node, empty, waiting to be added (--join); returns its index. */
    int startJoining(String nodeId) throws IOException {
        String raft = "127.0.0.1:" + freePort();
        String http = "127.0.0.1:" + freePort();
        raftAddresses.add(raft);
        httpAddresses.add(http);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-Dlogback.middleware.log.disable=true", "-jar", jarFile.toString(),
                "--node-id", nodeId, "--http", http, "--raft", raft, "--join",
                "--data-dir", root.resolve(nodeId).toString(), "--tokens-file", tokensFile.toString());
        commands.add(command);
        processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(root.resolve(nodeId + ".log").toFile()).start());
        return httpAddresses.size() - 1;
    }

    /** One HTTP call as a client makes it: bearer token, JSON body, optional Idempotency-Key. */
    HttpResponse<String> send(String url, String method, String token, String key, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stops node {@code i} in order (SIGTERM) and starts it again on the same data directory. */
    void restart(int i) throws IOException, InterruptedException {
        processes.get(i).destroy();
        if (!processes.get(i).waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("node " + i + " did not stop within 30 s of SIGTERM");
        }
        Path log = root.resolve("n" + (i + 1) + ".log");
        processes.set(i, new ProcessBuilder(commands.get(i)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start());
    }

    Path tokensFile() {
        return tokensFile;
    }

    /** Node {@code i}'s (0-based) data directory and its process as started last. */
    Path dataDir(int i) {
        return root.resolve("n" + (i + 1));
    }

    Process process(int i) {
        return processes.get(i);
    }

    String log(int i) throws IOException {
        return Files.readString(root.resolve("n" + (i + 1) + ".log"));
    }

    /** Sends node {@code i} (0-based) SIGHUP: it re-reads its tokens file. */
    void hangup(int i) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-HUP", String.valueOf(processes.get(i).pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -HUP failed for node " + i);
        }
    }

    /** SIGKILLs node {@code i} (0-based). */
    void kill(int i) throws InterruptedException {
        processes.get(i).destroyForcibly();
        processes.get(i).waitFor(10, TimeUnit.SECONDS);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String url(int node, String path) {
        return (certificates == null ? "http://" : "https://") + httpAddresses.get(node) + path;
    }

    /** The cluster CA of a TLS cluster. */
    Path ca() {
        return certificates.resolve("ca.pem");
    }

    private static Path makeCertificates(Path dir, int n) throws IOException {
        Path script = Path.of("..", "deploy", "make-certs.sh").toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of(script.toString(), dir.toString()));
        for (int i = 1; i <= n; i++) {
            command.add("n" + i + "=127.0.0.1");
        }
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException(script + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return dir;
    }

    private javax.net.ssl.SSLContext trustingCa() throws IOException {
        return ((io.netty.handler.ssl.JdkSslContext) io.netty.handler.ssl.SslContextBuilder.forClient()
                .sslProvider(io.netty.handler.ssl.SslProvider.JDK).trustManager(ca().toFile()).build()).context();
    }

    /** Waits until every node names the same leader. */
    void awaitLeader(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> leaders = new ArrayList<>();
            for (int i = 0; i < httpAddresses.size(); i++) {
                try {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url(i, "/v1/cluster")))
                            .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
                    leaders.add(r.headers().firstValue("X-Inventory-Leader").orElse(""));
                } catch (IOException e) {
                    leaders.add("");
                }
            }
            if (!leaders.get(0).isEmpty() && leaders.stream().distinct().count() == 1) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no leader within " + within + "; logs in " + root);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            p.waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
