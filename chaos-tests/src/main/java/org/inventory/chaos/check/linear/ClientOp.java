package org.inventory.chaos.check.linear;

import java.util.Map;
import java.util.StringJoiner;
import org.inventory.chaos.history.Op;

/**
 * One client operation: its invoke and the completion that counts, with their positions in the event list.
 * {@code done} is null when the op never completed; an {@code info} done means the same (indeterminate).
 */
record ClientOp(long id, String f, Op invoke, int invokeAt, Op done, int doneAt) {

    boolean indeterminate() {
        return done == null || done.type() == Op.Type.info;
    }

    boolean is(Op.Type type) {
        return done != null && done.type() == type;
    }

    /** A field of the result if the completion has it, else of the invoke. */
    Object get(String key) {
        if (done != null && done.value().get(key) != null) {
            return done.value().get(key);
        }
        return invoke.value().get(key);
    }

    String str(String key) {
        Object v = get(key);
        return v == null ? null : v.toString();
    }

    /** The number under {@code key}, or null when absent or not a number. */
    Long num(String key) {
        Object v = get(key);
        return v instanceof Number ? ((Number) v).longValue() : null;
    }

    /** "op 345 (c7 commit reservation_id=res-1 -> ok state=COMMITTED, index 1200..1234)", for reports. */
    String label() {
        StringJoiner args = new StringJoiner(" ");
        for (Map.Entry<String, Object> e : invoke.value().entrySet()) {
            if (!e.getKey().equals("sku") && !e.getKey().equals("key")) {
                args.add(e.getKey() + "=" + e.getValue());
            }
        }
        String result;
        String end;
        if (done == null) {
            result = "no completion";
            end = "";
        } else {
            StringJoiner added = new StringJoiner(" ");
            for (Map.Entry<String, Object> e : done.value().entrySet()) {
                if (!invoke.value().containsKey(e.getKey()) && !e.getKey().equals("attempts")) {
                    added.add(e.getKey() + "=" + e.getValue());
                }
            }
            result = done.type() + (added.length() > 0 ? " " + added : "");
            end = Long.toString(done.index());
        }
        return "op " + id + " (" + invoke.process() + " " + f + (args.length() > 0 ? " " + args : "") + " -> " + result
                + ", index " + invoke.index() + ".." + end + ")";
    }
}
