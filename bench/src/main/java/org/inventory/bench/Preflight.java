package org.inventory.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Before the run: leftovers of an aborted run stopped, the tools there, the ports free, no other inventory nodes
 * (e.g. a chaos run) competing for the two cores; and the facts about the machine that go into the report.
 */
final class Preflight {
    private Preflight() {
    }

    /** Stops what an earlier, killed run of the suite may have left: this worktree's cluster, our PostgreSQL and Redis. */
    static void stopLeftovers(Options o, Shell shell) {
        if (Files.exists(o.root().resolve(".cluster/cluster.env"))) {
            shell.run(List.of("deploy/local-cluster.sh", "down"), Map.of(), Duration.ofMinutes(2), null);
        }
        Path pgData = o.out().resolve("pg/data");
        if (Files.exists(pgData.resolve("postmaster.pid"))) {
            List<String> cmd = new ArrayList<>();
            if (BenchMain.isRoot()) {
                cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            cmd.addAll(List.of(PgPeer.findBin().resolve("pg_ctl").toString(), "-D", pgData.toString(), "-m", "immediate", "-w", "stop"));
            shell.run(cmd, Map.of(), Duration.ofMinutes(2), null);
        }
        for (String d : List.of("redis-none", "redis-aof")) {
            Path pidFile = o.out().resolve(d).resolve("redis.pid");
            try {
                if (Files.exists(pidFile)) {
                    long pid = Long.parseLong(Files.readString(pidFile).trim());
                    ProcessHandle.of(pid).filter(h -> h.info().command().orElse("").contains("redis"))
                            .ifPresent(ProcessHandle::destroyForcibly);
                }
            } catch (IOException | NumberFormatException ignored) {
                // nothing to stop
            }
        }
    }

    static void run(Options o, Shell shell, Results results) throws InterruptedException {
        List<String> tools = new ArrayList<>(List.of("java", "jcmd", "curl"));
        if (o.phases().stream().anyMatch(p -> List.of("hot", "a", "b", "c", "d").contains(p))) {
            tools.add("wrk");
        }
        if (o.runs("postgres")) {
            tools.addAll(List.of("pgbench", "psql"));
            PgPeer.findBin();
            if (BenchMain.isRoot()) {
                tools.add("runuser");
            }
        }
        if (o.runs("redis")) {
            tools.addAll(List.of("redis-server", "redis-benchmark", "redis-cli"));
        }
        if (o.runs("jraft")) {
            tools.add("mvn");
        }
        List<String> missing = tools.stream().filter(t -> shell.run(List.of("sh", "-c", "command -v " + t), Duration.ofSeconds(10)).exit() != 0).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("missing tools " + missing + " (bench/run.sh installs them: wrk, postgresql, redis-server)");
        }
        if (!Files.exists(o.root().resolve("http-api/target/inventory-node.jar"))) {
            throw new IllegalStateException("no http-api/target/inventory-node.jar: build first (bench/run.sh does)");
        }
        waitQuiet(o, shell, results);
        machine(o, shell, results);
    }

    private static void waitQuiet(Options o, Shell shell, Results results) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(o.waitQuietSeconds()).toNanos();
        boolean told = false;
        while (true) {
            List<String> busy = busyPorts(shell);
            List<String> foreign = foreignNodes();
            if (busy.isEmpty() && foreign.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                if (!busy.isEmpty()) {
                    throw new IllegalStateException("ports still in use after " + o.waitQuietSeconds() + " s: " + busy);
                }
                results.warning("other inventory node processes were running when the run started (numbers polluted): " + foreign);
                return;
            }
            if (!told) {
                System.out.println("waiting (up to " + o.waitQuietSeconds() + " s) for ports " + busy + " and other inventory nodes "
                        + foreign + " to go away...");
                told = true;
            }
            Thread.sleep(5_000);
        }
    }

    /** Listening sockets on the ports this suite uses (any local address that would take 127.0.0.1 traffic). */
    static List<String> busyPorts(Shell shell) {
        String out = shell.run(List.of("ss", "-ltnH"), Duration.ofSeconds(10)).output();
        List<String> busy = new ArrayList<>();
        Pattern local = Pattern.compile("^\\S+\\s+\\d+\\s+\\d+\\s+(\\S+):(\\d+)\\s");
        for (String line : out.split("\n")) {
            Matcher m = local.matcher(line.trim() + " ");
            if (!m.find()) {
                continue;
            }
            String addr = m.group(1);
            int port = Integer.parseInt(m.group(2));
            boolean ours = addr.equals("127.0.0.1") || addr.equals("0.0.0.0") || addr.equals("*") || addr.equals("[::]")
                    || addr.equals("[::ffff:127.0.0.1]");
            if (ours && BenchMain.PORTS.contains(port)) {
                busy.add(addr + ":" + port);
            }
        }
        return busy;
    }

    /** Other inventory node processes (another cluster, a chaos run), which would share the cores with ours. */
    static List<String> foreignNodes() {
        List<String> out = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(h -> {
            String cmd = h.info().commandLine().orElse("");
            boolean chaos = false;
            try {
                chaos = Files.readString(Path.of("/proc", Long.toString(h.pid()), "cgroup")).contains("inventory-chaos");
            } catch (IOException | RuntimeException ignored) {
                // gone or unreadable
            }
            if (cmd.contains("inventory-node.jar") || chaos) {
                out.add(h.pid() + (chaos ? " (chaos cgroup)" : ""));
            }
        });
        return out;
    }

    private static void machine(Options o, Shell shell, Results results) {
        Map<String, String> m = results.machine;
        m.put("cores (nproc)", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("CPU", firstMatch(read("/proc/cpuinfo"), "model name\\s*:\\s*(.+)"));
        String kb = firstMatch(read("/proc/meminfo"), "MemTotal:\\s*(\\d+)");
        m.put("memory", kb.matches("\\d+") ? String.format(java.util.Locale.ROOT, "%.1f GiB", Long.parseLong(kb) / 1048576.0) : kb);
        m.put("kernel", shell.run(List.of("uname", "-sr"), Duration.ofSeconds(10)).output().trim());
        m.put("java (nodes)", shell.run(List.of("java", "-version"), Duration.ofSeconds(30)).output().trim().replace("\n", "; "));
        m.put("load average before", read("/proc/loadavg").trim());
        m.put("disk of the data (df)", shell.run(List.of("sh", "-c", "df -h . | tail -1"), Duration.ofSeconds(10)).output().trim());
        if (o.phases().stream().anyMatch(p -> List.of("hot", "a", "b", "c", "d").contains(p))) {
            m.put("wrk", shell.run(List.of("sh", "-c", "wrk --version 2>&1 | head -1"), Duration.ofSeconds(10)).output().trim());
        }
        if (o.runs("postgres")) {
            m.put("pgbench", shell.run(List.of("pgbench", "--version"), Duration.ofSeconds(10)).output().trim());
        }
        if (o.runs("redis")) {
            m.put("redis-benchmark", shell.run(List.of("redis-server", "--version"), Duration.ofSeconds(10)).output().trim());
        }
    }

    /** Notes the load average and any other inventory nodes at the start of a phase (they would share the cores). */
    static void beforePhase(String phase, Results results) {
        List<String> foreign = foreignNodes();
        String load = read("/proc/loadavg").trim();
        results.notes.add("phase " + phase + " started with load average " + load.substring(0, Math.max(0, nthSpace(load, 3)))
                + (foreign.isEmpty() ? "" : "; other inventory node processes running: " + foreign));
        if (!foreign.isEmpty()) {
            results.warning("other inventory node processes (another cluster or a chaos run) were running when phase " + phase
                    + " started: its numbers are polluted " + foreign);
        }
    }

    private static int nthSpace(String s, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = s.indexOf(' ', at + 1);
            if (at < 0) {
                return s.length();
            }
        }
        return at;
    }

    static void after(Results results) {
        results.machine.put("load average after", read("/proc/loadavg").trim());
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "?";
        }
    }

    private static String firstMatch(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1).trim() : "?";
    }
}
