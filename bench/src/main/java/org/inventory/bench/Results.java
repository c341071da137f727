package org.inventory.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Everything measured in one run, in the order it was measured, and what went wrong along the way. */
final class Results {
    final List<Point> points = new ArrayList<>();
    /** Scale run figures by name (ordered), with their unit in the name. */
    final Map<String, String> scale = new LinkedHashMap<>();
    final Map<String, Double> scaleValues = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();
    /** What makes numbers doubtful without failing the run (e.g. other inventory nodes sharing the cores). */
    final List<String> warnings = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final Map<String, String> machine = new LinkedHashMap<>();
    final Map<String, String> setup = new LinkedHashMap<>();

    synchronized void add(Point p) {
        points.add(p);
        System.out.printf(Locale.ROOT, "  %-34s %-24s c=%-4d %10.0f ops/s  p50 %8.2f  p99 %8.2f  p99.9 %8.2f ms  cpu %s ms/op%s%n",
                p.system(), p.workload(), p.concurrency(), p.opsPerSecond(), p.latency().at(50), p.latency().at(99),
                p.latency().at(99.9), Report.fmt(p.serverCpuMsPerOp(), 3), p.failures() > 0 ? "  failures " + p.failures() : "");
    }

    void scale(String name, String value, double numeric) {
        scale.put(name, value);
        scaleValues.put(name, numeric);
        System.out.println("  scale: " + name + " = " + value);
    }

    void warning(String w) {
        warnings.add(w);
        System.out.println("  WARNING: " + w);
    }

    void problem(String p) {
        problems.add(p);
        System.out.println("  PROBLEM: " + p);
    }

    Optional<Point> find(String system, String workload, int concurrency) {
        return points.stream().filter(p -> p.system().equals(system) && p.workload().equals(workload)
                && p.concurrency() == concurrency).findFirst();
    }

    List<Point> series(String system, String workload) {
        return points.stream().filter(p -> p.system().equals(system) && p.workload().equals(workload)).toList();
    }

    /** Raw figures, one point a line, tab-separated (results.tsv next to the report). */
    void writeTsv(Path file) throws IOException {
        StringBuilder sb = new StringBuilder(
                "system\tworkload\tclients\tseconds\tops\trequests\tfailures\tops_per_s\tserver_cpu_ms\tclient_cpu_ms\tlatency_ms\textra\tnote\n");
        for (Point p : points) {
            sb.append(String.format(Locale.ROOT, "%s\t%s\t%d\t%.3f\t%d\t%d\t%d\t%.1f\t%.1f\t%.1f\t%s\t%s\t%s%n", p.system(),
                    p.workload(), p.concurrency(), p.seconds(), p.ops(), p.requests(), p.failures(), p.opsPerSecond(),
                    p.serverCpuMs(), p.clientCpuMs(), p.latency().encode(), p.extra(), p.note().replace('\t', ' ')));
        }
        Files.writeString(file, sb.toString());
    }
}
