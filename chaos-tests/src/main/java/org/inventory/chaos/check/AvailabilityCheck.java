package org.inventory.chaos.check;

import org.inventory.chaos.history.Op;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Availability after losing the leader (report only): for every nemesis {@code start} that took the leader out — a
 * {@code kill}, {@code pause} or {@code partition-isolate-leader} whose value says {@code was_leader: true} — the
 * time from the fault's start (once in place: its start's completion) to the completion of the first ok write (reserve, commit, release,
 * receipt, adjust) invoked after the fault started. Writes invoked earlier are left out: one that was already in
 * flight (or a recovery pass completing an old op) says nothing about the new leader.
 *
 * <p>The verdict is PASS unless, after some leader kill, writes were tried and none ever succeeded before the
 * history ends: a cluster that lost one node for good must still elect a leader. A fault after which no write was
 * even tried (the run ended) proves nothing and is only listed.
 */
public final class AvailabilityCheck {
    public static final String NAME = "availability";

    static final Set<String> KINDS = Set.of("kill", "pause", "partition-isolate-leader");
    static final Set<String> WRITES = Set.of("reserve", "commit", "release", "receipt", "adjust");

    private AvailabilityCheck() {
    }

    /**
     * One leader fault and how long writes took to come back.
     *
     * @param kind            kill, pause or partition-isolate-leader
     * @param faultOp         the nemesis start op
     * @param faultIndex      event index of its start's completion (the fault in place)
     * @param faultTNanos     t_ns of that completion
     * @param nodes           the fault's nodes as recorded (value.nodes), for the report
     * @param writesAttempted whether any write was invoked after the fault started
     * @param writeOp         the first write (invoked after the fault) to complete ok, null when none did
     * @param writeIndex      event index of that ok completion, null when none
     * @param recoveryNanos   its completion t_ns minus faultTNanos, null when none
     */
    public record LeaderFault(String kind, long faultOp, long faultIndex, long faultTNanos, String nodes,
                              boolean writesAttempted, Long writeOp, Long writeIndex, Long recoveryNanos) {

        public boolean recovered() {
            return recoveryNanos != null;
        }

        /** Milliseconds until the first write succeeded, or null when none did. */
        public Double recoveryMs() {
            return recoveryNanos == null ? null : recoveryNanos / 1e6;
        }
    }

    /** Every leader fault of the history, in order, with its recovery time (the list a report prints). */
    public static List<LeaderFault> leaderFaults(List<Op> history) {
        List<Ops.Operation> ops = Ops.pair(history);
        // first ok completion of each write, by invoke index (ops are in invoke order)
        List<Ops.Operation> writes = ops.stream().filter(o -> WRITES.contains(o.f())).toList();
        List<LeaderFault> faults = new ArrayList<>();
        for (Ops.Operation o : ops) {
            if (!o.process().equals("nemesis") || !o.f().equals("start") || !KINDS.contains(o.arg("kind"))
                    || !wasLeader(o)) {
                continue;
            }
            // the fault is in place once its start completed (rules installed, process killed), not when invoked
            Op inPlace = o.completions().isEmpty() ? o.invoke() : o.completions().get(0);
            long start = inPlace.index();
            boolean attempted = false;
            Op first = null;
            Ops.Operation firstOp = null;
            for (Ops.Operation w : writes) {
                if (w.invoke().index() <= start) {
                    continue;
                }
                attempted = true;
                Op ok = w.firstOk();
                if (ok != null && (first == null || ok.index() < first.index())) {
                    first = ok;
                    firstOp = w;
                }
            }
            faults.add(new LeaderFault(o.arg("kind"), o.id(), start, inPlace.tNanos(),
                    String.valueOf(inPlace.value().get("nodes")), attempted,
                    firstOp == null ? null : firstOp.id(), first == null ? null : first.index(),
                    first == null ? null : first.tNanos() - inPlace.tNanos()));
        }
        return faults;
    }

    public static CheckResult check(List<Op> history) {
        List<LeaderFault> faults = leaderFaults(history);
        List<String> problems = new ArrayList<>();
        Map<String, List<Double>> byKind = new TreeMap<>();
        List<String> untried = new ArrayList<>();
        for (LeaderFault f : faults) {
            if (f.recovered()) {
                byKind.computeIfAbsent(f.kind(), k -> new ArrayList<>()).add(f.recoveryMs());
            } else if (!f.writesAttempted()) {
                untried.add(f.kind() + " op " + f.faultOp() + " (event " + f.faultIndex() + ")");
            } else if (f.kind().equals("kill")) {
                problems.add("after leader kill op " + f.faultOp() + " (event " + f.faultIndex() + ", nodes "
                        + f.nodes() + ") writes were tried but none succeeded before the history ended");
            }
        }
        List<String> parts = new ArrayList<>();
        byKind.forEach((kind, ms) -> parts.add(kind + ": " + stats(ms)));
        String summary = faults.size() + " leader fault(s)" + (parts.isEmpty() ? "" : "; write back after " + parts)
                + (faults.stream().anyMatch(f -> f.writesAttempted() && !f.recovered())
                ? "; never recovered: " + faults.stream().filter(f -> f.writesAttempted() && !f.recovered())
                .map(f -> f.kind() + " op " + f.faultOp()).toList() : "")
                + (untried.isEmpty() ? "" : "; no write tried after: " + untried);
        return CheckResult.of(NAME, summary, problems);
    }

    /** "n=3 min 120 ms, median 450 ms, max 900 ms" */
    static String stats(List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        sorted.sort(Double::compare);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return String.format(java.util.Locale.ROOT, "n=%d min %.0f ms, median %.0f ms, max %.0f ms", n, sorted.get(0),
                median, sorted.get(n - 1));
    }

    /** was_leader may be recorded on the invoke or only once the fault is in place (the ok). */
    private static boolean wasLeader(Ops.Operation o) {
        if (Ops.isTrue(o.invoke().value().get("was_leader"))) {
            return true;
        }
        return o.completions().stream().anyMatch(c -> Ops.isTrue(c.value().get("was_leader")));
    }
}
