package org.inventory.chaos.history;

import java.util.Map;

/**
 * One event of a chaos history, Jepsen-style: an operation is invoked, then completes as {@code ok} (it happened,
 * with this result), {@code fail} (it certainly did not change anything) or {@code info} (unknown: it may or may
 * not have taken effect). Events of one operation share {@code op}.
 *
 * @param index   position in the history (file order)
 * @param tNanos  monotonic time since the run started
 * @param wallMs  wall clock (epoch ms) when recorded; compares with the ledger's own times (same host clock)
 * @param process who acted: a client ("c7"), a stock client ("s1"), "nemesis", "tailer" or "final"
 * @param type    invoke, ok, fail or info
 * @param f       what was done: reserve, commit, release, receipt, adjust, read-sku, read-reservation, ledger,
 *                digest, nemesis
 * @param op      operation id, shared by its invoke and completion
 * @param node    the node the (last) request went to, or "" when none
 * @param value   the operation's arguments (invoke) or arguments plus result (completion)
 */
public record Op(long index, long tNanos, long wallMs, String process, Type type, String f, long op, String node,
                 Map<String, Object> value) {

    public enum Type { invoke, ok, fail, info }

    public String str(String key) {
        Object v = value.get(key);
        return v == null ? null : v.toString();
    }

    public long num(String key) {
        Object v = value.get(key);
        if (v == null) {
            throw new IllegalArgumentException(f + " op " + op + " has no " + key + ": " + value);
        }
        return ((Number) v).longValue();
    }

    public boolean has(String key) {
        return value.get(key) != null;
    }
}
