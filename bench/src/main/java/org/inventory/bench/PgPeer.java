package org.inventory.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * PostgreSQL from Debian's packages, its own cluster under target/bench/pg (initdb, pg_ctl, run as the postgres user
 * when we are root), on 127.0.0.1:5433 with fsync and synchronous_commit on. pgbench runs the conditional reserve
 * (bench/pg/reserve-*.sql) at the same concurrencies; latency percentiles come from pgbench's per-transaction log.
 */
final class PgPeer implements AutoCloseable {
    static final int PORT = 5433;

    private final Options o;
    private final Shell shell;
    private final Results results;
    private final Path dir;
    private final Path data;
    private final Path bin;
    private boolean started;

    PgPeer(Options o, Shell shell, Results results) {
        this.o = o;
        this.shell = shell;
        this.results = results;
        this.dir = o.out().resolve("pg");
        this.data = dir.resolve("data");
        this.bin = findBin();
    }

    static Path findBin() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IllegalStateException("no /usr/lib/postgresql/*/bin/initdb: install postgresql"));
        } catch (IOException e) {
            throw new IllegalStateException("no /usr/lib/postgresql: install postgresql", e);
        }
    }

    private List<String> asPostgres(String... command) {
        List<String> out = new ArrayList<>();
        if (BenchMain.isRoot()) {
            out.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        out.addAll(List.of(command));
        return out;
    }

    void start() throws IOException {
        started = true;
        BenchMain.onAbort(this);
        BenchMain.deleteTree(dir);
        Files.createDirectories(dir);
        if (BenchMain.isRoot()) {
            shell.run(List.of("chown", "-R", "postgres:postgres", dir.toString()), Duration.ofSeconds(30)).orThrow("chown");
        }
        shell.run(asPostgres(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "postgres",
                "-E", "UTF8", "--locale=C"), Map.of(), Duration.ofMinutes(3), "pg-initdb").orThrow("initdb");
        String conf = String.join("\n",
                "# benchmark suite (bench/run.sh): loopback only, durable commits",
                "port = " + PORT,
                "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = '" + dir + "'",
                "fsync = on",
                "synchronous_commit = on",
                "full_page_writes = on",
                "shared_buffers = 1GB",
                "max_connections = 300",
                "max_wal_size = 4GB",
                "");
        Files.writeString(data.resolve("postgresql.conf"), Files.readString(data.resolve("postgresql.conf")) + "\n" + conf);
        shell.run(asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "120", "start"), Map.of(), Duration.ofMinutes(3), "pg-start").orThrow("pg_ctl start");
        psql("postgres", "CREATE DATABASE bench");
        psqlFile("bench", o.root().resolve("bench/pg/schema.sql"));
        results.setup.put("PostgreSQL", psql("bench", "SELECT version()").trim() + "; " + String.join(", ",
                List.of("fsync=" + psql("bench", "SHOW fsync").trim(), "synchronous_commit=" + psql("bench", "SHOW synchronous_commit").trim(),
                        "wal_sync_method=" + psql("bench", "SHOW wal_sync_method").trim(), "shared_buffers=1GB",
                        "max_wal_size=4GB", "127.0.0.1:" + PORT)));
    }

    @Override
    public void close() {
        if (started && Files.exists(data.resolve("postmaster.pid"))) {
            shell.run(asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"), Map.of(),
                    Duration.ofMinutes(2), null);
        }
        started = false;
    }

    String psql(String db, String sql) {
        return shell.run(List.of("psql", "-h", "127.0.0.1", "-p", Integer.toString(PORT), "-U", "postgres", "-d", db,
                "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql), Map.of(), Duration.ofMinutes(10), null).orThrow("psql " + sql).output();
    }

    private void psqlFile(String db, Path file) {
        shell.run(List.of("psql", "-h", "127.0.0.1", "-p", Integer.toString(PORT), "-U", "postgres", "-d", db,
                "-v", "ON_ERROR_STOP=1", "-qAt", "-f", file.toString()), Map.of(), Duration.ofMinutes(10), null).orThrow("psql -f " + file);
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
    }

    /** The hot-SKU and the uniform conditional reserve at each concurrency. */
    void runAll() throws IOException {
        for (boolean hot : new boolean[] {true, false}) {
            for (int c : o.concurrencies()) {
                results.add(point(hot, c));
            }
        }
    }

    private void reset(boolean hot) {
        psql("bench", "TRUNCATE reservations; TRUNCATE stock;");
        if (hot) {
            psql("bench", "INSERT INTO stock (sku, on_hand) VALUES ('hot', " + o.hotUnits() + ")");
        } else {
            psql("bench", "INSERT INTO stock (sku, on_hand) SELECT 'sku-' || g, 1000000 FROM generate_series(0, "
                    + (o.catalogueSkus() - 1) + ") g");
        }
        psql("bench", "VACUUM ANALYZE stock");
        psql("bench", "VACUUM ANALYZE reservations");
        psql("bench", "CHECKPOINT");
    }

    private List<String> pgbench(boolean hot, int c, int seconds) {
        List<String> cmd = new ArrayList<>(List.of("pgbench", "-h", "127.0.0.1", "-p", Integer.toString(PORT), "-U", "postgres",
                "-n", "-M", "prepared", "-c", Integer.toString(c), "-j", Integer.toString(Math.min(c, 2)),
                "-T", Integer.toString(seconds), "-f", o.root().resolve(hot ? "bench/pg/reserve-hot.sql" : "bench/pg/reserve-uniform.sql").toString()));
        if (!hot) {
            cmd.addAll(List.of("-D", "skus=" + o.catalogueSkus()));
        }
        return cmd;
    }

    private Point point(boolean hot, int c) throws IOException {
        reset(hot);
        String tag = "pg-" + (hot ? "hot" : "uniform") + "-" + c;
        List<String> warm = pgbench(hot, c, o.warmup());
        warm.add("bench");
        shell.run(warm, Map.of(), Duration.ofSeconds(o.warmup() + 120L), "warmup-" + tag).orThrow("pgbench warm-up");
        long rows0 = Long.parseLong(psql("bench", "SELECT count(*) FROM reservations").trim());
        Path logDir = shell.logDir().resolve(tag + "-txlog");
        BenchMain.deleteTree(logDir);
        Files.createDirectories(logDir);
        List<String> cmd = pgbench(hot, c, o.seconds());
        cmd.addAll(List.of("-l", "--log-prefix=" + logDir.resolve("tx"), "bench"));
        long pm = postmasterPid();
        // CPU of a backend moves into the postmaster's cutime/cstime when it is reaped: read only while no client
        // backend exists, so none is caught between the two (not yet in cutime, no longer a live child)
        awaitNoClientBackends(pm);
        double cpu0 = Cpu.treeMs(List.of(pm));
        double client0 = Cpu.reapedChildrenMs();
        Shell.Result r = shell.run(cmd, Map.of(), Duration.ofSeconds(o.seconds() + 180L), tag).orThrow("pgbench");
        awaitNoClientBackends(pm);
        double cpu = Cpu.treeMs(List.of(pm)) - cpu0;
        double client = Cpu.reapedChildrenMs() - client0;
        long rows = Long.parseLong(psql("bench", "SELECT count(*) FROM reservations").trim()) - rows0;
        long[] samples = readTxLog(logDir);
        double tps = parseTps(r.output());
        long failed = parseFailed(r.output());
        double seconds = tps > 0 ? samples.length / tps : o.seconds();
        String note = Math.abs(rows - samples.length) <= c ? "" : String.format(Locale.ROOT,
                "%d reservation rows inserted for %d logged transactions", rows, samples.length);
        BenchMain.deleteTree(logDir);
        return new Point(Names.PG, hot ? Names.HOT : Names.UNIFORM, c, seconds, samples.length, samples.length + failed, failed,
                Latency.ofMicros(samples), cpu, client, note, Map.of());
    }

    /** Waits (up to 10 s) until the postmaster has no client backend left ("postgres: user db host(port) ..."). */
    private static void awaitNoClientBackends(long pm) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            boolean any = ProcessHandle.of(pm).stream().flatMap(ProcessHandle::children).anyMatch(h -> {
                try {
                    return Files.readString(Path.of("/proc", Long.toString(h.pid()), "cmdline")).contains("127.0.0.1(");
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            });
            if (!any) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Latencies in us from pgbench's per-transaction logs ("client tx latency_us script epoch us"; failures skipped). */
    static long[] readTxLog(Path logDir) throws IOException {
        List<Long> all = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(logDir)) {
            for (Path f : files) {
                for (String line : Files.readAllLines(f)) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length >= 3 && fields[2].matches("\\d+")) {
                        all.add(Long.parseLong(fields[2]));
                    }
                }
            }
        }
        return all.stream().mapToLong(Long::longValue).toArray();
    }

    static double parseTps(String output) {
        Matcher m = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(output);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static long parseFailed(String output) {
        Matcher m = Pattern.compile("number of failed transactions: (\\d+)").matcher(output);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
