package org.inventory.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * wrk (Debian's wrk 4.x) with {@code bench/wrk/inventory.lua}: a closed loop, each connection sending its next request
 * when the last was answered. Parses the script's BENCH line.
 */
final class Wrk {
    /** What one wrk run reported. */
    record Run(Map<String, Long> counts, Latency latency, String sample, String raw) {
        long get(String key) {
            return counts.getOrDefault(key, 0L);
        }

        double seconds() {
            return get("duration_us") / 1e6;
        }

        /** Answers that were neither a success nor an expected refusal, plus socket errors and timeouts. */
        long failures() {
            return get("overloaded") + get("unavailable") + get("other") + get("connect_errors") + get("read_errors")
                    + get("write_errors") + get("timeouts");
        }
    }

    private final Shell shell;
    private final String script;

    Wrk(Shell shell, String script) {
        this.shell = shell;
        this.script = script;
    }

    static int threadsFor(int connections) {
        return Math.max(1, Math.min(2, connections));
    }

    List<String> command(String url, int threads, int connections, int seconds) {
        return List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--timeout", "10s", "-s", script, url);
    }

    Run run(String url, int connections, int seconds, Map<String, String> env, String logName) {
        return run(url, threadsFor(connections), connections, seconds, env, logName);
    }

    Run run(String url, int threads, int connections, int seconds, Map<String, String> env, String logName) {
        Shell.Result r = shell.run(command(url, threads, connections, seconds), env, Duration.ofSeconds(seconds + 120L), logName)
                .orThrow("wrk");
        return parse(r.output());
    }

    /** Starts several wrk processes at once (e.g. one per follower) and waits for all of them. */
    List<Run> runTogether(List<String> urls, List<Integer> connections, int seconds, Map<String, String> env, String logName) {
        return runTogether(urls, connections, seconds, urls.stream().map(u -> env).toList(), logName);
    }

    /** As above, with its own environment (workload) per process. */
    List<Run> runTogether(List<String> urls, List<Integer> connections, int seconds, List<Map<String, String>> envs, String logName) {
        List<Shell.Started> started = new ArrayList<>();
        for (int k = 0; k < urls.size(); k++) {
            started.add(shell.start(command(urls.get(k), 1, connections.get(k), seconds), envs.get(k), logName + "-" + k));
        }
        List<Run> runs = new ArrayList<>();
        for (Shell.Started s : started) {
            runs.add(parse(s.await(Duration.ofSeconds(seconds + 120L)).orThrow("wrk").output()));
        }
        return runs;
    }

    static Run parse(String output) {
        Map<String, Long> counts = new HashMap<>();
        Latency latency = Latency.empty();
        String sample = "";
        boolean found = false;
        for (String line : output.split("\n")) {
            if (line.startsWith("BENCH ")) {
                found = true;
                for (String kv : line.substring(6).trim().split("\\s+")) {
                    int eq = kv.indexOf('=');
                    if (eq < 0) {
                        continue;
                    }
                    String key = kv.substring(0, eq);
                    String value = kv.substring(eq + 1);
                    if (key.equals("lat_us")) {
                        latency = Latency.parseMicrosList(value);
                    } else {
                        counts.put(key, Long.parseLong(value));
                    }
                }
            } else if (line.startsWith("BENCH_SAMPLE ")) {
                sample = line.substring(13).trim();
            }
        }
        if (!found) {
            throw new IllegalStateException("wrk printed no BENCH line:\n" + Shell.tail(output, 2000));
        }
        return new Run(counts, latency, sample, output);
    }
}
