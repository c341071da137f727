package org.inventory.chaos.check;

import org.inventory.chaos.history.Op;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds histories for the checks' tests tersely. Every event is given its time explicitly (ms since the run
 * started, so calls need not come in time order); {@link #build()} sorts them by time (ties keep call order) and
 * numbers them, as a recorded history would be. Wall clock = {@link #WALL0} + t.
 *
 * <pre>
 * HistoryBuilder h = new HistoryBuilder();
 * h.receipt(0, 5, "sku-1", 1);                       // setup: stock 1
 * long r = h.reserve(10, "c1", "sku-1", 1, "k1");     // invoke only
 * h.ok(20, r, "reservation_id", "res-1", "expires_at_ms", HistoryBuilder.wall(3010));
 * List&lt;Op&gt; history = h.build();
 * </pre>
 */
final class HistoryBuilder {
    static final long WALL0 = 1_800_000_000_000L;

    private record Event(long tMs, String process, Op.Type type, String f, long op, String node,
                         Map<String, Object> value) {
    }

    private final List<Event> events = new ArrayList<>();
    private final Map<Long, Event> invokes = new HashMap<>();
    private final Map<String, Long> onHand = new HashMap<>();
    private long nextOp = 1;
    private long nextKey = 1;

    static long wall(long tMs) {
        return WALL0 + tMs;
    }

    /** key, value, key, value, ... as a map that keeps its order. */
    static Map<String, Object> map(Object... kv) {
        if (kv.length % 2 != 0) {
            throw new IllegalArgumentException("odd key/value list " + Arrays.toString(kv));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    // --- raw events -------------------------------------------------------------------------------------------------

    long invoke(long tMs, String process, String f, Object... kv) {
        return invokeOn(tMs, process, "n1", f, kv);
    }

    long invokeOn(long tMs, String process, String node, String f, Object... kv) {
        long op = nextOp++;
        Event e = new Event(tMs, process, Op.Type.invoke, f, op, node, map(kv));
        events.add(e);
        invokes.put(op, e);
        return op;
    }

    /** A completion of {@code op}: its invoke's value plus {@code kv}, as the format records it. */
    HistoryBuilder complete(long tMs, long op, Op.Type type, Object... kv) {
        Event inv = invokes.get(op);
        Map<String, Object> value = new LinkedHashMap<>(inv.value());
        value.putAll(map(kv));
        events.add(new Event(tMs, inv.process(), type, inv.f(), op, inv.node(), value));
        return this;
    }

    HistoryBuilder ok(long tMs, long op, Object... kv) {
        return complete(tMs, op, Op.Type.ok, kv);
    }

    HistoryBuilder fail(long tMs, long op, Object... kv) {
        return complete(tMs, op, Op.Type.fail, kv);
    }

    HistoryBuilder info(long tMs, long op, Object... kv) {
        return complete(tMs, op, Op.Type.info, kv);
    }

    List<Op> build() {
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(Event::tMs)); // stable: ties keep call order
        List<Op> ops = new ArrayList<>();
        for (Event e : sorted) {
            ops.add(new Op(ops.size(), e.tMs() * 1_000_000, wall(e.tMs()), e.process(), e.type(), e.f(), e.op(),
                    e.node(), e.value()));
        }
        return ops;
    }

    // --- the workload's operations ----------------------------------------------------------------------------------

    /** A receipt by setup, invoked at t0 and ok at t1; on_hand counts up per SKU. */
    long receipt(long t0, long t1, String sku, long quantity) {
        long op = invoke(t0, "setup", "receipt", "sku", sku, "quantity", quantity, "key", "rcpt-" + nextKey++);
        ok(t1, op, "on_hand", onHand.merge(sku, quantity, Long::sum));
        return op;
    }

    /** A reserve invoke (ttl 3 s); complete it with {@link #ok}, {@link #fail} or {@link #info}. */
    long reserve(long t0, String process, String sku, long quantity, String key) {
        return invoke(t0, process, "reserve", "sku", sku, "quantity", quantity, "key", key, "ttl_seconds", 3);
    }

    /** A reserve of 1 unit acknowledged at t1 as {@code id}, expiring ttlMs after t0 (as the leader would stamp it). */
    long reserved(long t0, long t1, String process, String sku, String key, String id, long ttlMs) {
        long op = reserve(t0, process, sku, 1, key);
        ok(t1, op, "reservation_id", id, "expires_at_ms", wall(t0) + ttlMs, "attempts", 1);
        return op;
    }

    /** A commit or release invoke of {@code id}. */
    long transition(long t0, String process, String f, String id, String sku) {
        return invoke(t0, process, f, "reservation_id", id, "sku", sku, "quantity", 1);
    }

    long committed(long t0, long t1, String process, String id, String sku) {
        long op = transition(t0, process, "commit", id, sku);
        ok(t1, op, "state", "COMMITTED");
        return op;
    }

    long released(long t0, long t1, String process, String id, String sku, String state) {
        long op = transition(t0, process, "release", id, sku);
        ok(t1, op, "state", state);
        return op;
    }

    long commitRefused(long t0, long t1, String process, String id, String sku, String state) {
        long op = transition(t0, process, "commit", id, sku);
        fail(t1, op, "code", "invalid_transition", "state", state);
        return op;
    }

    /** A final read-reservation answering ok. */
    long finalRead(long t0, long t1, String id, String sku, long quantity, String state, String cartId) {
        long op = invoke(t0, "final", "read-reservation", "reservation_id", id);
        ok(t1, op, "sku", sku, "quantity", quantity, "state", state, "cart_id", cartId);
        return op;
    }

    long finalReadNotFound(long t0, long t1, String id) {
        long op = invoke(t0, "final", "read-reservation", "reservation_id", id);
        fail(t1, op, "code", "reservation_not_found");
        return op;
    }

    /** A ledger page read by {@code process} from {@code after}; entries from {@link #entry}. */
    @SafeVarargs
    final long ledger(long t0, long t1, String process, String sku, long after, Map<String, Object>... entries) {
        long op = invoke(t0, process, "ledger", "sku", sku, "after", after);
        ok(t1, op, "entries", List.of(entries));
        return op;
    }

    static Map<String, Object> entry(long index, String type, long quantity, String reservationId, long onHand,
                                     long held, long committed) {
        Map<String, Object> e = map("index", index, "type", type, "quantity", quantity);
        if (reservationId != null) {
            e.put("reservation_id", reservationId);
        }
        e.putAll(map("on_hand_after", onHand, "held_after", held, "committed_after", committed));
        return e;
    }

    long readSku(long t0, long t1, String process, String sku, long onHand, long held, long committed) {
        long op = invoke(t0, process, "read-sku", "sku", sku);
        ok(t1, op, "on_hand", onHand, "held", held, "committed", committed);
        return op;
    }

    /** One node's answer in a final digest round; {@code nodes} is what the round asks. */
    long digest(long t0, long t1, String node, long round, List<String> nodes, long appliedIndex, String digest) {
        long op = invokeOn(t0, "final", node, "digest", "round", round, "nodes", nodes);
        ok(t1, op, "applied_index", appliedIndex, "digest", digest);
        return op;
    }

    /** A nemesis fault started at t0 (in place at t1) and healed over [t2, t3]. */
    long fault(long t0, long t1, long t2, long t3, String kind, boolean wasLeader, String node) {
        long op = invoke(t0, "nemesis", "start", "kind", kind, "nodes", List.of(node), "was_leader", wasLeader);
        ok(t1, op);
        long stop = invoke(t2, "nemesis", "stop", "kind", kind, "nodes", List.of(node));
        ok(t3, stop);
        return op;
    }
}
