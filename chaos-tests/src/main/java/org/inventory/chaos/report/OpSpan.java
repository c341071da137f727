package org.inventory.chaos.report;

import org.inventory.chaos.history.Op;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One operation of a history, its invoke joined with its completions (matched by {@code op}).
 * <p>
 * An operation can complete twice: the client's own retry loop ends it (often {@code info} under faults), and the
 * recovery pass after the faults heal may later resolve it to {@code ok} or {@code fail}. The <em>first</em>
 * completion is what the client saw during the run (the timeline and latencies use it); the <em>last</em> one is the
 * operation's outcome (the counts use it). An operation that never completed has neither and counts as {@code info}.
 *
 * @param invoke the invoke event
 * @param first  the first completion, or null when none was recorded
 * @param last   the last completion, or null when none was recorded
 */
public record OpSpan(Op invoke, Op first, Op last) {

    /** Operation kinds in the order the timeline and the report list them; any other {@code f} after them. */
    static final List<String> F_ORDER =
            List.of("reserve", "commit", "release", "receipt", "adjust", "read-sku", "read-reservation", "ledger",
                    "digest");

    /** Orders {@code f} names: the known ones as in {@link #F_ORDER}, then the rest alphabetically. */
    static final Comparator<String> BY_F = Comparator
            .comparingInt((String f) -> F_ORDER.contains(f) ? F_ORDER.indexOf(f) : F_ORDER.size())
            .thenComparing(Comparator.naturalOrder());

    /** Processes that are not workload clients: the harness itself, the ledger tailer, the final reads. */
    private static final Set<String> NOT_CLIENTS = Set.of("nemesis", "setup", "tailer", "final");

    public String f() {
        return invoke.f();
    }

    public String process() {
        return invoke.process();
    }

    /** Whether a workload client (a checkout or stock client) did this, rather than the harness. */
    public boolean isClient() {
        return !NOT_CLIENTS.contains(invoke.process());
    }

    public boolean isNemesis() {
        return "nemesis".equals(invoke.process());
    }

    /** The outcome that counts: the last completion's type, {@code info} when there was none. */
    public Op.Type outcome() {
        return last == null ? Op.Type.info : last.type();
    }

    /** What the client saw when its own loop ended: the first completion's type, {@code info} when none. */
    public Op.Type firstOutcome() {
        return first == null ? Op.Type.info : first.type();
    }

    /** True when the client's loop ended indeterminate and a later completion (the recovery pass) decided it. */
    public boolean resolvedLater() {
        return first != null && first.type() == Op.Type.info && last.type() != Op.Type.info;
    }

    /** Nanoseconds from invoke to the first completion, or -1 when the operation never completed. */
    public long latencyNanos() {
        return first == null ? -1 : first.tNanos() - invoke.tNanos();
    }

    /** When the client's loop ended (first completion), or the invoke time when it never completed. */
    public long endNanos() {
        return first == null ? invoke.tNanos() : first.tNanos();
    }

    /** Joins every invoke with its completions, in invoke order. Completions without an invoke are ignored. */
    public static List<OpSpan> of(List<Op> history) {
        Map<Long, Op[]> byOp = new LinkedHashMap<>();
        for (Op e : history) {
            if (e.type() == Op.Type.invoke) {
                byOp.putIfAbsent(e.op(), new Op[]{e, null, null});
            } else {
                Op[] s = byOp.get(e.op());
                if (s != null) {
                    if (s[1] == null) {
                        s[1] = e;
                    }
                    s[2] = e;
                }
            }
        }
        List<OpSpan> spans = new ArrayList<>(byOp.size());
        for (Op[] s : byOp.values()) {
            spans.add(new OpSpan(s[0], s[1], s[2]));
        }
        return spans;
    }
}
