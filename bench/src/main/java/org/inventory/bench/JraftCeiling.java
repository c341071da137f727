package org.inventory.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The engine ceiling: raft-store's own benchmark ({@code ProposalThroughput}, group "counter": three SOFAJRaft nodes in
 * one JVM with the ledger's RaftOptions, fsync on, a state machine that only counts, 69-byte entries), called through
 * its Maven profile exactly as docs/performance.md runs it, and its BENCH lines parsed. Its CPU figure is the whole
 * JVM's over the window: the three nodes and the in-process clients together.
 */
final class JraftCeiling {
    private final Options o;
    private final Shell shell;
    private final Results results;

    JraftCeiling(Options o, Shell shell, Results results) {
        this.o = o;
        this.shell = shell;
        this.results = results;
    }

    void run() {
        String conc = Arrays.stream(o.concurrencies()).mapToObj(Integer::toString).collect(Collectors.joining(","));
        String args = o.seconds() + " " + conc + " counter";
        Shell.Result r = shell.run(List.of("mvn", "-q", "-pl", "raft-store", "-Pbench", "exec:exec", "-Dbench.args=" + args),
                Map.of(), Duration.ofSeconds((o.seconds() + 30L) * o.concurrencies().length + 600), "jraft-counter")
                .orThrow("raft-store bench (mvn -pl raft-store -Pbench exec:exec)");
        results.setup.put(Names.JRAFT, "mvn -q -pl raft-store -Pbench exec:exec -Dbench.args=\"" + args
                + "\" (-Xms4g -Xmx4g, 5 s warm-up per point, a fresh group per point)");
        int found = 0;
        for (String line : r.output().split("\n")) {
            if (!line.startsWith("BENCH ")) {
                continue;
            }
            Map<String, String> kv = Arrays.stream(line.substring(6).trim().split("\\s+")).filter(s -> s.contains("="))
                    .collect(Collectors.toMap(s -> s.substring(0, s.indexOf('=')), s -> s.substring(s.indexOf('=') + 1)));
            if (!"counter".equals(kv.get("group"))) {
                continue;
            }
            found++;
            long ops = Long.parseLong(kv.get("ops"));
            long failed = Long.parseLong(kv.get("failed"));
            results.add(new Point(Names.JRAFT, Names.PROPOSAL, Integer.parseInt(kv.get("clients")), Double.parseDouble(kv.get("seconds")),
                    ops, ops + failed, failed, Latency.parseMicrosList(kv.get("lat_us")), Double.parseDouble(kv.get("cpu_ms")),
                    Double.NaN, "CPU: the whole JVM (3 nodes + in-process clients)", Map.of()));
        }
        if (found == 0) {
            throw new IllegalStateException("raft-store bench printed no BENCH lines:\n" + Shell.tail(r.output(), 2000));
        }
    }
}
