package org.inventory.chaos.workload;

import org.inventory.chaos.cluster.ChaosCluster;
import org.inventory.chaos.cluster.Http;
import org.inventory.chaos.history.History;
import org.inventory.chaos.history.Op;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;

/**
 * The writes of the workload, each recorded as one operation of the history (invoke, then ok / fail / info).
 * Operations that end indeterminate are remembered so that {@link #recover} can resend them, with the same
 * Idempotency-Key, once the faults have healed, as a checkout service's outbox would.
 */
public final class Operations {
    private final History history;
    private final Attempts attempts;
    private final long giveUpAfterMs;
    private final Queue<Op> indeterminate = new ConcurrentLinkedQueue<>();

    public Operations(History history, Attempts attempts, long giveUpAfterMs) {
        this.history = history;
        this.attempts = attempts;
        this.giveUpAfterMs = giveUpAfterMs;
    }

    public Op reserve(String process, Random random, String sku, long quantity, int ttlSeconds, String key,
                      BooleanSupplier stop) throws InterruptedException {
        return run(process, random, "reserve", map("sku", sku, "quantity", quantity, "key", key, "ttl_seconds", ttlSeconds),
                stop);
    }

    public Op commit(String process, Random random, String reservationId, String sku, long quantity, BooleanSupplier stop)
            throws InterruptedException {
        return run(process, random, "commit", map("reservation_id", reservationId, "sku", sku, "quantity", quantity), stop);
    }

    public Op release(String process, Random random, String reservationId, String sku, long quantity, BooleanSupplier stop)
            throws InterruptedException {
        return run(process, random, "release", map("reservation_id", reservationId, "sku", sku, "quantity", quantity), stop);
    }

    public Op receipt(String process, Random random, String sku, long quantity, String key, BooleanSupplier stop)
            throws InterruptedException {
        return run(process, random, "receipt", map("sku", sku, "quantity", quantity, "key", key), stop);
    }

    public Op adjust(String process, Random random, String sku, long delta, String key, BooleanSupplier stop)
            throws InterruptedException {
        return run(process, random, "adjust", map("sku", sku, "delta", delta, "key", key), stop);
    }

    /** Resends every indeterminate operation until each has a definite answer or {@code giveUpAfterMs} passes. */
    public int recover(Random random) throws InterruptedException {
        int resolved = 0;
        for (Op invoke; (invoke = indeterminate.poll()) != null; ) {
            Attempts.Result r = send(random, invoke.f(), invoke.value(), () -> false);
            Op done = complete(invoke.process(), invoke.f(), invoke.op(), invoke.value(), r, false);
            if (done.type() != Op.Type.info) {
                resolved++;
            }
        }
        return resolved;
    }

    public int indeterminateCount() {
        return indeterminate.size();
    }

    private Op run(String process, Random random, String f, Map<String, Object> args, BooleanSupplier stop)
            throws InterruptedException {
        long op = history.newOpId();
        Op invoke = history.record(process, Op.Type.invoke, f, op, "", args);
        Attempts.Result r = send(random, f, args, stop);
        Op done = complete(process, f, op, args, r, true);
        if (done.type() == Op.Type.info) {
            indeterminate.add(invoke);
        }
        return done;
    }

    private Attempts.Result send(Random random, String f, Map<String, Object> a, BooleanSupplier stop)
            throws InterruptedException {
        return switch (f) {
            case "reserve" -> attempts.untilDefinite(random, "POST", "/v1/reservations", ChaosCluster.CHECKOUT,
                    (String) a.get("key"), map("lines", List.of(map("sku", a.get("sku"), "quantity", a.get("quantity"))),
                            "customer_id", "customer-" + a.get("key"), "cart_id", a.get("key"),
                            "ttl_seconds", a.get("ttl_seconds")), giveUpAfterMs, stop);
            case "commit" -> attempts.untilDefinite(random, "POST", "/v1/reservations/" + a.get("reservation_id") + "/commit",
                    ChaosCluster.CHECKOUT, null, Map.of(), giveUpAfterMs, stop);
            case "release" -> attempts.untilDefinite(random, "POST", "/v1/reservations/" + a.get("reservation_id") + "/release",
                    ChaosCluster.CHECKOUT, null, map("reason", "chaos client changed its mind"), giveUpAfterMs, stop);
            case "receipt" -> attempts.untilDefinite(random, "POST", "/v1/skus/" + a.get("sku") + "/receipts",
                    ChaosCluster.STOCK, (String) a.get("key"), map("quantity", a.get("quantity"), "reference", a.get("key")),
                    giveUpAfterMs, stop);
            case "adjust" -> attempts.untilDefinite(random, "POST", "/v1/skus/" + a.get("sku") + "/adjustments",
                    ChaosCluster.STOCK, (String) a.get("key"), map("delta", a.get("delta"), "reason_code", "DAMAGED",
                            "note", "chaos"), giveUpAfterMs, stop);
            default -> throw new IllegalArgumentException(f);
        };
    }

    private Op complete(String process, String f, long op, Map<String, Object> args, Attempts.Result r,
                        boolean firstTry) {
        Map<String, Object> v = new LinkedHashMap<>(args);
        v.put("attempts", r.attempts());
        if (!firstTry) {
            v.put("recovered", true);
        }
        if (!r.definite()) {
            v.put("reason", r.reason());
            return history.record(process, Op.Type.info, f, op, r.node(), v);
        }
        Http.Reply reply = r.reply();
        String code = reply.str("code");
        Op.Type type;
        if (reply.status() / 100 == 2) {
            type = Op.Type.ok;
            switch (f) {
                case "reserve" -> {
                    v.put("reservation_id", reply.str("reservation_id"));
                    v.put("expires_at_ms", Instant.parse(reply.str("expires_at")).toEpochMilli());
                }
                case "commit", "release" -> v.put("state", reply.str("state"));
                default -> v.put("on_hand", reply.num("on_hand"));
            }
        } else {
            type = Op.Type.fail;
            v.put("code", code);
            if (reply.body().get("state") != null) {
                v.put("state", reply.str("state"));
            }
            boolean expected = switch (f) {
                case "reserve" -> reply.status() == 409 && "insufficient_stock".equals(code);
                case "commit", "release" -> reply.status() == 409 && "invalid_transition".equals(code);
                case "adjust" -> reply.status() == 409 && "would_go_negative".equals(code);
                default -> false;
            };
            if (!expected) {
                v.put("unexpected", true);
                v.put("status", reply.status());
                v.put("detail", reply.str("detail"));
            }
        }
        return history.record(process, type, f, op, r.node(), v);
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
