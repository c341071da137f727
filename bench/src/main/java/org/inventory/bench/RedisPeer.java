package org.inventory.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redis from Debian's packages, one instance on 127.0.0.1 with its own directory under target/bench: without
 * persistence (the ceiling: nothing durable) or with {@code appendonly yes, appendfsync always}. The reserve is one
 * Lua script (bench/redis/reserve.lua), driven by redis-benchmark with EVALSHA at the same concurrencies.
 * redis-benchmark stops after a request count, not a duration: each point's count is its warm-up rate times the
 * seconds asked for. Percentiles (p99.9 included) come from its "Latency by percentile distribution" section.
 */
final class RedisPeer implements AutoCloseable {
    private final Options o;
    private final Shell shell;
    private final Results results;
    private final boolean aof;
    private final int port;
    private final Path dir;
    private boolean started;
    private String sha;

    RedisPeer(Options o, Shell shell, Results results, boolean aof) {
        this.o = o;
        this.shell = shell;
        this.results = results;
        this.aof = aof;
        this.port = aof ? 6391 : 6390;
        this.dir = o.out().resolve(aof ? "redis-aof" : "redis-none");
    }

    String system() {
        return aof ? Names.REDIS_AOF : Names.REDIS;
    }

    void start() throws IOException, InterruptedException {
        started = true;
        BenchMain.onAbort(this);
        BenchMain.deleteTree(dir);
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--daemonize", "yes", "--pidfile", dir.resolve("redis.pid").toString(),
                "--logfile", dir.resolve("redis.log").toString(), "--save", ""));
        if (aof) {
            cmd.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
        } else {
            cmd.addAll(List.of("--appendonly", "no"));
        }
        shell.run(cmd, Map.of(), Duration.ofSeconds(30), null).orThrow("redis-server");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!cli("PING").trim().equals("PONG")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis on " + port + " does not answer PING");
            }
            Thread.sleep(100);
        }
        sha = cli("SCRIPT", "LOAD", Files.readString(o.root().resolve("bench/redis/reserve.lua"))).trim();
        results.setup.put(system(), "redis-server " + info("redis_version") + " on 127.0.0.1:" + port + ", save \"\", appendonly "
                + cli("CONFIG", "GET", "appendonly").trim().replaceAll("\\s+", " ").replace("appendonly ", "")
                + (aof ? ", appendfsync " + cli("CONFIG", "GET", "appendfsync").trim().replaceAll("\\s+", " ").replace("appendfsync ", "") : ""));
    }

    @Override
    public void close() {
        if (started) {
            shell.run(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port), "SHUTDOWN", "NOSAVE"), Map.of(),
                    Duration.ofSeconds(30), null);
            Path pidFile = dir.resolve("redis.pid");
            try {
                if (Files.exists(pidFile)) {
                    long pid = Long.parseLong(Files.readString(pidFile).trim());
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            } catch (IOException | NumberFormatException ignored) {
                // already gone
            }
        }
        started = false;
    }

    private String cli(String... args) {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        cmd.addAll(List.of(args));
        return shell.run(cmd, Map.of(), Duration.ofMinutes(5), null).output();
    }

    private String info(String field) {
        Matcher m = Pattern.compile(field + ":(\\S+)").matcher(cli("INFO", "server"));
        return m.find() ? m.group(1) : "?";
    }

    private long pid() throws IOException {
        return Long.parseLong(Files.readString(dir.resolve("redis.pid")).trim());
    }

    /** Fresh data: the hot SKU with {@code units}, or the catalogue; keys as redis-benchmark's __rand_int__ spells them. */
    private void reset(boolean hot, long units) {
        cli("FLUSHALL");
        if (hot) {
            cli("HSET", "stock:hot", "on_hand", Long.toString(units), "held", "0", "committed", "0");
        } else {
            String lua = "for i = 0, tonumber(ARGV[1]) - 1 do redis.call('HSET', string.format('stock:%012d', i), "
                    + "'on_hand', ARGV[2], 'held', 0, 'committed', 0) end return 1";
            cli("EVAL", lua, "0", Integer.toString(o.catalogueSkus()), "1000000");
        }
        if (aof) {
            // start each point from a compact AOF; automatic rewrites during a point stay on (Redis' defaults)
            compactAof();
        }
    }

    private void compactAof() {
        cli("BGREWRITEAOF");
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            String info = cli("INFO", "persistence");
            if (info.contains("aof_rewrite_in_progress:0") && info.contains("aof_rewrite_scheduled:0")) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("AOF rewrite on " + port + " did not finish in 5 minutes");
    }

    private List<String> benchmark(boolean hot, int c, long n) {
        List<String> cmd = new ArrayList<>(List.of("redis-benchmark", "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-c", Integer.toString(c), "-n", Long.toString(n), "--threads", Integer.toString(Math.min(c, 2)),
                "-r", Integer.toString(hot ? 50_000 : o.catalogueSkus()), "EVALSHA", sha, "1",
                hot ? "stock:hot" : "stock:__rand_int__", "1", "c-__rand_int__"));
        return cmd;
    }

    void runAll() throws IOException {
        for (boolean hot : new boolean[] {true, false}) {
            for (int c : o.concurrencies()) {
                results.add(point(hot, c));
            }
        }
    }

    private Point point(boolean hot, int c) throws IOException {
        String tag = (aof ? "redis-aof-" : "redis-none-") + (hot ? "hot" : "uniform") + "-" + c;
        reset(hot, o.hotUnits());
        long warmN = Math.max(2_000, Math.min(200_000, 1_000L * c * o.warmup()));
        Parsed warm = parse(shell.run(benchmark(hot, c, warmN), Map.of(), Duration.ofMinutes(10), "warmup-" + tag)
                .orThrow("redis-benchmark").output());
        long n = Math.max(1_000, Math.round(warm.rps() * o.seconds()));
        // the peers get at least the flash sale's units and never sell out within a point
        reset(hot, Math.max(o.hotUnits(), 2 * n));
        double cpu0 = Cpu.treeMs(List.of(pid()));
        double client0 = Cpu.reapedChildrenMs();
        Parsed r = parse(shell.run(benchmark(hot, c, n), Map.of(), Duration.ofSeconds(o.seconds() * 10L + 300), tag)
                .orThrow("redis-benchmark").output());
        double cpu = Cpu.treeMs(List.of(pid())) - cpu0;
        double client = Cpu.reapedChildrenMs() - client0;
        String seq = cli("GET", "res:seq").trim();
        long reserved = seq.matches("\\d+") ? Long.parseLong(seq) : 0;
        String note = reserved == r.requests() ? "" : String.format(Locale.ROOT,
                "%d reservations recorded for %d requests (errors or refusals)", reserved, r.requests());
        return new Point(system(), hot ? Names.HOT : Names.UNIFORM, c, r.seconds(), reserved, r.requests(),
                r.requests() - reserved, r.latency(), cpu, client, note, Map.of());
    }

    record Parsed(long requests, double seconds, double rps, Latency latency) {
    }

    /** The completed count and time, the throughput summary and the percentile distribution of redis-benchmark. */
    static Parsed parse(String output) {
        String text = output.replace('\r', '\n');
        Matcher done = Pattern.compile("(\\d+) requests completed in ([0-9.]+) seconds").matcher(text);
        Matcher rps = Pattern.compile("throughput summary: ([0-9.]+) requests per second").matcher(text);
        if (!done.find() || !rps.find()) {
            throw new IllegalStateException("unexpected redis-benchmark output:\n" + Shell.tail(text, 2000));
        }
        List<double[]> pairs = new ArrayList<>();
        int from = text.indexOf("Latency by percentile distribution:");
        int to = text.indexOf("Cumulative distribution of latencies:");
        if (from >= 0) {
            Matcher m = Pattern.compile("([0-9.]+)% <= ([0-9.]+) milliseconds").matcher(text.substring(from, to > from ? to : text.length()));
            while (m.find()) {
                pairs.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
            }
        }
        Latency lat = new Latency(pairs.stream().mapToDouble(p -> p[0]).toArray(), pairs.stream().mapToDouble(p -> p[1]).toArray())
                .standard();
        long requests = Long.parseLong(done.group(1));
        double perSecond = Double.parseDouble(rps.group(1));
        // "completed in 2.31 seconds" is rounded to 10 ms: the summary's rate gives the window more precisely
        double seconds = perSecond > 0 ? requests / perSecond : Double.parseDouble(done.group(2));
        return new Parsed(requests, seconds, perSecond, lat);
    }
}
