package org.inventory.chaos.report;

import org.inventory.chaos.check.CheckResult;
import org.inventory.chaos.check.CheckResult.Verdict;
import org.inventory.chaos.history.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTest {

    @TempDir
    Path dir;

    private static final RunInfo INFO = new RunInfo("run-20261123-1441-s42", 42, 5, Duration.ofSeconds(20),
            Instant.parse("2026-11-23T14:41:00Z"), "mvn verify -Pchaos -Dchaos.seed=42 -Dchaos.duration=PT20S");

    private static CheckResult result(String name, Verdict v) {
        return new CheckResult(name, v, name + " summary", v == Verdict.PASS ? List.of() : List.of("why " + name));
    }

    @Test
    void verdictIsFailOnAnyFailThenUnknownThenPass() {
        CheckResult pass = result("a", Verdict.PASS);
        CheckResult fail = result("b", Verdict.FAIL);
        CheckResult unknown = result("c", Verdict.UNKNOWN);
        assertThat(ReportWriter.verdict(List.of(pass, fail, unknown))).isEqualTo("FAIL");
        assertThat(ReportWriter.verdict(List.of(pass, fail))).isEqualTo("FAIL");
        assertThat(ReportWriter.verdict(List.of(pass, unknown, pass))).isEqualTo("UNKNOWN");
        assertThat(ReportWriter.verdict(List.of(pass, pass))).isEqualTo("PASS");
        assertThat(ReportWriter.verdict(List.of())).as("nothing checked is not a pass").isEqualTo("UNKNOWN");
    }

    @Test
    void reportHasVerdictChecksFaultsAndCountsThatMatchTheHistory() throws Exception {
        SyntheticHistory h = SyntheticHistory.small();
        List<String> many = IntStream.rangeClosed(1, 120).mapToObj(i -> "oversold chaos-1 at op " + i).toList();
        List<CheckResult> results = List.of(
                CheckResult.pass("linearizable-reservations", "1 204 ops, 3 SKUs"),
                new CheckResult("no-oversell", Verdict.FAIL, "120 oversells | worst -3", many),
                new CheckResult("ledger-digest", Verdict.UNKNOWN, "n4 missed round 7", List.of("no digest from n4")));

        ReportWriter.write(dir, INFO, h.history, results);
        String md = Files.readString(dir.resolve("report.md"));
        List<String> lines = md.lines().toList();

        assertThat(md).startsWith("# Chaos run `run-20261123-1441-s42`\n");
        assertThat(lines).contains("**FAIL**").doesNotContain("**PASS**", "**UNKNOWN**");
        assertThat(lines).contains("| seed | 42 |", "| nodes | 5 |", "| started | 2026-11-23T14:41:00Z |",
                "mvn verify -Pchaos -Dchaos.seed=42 -Dchaos.duration=PT20S");

        assertThat(lines).contains(
                "| linearizable-reservations | PASS | 1 204 ops, 3 SKUs |",
                "| no-oversell | **FAIL** | 120 oversells \\| worst -3 |",
                "| ledger-digest | **UNKNOWN** | n4 missed round 7 |");
        assertThat(lines).contains("oversold chaos-1 at op 50", "… and 70 more", "no digest from n4")
                .doesNotContain("oversold chaos-1 at op 51");

        assertThat(lines).contains(
                "| 1 | kill (leader) | n3 | 4 | 6.5 | 2.5 |",
                "| 2 | partition-bridge | n1,n2,n4 | 10 | 15 | 5 |");

        for (Map.Entry<String, SyntheticHistory.Counts> e : h.expected.entrySet()) {
            SyntheticHistory.Counts c = e.getValue();
            String fail = c.failTotal() == 0 ? "0" : c.failTotal() + " (" + c.fail.entrySet().stream()
                    .map(x -> x.getKey() + " " + x.getValue()).collect(Collectors.joining(", ")) + ")";
            String info = c.never == 0 ? "" + c.info : c.info + " (" + c.never + " never completed)";
            String prefix = "| " + e.getKey() + " | " + c.ops + " | " + c.ok + " | " + fail + " | " + info + " | "
                    + c.later + " | ";
            assertThat(lines).as("row for %s", e.getKey()).anyMatch(l -> l.startsWith(prefix));
        }
        assertThat(lines).anyMatch(l -> l.startsWith("| receipt (setup) | 3 | 3 | 0 | 0 | 0 | "));
        assertThat(h.expected.values().stream().mapToLong(c -> c.ops).sum()).isEqualTo(400);

        assertThat(md).contains("![timeline](timeline.svg)", "history.jsonl", "nodes/");
        assertThat(Files.exists(dir.resolve("timeline.svg"))).isTrue();
        TimelineSvgTest.parse(Files.readAllBytes(dir.resolve("timeline.svg")));
    }

    @Test
    void latencyPercentilesRunFromInvokeToTheClientsOwnCompletion() throws Exception {
        List<Op> ops = new java.util.ArrayList<>();
        long[] latMs = {10, 20, 30, 40};
        for (int i = 0; i < latMs.length; i++) {
            long t = i * 1_000_000_000L;
            ops.add(new Op(ops.size(), t, 0, "c1", Op.Type.invoke, "commit", i, "n1", Map.of()));
            ops.add(new Op(ops.size(), t + latMs[i] * 1_000_000, 0, "c1", i == 3 ? Op.Type.info : Op.Type.ok,
                    "commit", i, "n1", Map.of()));
        }
        // the recovery pass decides op 3 much later: counted as ok, its latency stays the client's 40 ms
        ops.add(new Op(ops.size(), 9_000_000_000L, 0, "c1", Op.Type.ok, "commit", 3, "n1", Map.of()));
        ReportWriter.write(dir, INFO, ops, List.of(CheckResult.pass("x", "fine")));
        List<String> lines = Files.readAllLines(dir.resolve("report.md"));
        assertThat(lines).contains("**PASS**", "| commit | 4 | 4 | 0 | 0 | 1 | 20 | 40 | 40 |", "No faults were injected.");
    }
}
