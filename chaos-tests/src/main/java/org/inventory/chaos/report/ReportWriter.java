package org.inventory.chaos.report;

import org.inventory.chaos.check.CheckResult;
import org.inventory.chaos.check.CheckResult.Verdict;
import org.inventory.chaos.history.Op;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes a run's {@code report.md}: the verdict first, then the run's facts, the checks and their problems, what the
 * operations did, the fault schedule and the timeline picture ({@code timeline.svg}, written next to it).
 */
public final class ReportWriter {

    /** Problems listed per check; the rest are counted. */
    static final int MAX_PROBLEMS = 50;

    private ReportWriter() {
    }

    /**
     * The run's verdict: FAIL when any check failed; otherwise UNKNOWN when any check could not decide, or when
     * there are no checks at all (nothing was shown to hold); PASS otherwise.
     */
    public static String verdict(List<CheckResult> results) {
        if (results.stream().anyMatch(r -> r.verdict() == Verdict.FAIL)) {
            return "FAIL";
        }
        if (results.isEmpty() || results.stream().anyMatch(r -> r.verdict() == Verdict.UNKNOWN)) {
            return "UNKNOWN";
        }
        return "PASS";
    }

    /** Writes {@code dir/report.md} and {@code dir/timeline.svg} (which the report embeds). */
    public static void write(Path dir, RunInfo info, List<Op> history, List<CheckResult> results) {
        try {
            Files.createDirectories(dir);
            TimelineSvg.write(history, dir.resolve("timeline.svg"), info.run());
            Files.writeString(dir.resolve("report.md"), markdown(info, history, results), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report's text. */
    static String markdown(RunInfo info, List<Op> history, List<CheckResult> results) {
        StringBuilder md = new StringBuilder(16 * 1024);
        List<OpSpan> spans = OpSpan.of(history);
        List<FaultWindow> faults = FaultWindow.of(history);
        long endNanos = history.stream().mapToLong(Op::tNanos).max().orElse(0);

        md.append("# Chaos run ").append(code(info.run())).append("\n\n");
        String verdict = verdict(results);
        md.append("**").append(verdict).append("**\n\n");
        md.append(verdictLine(results)).append("\n\n");

        long clientOps = spans.stream().filter(OpSpan::isClient).count();
        md.append("| | |\n| --- | --- |\n");
        row(md, "seed", String.valueOf(info.seed()));
        row(md, "nodes", String.valueOf(info.nodes()));
        row(md, "duration", Fmt.duration(info.duration().toMillis()) + " configured; the history spans "
                + Fmt.num(endNanos / 1e9) + " s");
        row(md, "started", DateTimeFormatter.ISO_INSTANT.format(info.startedAt()));
        row(md, "history", String.format(Locale.ROOT, "%,d events, %,d client operations, %d fault windows",
                history.size(), clientOps, faults.size()));
        md.append("\nReproduce:\n\n").append(fence(info.reproduce(), "sh")).append("\n");

        checks(md, results);
        operations(md, spans);
        faults(md, faults);

        md.append("## Timeline\n\n![timeline](timeline.svg)\n\n");
        md.append("Fault windows shaded (start invoke to stop ok), one lane per operation kind with what each client saw"
                + " when its operation ended (ok / fail / info), and a latency heat map with p50 and p99.\n\n");

        md.append("## Files\n\n");
        md.append("- [`history.jsonl`](history.jsonl): every event of the run, one JSON object a line"
                + " (format: `docs/chaos-history.md`)\n");
        md.append("- [`nodes/`](nodes/): each node's log\n");
        md.append("- [`timeline.svg`](timeline.svg): the picture above\n");
        md.append("- `report.md`: this file\n");
        return md.toString();
    }

    private static String verdictLine(List<CheckResult> results) {
        if (results.isEmpty()) {
            return "No checks ran.";
        }
        Map<Verdict, Long> by = results.stream()
                .collect(Collectors.groupingBy(CheckResult::verdict, TreeMap::new, Collectors.counting()));
        return by.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ", results.size() + " checks: ", "."));
    }

    private static void checks(StringBuilder md, List<CheckResult> results) {
        md.append("## Checks\n\n");
        if (results.isEmpty()) {
            md.append("No checks ran.\n\n");
            return;
        }
        md.append("| check | verdict | summary |\n| --- | --- | --- |\n");
        for (CheckResult r : results) {
            String v = r.verdict() == Verdict.PASS ? "PASS" : "**" + r.verdict() + "**";
            md.append("| ").append(cell(r.name())).append(" | ").append(v).append(" | ").append(cell(r.summary()))
                    .append(" |\n");
        }
        md.append('\n');
        for (CheckResult r : results) {
            if (r.problems().isEmpty()) {
                continue;
            }
            md.append("### ").append(cell(r.name())).append(" (").append(r.verdict()).append(")\n\n");
            List<String> shown = r.problems().subList(0, Math.min(MAX_PROBLEMS, r.problems().size()));
            md.append(fence(String.join("\n", shown), "text"));
            int more = r.problems().size() - shown.size();
            if (more > 0) {
                md.append("\n… and ").append(more).append(" more\n");
            }
            md.append('\n');
        }
    }

    /** Per operation kind (and per harness process, kept apart from the clients'): outcomes and latency. */
    private static void operations(StringBuilder md, List<OpSpan> spans) {
        md.append("## Operations\n\n");
        Map<String, List<OpSpan>> byRow = new TreeMap<>((a, b) -> {
            boolean ha = a.contains(" ("), hb = b.contains(" (");
            return ha != hb ? Boolean.compare(ha, hb) : OpSpan.BY_F.compare(a, b);
        });
        for (OpSpan s : spans) {
            if (!s.isNemesis()) {
                byRow.computeIfAbsent(s.isClient() ? s.f() : s.f() + " (" + s.process() + ")",
                        k -> new ArrayList<>()).add(s);
            }
        }
        if (byRow.isEmpty()) {
            md.append("No operations.\n\n");
            return;
        }
        md.append("Counts use each operation's last completion: the recovery pass after the faults heal may decide an"
                + " operation its client left indeterminate (*decided later*); one that never completed counts as"
                + " info. Latency runs from the invoke to the client's own completion.\n\n");
        md.append("| f | ops | ok | fail | info | decided later | p50 ms | p99 ms | max ms |\n");
        md.append("| --- | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: |\n");
        for (Map.Entry<String, List<OpSpan>> e : byRow.entrySet()) {
            List<OpSpan> l = e.getValue();
            long ok = 0, info = 0, never = 0, later = 0;
            Map<String, Long> failCodes = new TreeMap<>();
            List<Double> lat = new ArrayList<>();
            for (OpSpan s : l) {
                switch (s.outcome()) {
                    case ok -> ok++;
                    case fail -> failCodes.merge(s.last().has("code") ? s.last().str("code") : "no code", 1L,
                            Long::sum);
                    default -> info++;
                }
                if (s.last() == null) {
                    never++;
                }
                if (s.resolvedLater()) {
                    later++;
                }
                if (s.latencyNanos() >= 0) {
                    lat.add(s.latencyNanos() / 1e6);
                }
            }
            long fail = failCodes.values().stream().mapToLong(Long::longValue).sum();
            String failCell = fail == 0 ? "0" : fail + " (" + failCodes.entrySet().stream()
                    .map(c -> c.getKey() + " " + c.getValue()).collect(Collectors.joining(", ")) + ")";
            String infoCell = never == 0 ? String.valueOf(info) : info + " (" + never + " never completed)";
            double[] a = lat.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            md.append("| ").append(cell(e.getKey())).append(" | ").append(l.size()).append(" | ").append(ok)
                    .append(" | ").append(cell(failCell)).append(" | ").append(infoCell).append(" | ").append(later)
                    .append(" | ").append(ms(Percentile.of(a, 50))).append(" | ").append(ms(Percentile.of(a, 99)))
                    .append(" | ").append(ms(a.length == 0 ? Double.NaN : a[a.length - 1])).append(" |\n");
        }
        md.append('\n');
    }

    private static void faults(StringBuilder md, List<FaultWindow> faults) {
        md.append("## Faults\n\n");
        if (faults.isEmpty()) {
            md.append("No faults were injected.\n\n");
            return;
        }
        md.append("Each window runs from the nemesis `start` invoke to the `stop` ok that healed it.\n\n");
        md.append("| # | kind | nodes | start s | end s | duration s |\n");
        md.append("| ---: | --- | --- | ---: | ---: | ---: |\n");
        int i = 1;
        for (FaultWindow w : faults) {
            String kind = w.wasLeader() ? w.kind() + " (leader)" : w.kind();
            md.append("| ").append(i++).append(" | ").append(cell(kind)).append(" | ").append(cell(w.nodes()))
                    .append(" | ").append(Fmt.num(w.startNanos() / 1e9)).append(" | ")
                    .append(w.healed() ? Fmt.num(w.endNanos() / 1e9) : "not healed").append(" | ")
                    .append(Fmt.num(w.durationNanos() / 1e9)).append(w.healed() ? "" : "+").append(" |\n");
        }
        md.append('\n');
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "–" : v >= 100 ? String.valueOf(Math.round(v)) : Fmt.num(v);
    }

    private static void row(StringBuilder md, String k, String v) {
        md.append("| ").append(k).append(" | ").append(cell(v)).append(" |\n");
    }

    /** Text for a table cell: one line, pipes escaped. */
    private static String cell(String s) {
        return s == null ? "" : s.replace("\r", "").replace("\n", " ").replace("|", "\\|");
    }

    private static String code(String s) {
        String t = s == null ? "" : s.replace("\n", " ");
        return t.contains("`") ? "`` " + t + " ``" : "`" + t + "`";
    }

    /** A fenced block, its fence longer than any run of backticks inside. */
    private static String fence(String body, String lang) {
        String b = body == null ? "" : body;
        int longest = 0, run = 0;
        for (char c : b.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String f = "`".repeat(Math.max(3, longest + 1));
        return f + lang + "\n" + b + "\n" + f + "\n";
    }
}
