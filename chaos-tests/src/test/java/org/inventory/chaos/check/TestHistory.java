package org.inventory.chaos.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inventory.chaos.history.Op;

/**
 * Hand-written histories for the checkers' tests: events get consecutive indexes and a wall clock that only moves
 * when told to ({@link #sleep}); a completion carries the invoke's arguments plus its result, as in a real run.
 */
public final class TestHistory {
    public static final long T0 = 1_795_432_100_000L;

    private final List<Op> events = new ArrayList<>();
    private final Map<Long, Map<String, Object>> args = new HashMap<>();
    private final Map<Long, String> fs = new HashMap<>();
    private final Map<Long, String> processes = new HashMap<>();
    private long wall = T0;
    private long nextOp = 1;

    public List<Op> events() {
        return List.copyOf(events);
    }

    public long now() {
        return wall;
    }

    public TestHistory sleep(long ms) {
        wall += ms;
        return this;
    }

    public long invoke(String process, String f, Object... kv) {
        long op = nextOp++;
        Map<String, Object> value = map(kv);
        args.put(op, value);
        fs.put(op, f);
        processes.put(op, process);
        add(process, Op.Type.invoke, f, op, value);
        return op;
    }

    public void ok(long op, Object... kv) {
        complete(op, Op.Type.ok, kv);
    }

    public void fail(long op, Object... kv) {
        complete(op, Op.Type.fail, kv);
    }

    public void info(long op) {
        complete(op, Op.Type.info, "reason", "timeout");
    }

    private void complete(long op, Op.Type type, Object... kv) {
        Map<String, Object> value = new LinkedHashMap<>(args.get(op));
        value.putAll(map(kv));
        add(processes.get(op), type, fs.get(op), op, value);
    }

    // ---- shorthands for the common operations, each a whole invoke..completion with no overlap ----

    public long receipt(String sku, long quantity, long onHandAfter) {
        long op = invoke("setup", "receipt", "sku", sku, "quantity", quantity, "key", "r" + nextOp);
        ok(op, "on_hand", onHandAfter);
        return op;
    }

    public long invokeReserve(String process, String sku, long quantity, int ttlSeconds) {
        return invoke(process, "reserve", "sku", sku, "quantity", quantity, "key", process + "-" + nextOp,
                "ttl_seconds", ttlSeconds);
    }

    /** A reserve ok with reservation id {@code rid}, expiring ttl seconds from now. */
    public void reserveOk(long op, String rid) {
        int ttl = ((Number) args.get(op).get("ttl_seconds")).intValue();
        ok(op, "reservation_id", rid, "expires_at_ms", wall + ttl * 1000L, "attempts", 1);
    }

    public long reserve(String process, String sku, long quantity, String rid) {
        long op = invokeReserve(process, sku, quantity, 3);
        reserveOk(op, rid);
        return op;
    }

    public long invokeCommit(String process, String sku, String rid, long quantity) {
        return invoke(process, "commit", "reservation_id", rid, "sku", sku, "quantity", quantity);
    }

    public long invokeRelease(String process, String sku, String rid, long quantity) {
        return invoke(process, "release", "reservation_id", rid, "sku", sku, "quantity", quantity);
    }

    public long invokeRead(String process, String sku) {
        return invoke(process, "read-sku", "sku", sku);
    }

    public void readOk(long op, long onHand, long held, long committed) {
        ok(op, "on_hand", onHand, "held", held, "committed", committed);
    }

    public long read(String process, String sku, long onHand, long held, long committed) {
        long op = invokeRead(process, sku);
        readOk(op, onHand, held, committed);
        return op;
    }

    private void add(String process, Op.Type type, String f, long op, Map<String, Object> value) {
        events.add(new Op(events.size(), events.size() * 1000L, wall, process, type, f, op, "n1",
                java.util.Collections.unmodifiableMap(value)));
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
