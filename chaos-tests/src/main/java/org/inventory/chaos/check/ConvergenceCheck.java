package org.inventory.chaos.check;

import org.inventory.chaos.history.Op;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Convergence: once the faults are healed and the load has stopped, every replica reaches the same state. The final
 * phase asks every node for its digest ({@code process "final", f "digest"}, one op per node and round) in rounds,
 * until they agree or it gives up; only the last round is judged (earlier rounds may catch nodes mid-catch-up).
 * It must have an ok from every node its invokes list in {@code nodes} (when they do), and all its ok answers must
 * show the same applied_index and digest. No digest ops at all: UNKNOWN.
 */
public final class ConvergenceCheck {
    public static final String NAME = "convergence";

    private ConvergenceCheck() {
    }

    public static CheckResult check(List<Op> history) {
        List<Ops.Operation> digests = Ops.pair(history, "digest").stream()
                .filter(o -> o.process().equals("final") && o.invoke().has("round")).toList();
        if (digests.isEmpty()) {
            return new CheckResult(NAME, CheckResult.Verdict.UNKNOWN, "no digest ops in the history",
                    List.of("the final phase recorded no digest round: replicas' convergence not observed"));
        }
        long round = digests.stream().mapToLong(o -> o.invoke().num("round")).max().orElseThrow();
        List<Ops.Operation> last = digests.stream().filter(o -> o.invoke().num("round") == round).toList();

        Set<String> expected = new TreeSet<>();
        for (Ops.Operation o : last) {
            if (o.invoke().value().get("nodes") instanceof List<?> nodes) {
                nodes.forEach(n -> expected.add(String.valueOf(n)));
            }
        }
        Map<String, String> answers = new TreeMap<>(); // node -> "applied_index X digest Y (op, event)"
        Map<String, String> states = new TreeMap<>(); // node -> "X/Y"
        List<String> notOk = new ArrayList<>();
        for (Ops.Operation o : last) {
            String node = node(o);
            if (o.outcome() == Op.Type.ok) {
                Op ok = o.last();
                String state = "applied_index " + ok.value().get("applied_index") + ", digest " + ok.str("digest");
                states.put(node, state);
                answers.put(node, state + " (" + o.where() + ")");
            } else {
                notOk.add(node + ": " + o.outcome() + " (" + o.where() + ")");
            }
        }

        List<String> problems = new ArrayList<>();
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(answers.keySet());
        if (!missing.isEmpty() || answers.isEmpty()) {
            problems.add("digest round " + round + ": no ok answer from " + (missing.isEmpty() ? "any node" : missing)
                    + (notOk.isEmpty() ? "" : "; not ok: " + notOk));
        }
        if (new TreeSet<>(states.values()).size() > 1) {
            List<String> each = new ArrayList<>();
            answers.forEach((n, a) -> each.add(n + ": " + a));
            problems.add("digest round " + round + ": replicas differ: " + String.join("; ", each));
        }
        String summary = "round " + round + ": " + answers.size() + " ok of " + Math.max(expected.size(), last.size())
                + " node(s)" + (states.isEmpty() ? "" : ", " + new TreeSet<>(states.values()).size() + " distinct state(s)");
        return CheckResult.of(NAME, summary, problems);
    }

    /** The node an op asked: its completion's node, else its invoke's, else value.node. */
    private static String node(Ops.Operation o) {
        Op last = o.last();
        if (last != null && !last.node().isEmpty()) {
            return last.node();
        }
        if (!o.invoke().node().isEmpty()) {
            return o.invoke().node();
        }
        return String.valueOf(o.invoke().value().get("node"));
    }
}
