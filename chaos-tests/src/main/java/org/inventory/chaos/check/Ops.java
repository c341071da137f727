package org.inventory.chaos.check;

import org.inventory.chaos.history.Op;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every check needs first: a history's events paired into operations (an invoke and its completions, in the
 * order they were recorded), and a few readers for the JSON-ish values. Package-private: the checks' shared parts.
 */
final class Ops {
    private Ops() {
    }

    /**
     * One operation: its invoke and every completion recorded for it. Usually one completion; a recovery pass may
     * add a second one to an {@code info} operation, and the last completion counts.
     */
    record Operation(Op invoke, List<Op> completions) {

        String f() {
            return invoke.f();
        }

        long id() {
            return invoke.op();
        }

        String process() {
            return invoke.process();
        }

        String arg(String key) {
            return invoke.str(key);
        }

        /** The completion that counts, or null when the operation never completed. */
        Op last() {
            return completions.isEmpty() ? null : completions.get(completions.size() - 1);
        }

        /** ok, fail or info; an operation that never completed is indeterminate, like info. */
        Op.Type outcome() {
            Op last = last();
            return last == null ? Op.Type.info : last.type();
        }

        boolean definite() {
            return outcome() == Op.Type.ok || outcome() == Op.Type.fail;
        }

        /** Every ok completion: each one is proof that the operation happened with that result. */
        List<Op> oks() {
            return completions.stream().filter(c -> c.type() == Op.Type.ok).toList();
        }

        Op firstOk() {
            List<Op> oks = oks();
            return oks.isEmpty() ? null : oks.get(0);
        }

        /** Where to find it in history.jsonl: op id and the event indexes of invoke and last completion. */
        String where() {
            Op last = last();
            return "op " + id() + " (events " + invoke.index() + (last == null ? "..never" : ".." + last.index()) + ")";
        }
    }

    /** The history's events in index order (which is time order), as the format promises. */
    static List<Op> ordered(List<Op> history) {
        List<Op> copy = new ArrayList<>(history);
        copy.sort(Comparator.comparingLong(Op::index));
        return copy;
    }

    /**
     * Operations in invoke order. A completion without an invoke (a truncated history) is dropped: no check can place
     * its arguments.
     */
    static List<Operation> pair(List<Op> history) {
        Map<Long, Op> invokes = new LinkedHashMap<>();
        Map<Long, List<Op>> completions = new LinkedHashMap<>();
        for (Op e : ordered(history)) {
            if (e.type() == Op.Type.invoke) {
                invokes.putIfAbsent(e.op(), e);
            } else {
                completions.computeIfAbsent(e.op(), k -> new ArrayList<>()).add(e);
            }
        }
        List<Operation> ops = new ArrayList<>();
        invokes.forEach((id, inv) -> ops.add(new Operation(inv, List.copyOf(completions.getOrDefault(id, List.of())))));
        return ops;
    }

    static List<Operation> pair(List<Op> history, String f) {
        return pair(history).stream().filter(o -> o.f().equals(f)).toList();
    }

    static long num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("no number " + key + " in " + m);
        }
        return n.longValue();
    }

    static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? null : v.toString();
    }

    /** The entries of a ledger page ({@code value.entries}), each a map as the format describes. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> entries(Op completion) {
        Object v = completion.value().get("entries");
        return v instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    static boolean isTrue(Object v) {
        return Boolean.TRUE.equals(v) || "true".equals(v);
    }

    /** Problem lists stay readable: at most this many lines of one kind, then a count of the rest. */
    static final int MAX_REPORTED = 50;

    static void add(List<String> problems, String problem) {
        if (problems.size() < MAX_REPORTED) {
            problems.add(problem);
        } else if (problems.size() == MAX_REPORTED) {
            problems.add("... more problems left out");
        }
    }
}
