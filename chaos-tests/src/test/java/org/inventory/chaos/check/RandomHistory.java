package org.inventory.chaos.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import org.inventory.chaos.history.Op;

/**
 * Random histories that are linearizable by construction: a sequential execution of the ledger's rules (each op takes
 * effect at its own moment, 10 ms apart; holds expire when ledger time reaches their deadline, in deadline order, as
 * the ledger does), whose ops are then given windows around their moment of effect (invoke up to {@code window} ms
 * before it, completion up to {@code window} ms after). Every window contains its op's true moment, so the true order
 * respects real time, and the history has at least that linearization.
 *
 * <p>Like a chaos run: some ops complete {@code info} though they took effect, a few are lost (info, no effect).
 * A recovery pass resends most info reserves, receipts and adjustments (a lost one takes effect then) and completes
 * them a second time; info commits and releases stay indeterminate. Clients commit or release reservations they know,
 * some after expiry; the rest are abandoned, and a final pass reads every known reservation and every SKU.
 */
public final class RandomHistory {
    public final List<Op> events;
    /** Every unit ever received per SKU: no read can show more held than that. */
    public final Map<String, Long> received;
    /** When each op that took effect did (ms): for debugging the checker against the truth. */
    public final Map<Long, Long> tookEffect;

    private RandomHistory(List<Op> events, Map<String, Long> received, Map<Long, Long> tookEffect) {
        this.events = events;
        this.received = received;
        this.tookEffect = tookEffect;
    }

    /**
     * How unreliable the clients' world is, per mille of ops: lost (info, no effect), info (though it took effect);
     * and the percentage of those the recovery pass fails to settle, which stay indeterminate.
     */
    public record Faults(int lostPerMille, int infoPerMille, int unrecoveredPercent) {
        /** Roughly what a chaos run with a few faults gives. */
        public static final Faults TYPICAL = new Faults(10, 10, 5);
        /** Far more indeterminate ops than a run should have: for small histories. */
        public static final Faults HARSH = new Faults(20, 30, 10);
    }

    public static RandomHistory generate(long seed, int skus, int steps, int window) {
        return generate(seed, skus, steps, window, Faults.TYPICAL);
    }

    public static RandomHistory generate(long seed, int skus, int steps, int window, Faults faults) {
        return new Generator(seed, skus, window, faults).run(steps);
    }

    private static final class Res {
        final String id;
        final String sku;
        final long quantity;
        final long expiresAt;
        String status = "HELD";
        boolean known;

        Res(String id, String sku, long quantity, long expiresAt) {
            this.id = id;
            this.sku = sku;
            this.quantity = quantity;
            this.expiresAt = expiresAt;
        }
    }

    /** One event before sorting: time, then invokes before completions, then generation order. */
    private record Ev(long time, int order, long seq, String process, Op.Type type, String f, long op,
                      Map<String, Object> value) {
    }

    /** An op that ended info and that the recovery pass will resend; {@code result} is null when it was lost. */
    private record Unsettled(long op, String process, String f, String sku, Map<String, Object> args,
                             Map<String, Object> result, Op.Type type, Res res) {
    }

    private static final class Generator {
        private final Random rnd;
        private final List<String> skus = new ArrayList<>();
        private final int window;
        private final Map<String, long[]> stock = new HashMap<>(); // on_hand, held, committed
        private final Map<String, Long> received = new HashMap<>();
        private final List<Res> reservations = new ArrayList<>();
        private final PriorityQueue<Res> deadlines = new PriorityQueue<>(Comparator.comparingLong((Res r) -> r.expiresAt));
        private final Map<String, List<Res>> known = new HashMap<>();
        private final List<Unsettled> unsettled = new ArrayList<>();
        private final List<Ev> evs = new ArrayList<>();
        private final Map<Long, Long> tookEffect = new HashMap<>();
        private long seq;
        private long nextOp = 1;
        private long nextRes = 1;
        private boolean lostNow;

        private final Faults faults;

        Generator(long seed, int skuCount, int window, Faults faults) {
            this.rnd = new Random(seed);
            this.window = window;
            this.faults = faults;
            for (int i = 0; i < skuCount; i++) {
                String sku = "sku-" + i;
                skus.add(sku);
                stock.put(sku, new long[3]);
                received.put(sku, 0L);
                known.put(sku, new ArrayList<>());
            }
        }

        RandomHistory run(int steps) {
            long t = TestHistory.T0;
            for (String sku : skus) {
                t += 10;
                step(t, sku, "receipt", true);
            }
            for (int i = 0; i < steps; i++) {
                t += 10;
                String sku = skus.get(rnd.nextInt(skus.size()));
                int p = rnd.nextInt(100);
                String f = p < 6 ? "receipt" : p < 10 ? "adjust" : p < 45 ? "reserve" : p < 60 ? "commit"
                        : p < 72 ? "release" : "read-sku";
                step(t, sku, f, false);
            }
            for (Unsettled u : unsettled) {
                t += 10;
                if (rnd.nextInt(100) >= faults.unrecoveredPercent()) {
                    recover(t, u);
                }
            }
            for (Res r : new ArrayList<>(reservations)) {
                if (r.known) {
                    t += 10;
                    expireDue(t);
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("reservation_id", r.id);
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("sku", r.sku);
                    result.put("quantity", r.quantity);
                    result.put("state", r.status);
                    emit(t, "final", "read-reservation", v, Op.Type.ok, result);
                }
            }
            for (String sku : skus) {
                t += 10;
                step(t, sku, "read-sku", true);
            }
            evs.sort(Comparator.comparingLong(Ev::time).thenComparingInt(Ev::order).thenComparingLong(Ev::seq));
            List<Op> events = new ArrayList<>(evs.size());
            for (Ev e : evs) {
                events.add(new Op(events.size(), (e.time - TestHistory.T0) * 1_000_000L, e.time, e.process, e.type,
                        e.f, e.op, "n1", Collections.unmodifiableMap(e.value)));
            }
            return new RandomHistory(List.copyOf(events), Map.copyOf(received), Map.copyOf(tookEffect));
        }

        private void expireDue(long t) {
            while (!deadlines.isEmpty() && deadlines.peek().expiresAt <= t) {
                Res r = deadlines.poll();
                if (r.status.equals("HELD")) {
                    r.status = "EXPIRED";
                    stock.get(r.sku)[1] -= r.quantity;
                }
            }
        }

        /** Op {@code f} on {@code sku} takes effect at time t (unless lost) with whatever result the rules give. */
        private void step(long t, String sku, String f, boolean reliable) {
            expireDue(t);
            boolean lost = !reliable && rnd.nextInt(1000) < faults.lostPerMille();
            lostNow = lost;
            boolean info = lost || !reliable && rnd.nextInt(1000) < faults.infoPerMille();
            String process = f.equals("receipt") || f.equals("adjust") ? "s" + rnd.nextInt(2) : "c" + rnd.nextInt(8);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("sku", sku);
            if (f.equals("commit") || f.equals("release")) {
                List<Res> mine = known.get(sku);
                if (mine.isEmpty()) {
                    f = "read-sku";
                } else {
                    Res r = mine.get(Math.max(0, mine.size() - 1 - rnd.nextInt(Math.min(mine.size(), 30))));
                    v.put("reservation_id", r.id);
                    v.put("quantity", r.quantity);
                    Map<String, Object> result = new LinkedHashMap<>();
                    transition(f, r, stock.get(sku), lost, result);
                    Op.Type type = result.containsKey("code") ? Op.Type.fail : Op.Type.ok;
                    emit(t, process, f, v, info ? Op.Type.info : type, info ? timeout() : result);
                    return; // info commits and releases are not resent
                }
            }
            switch (f) {
                case "receipt":
                    v.put("quantity", reliable ? 5L + rnd.nextInt(10) : 1L + rnd.nextInt(6));
                    v.put("key", "k" + seq);
                    break;
                case "adjust":
                    v.put("delta", -(1L + rnd.nextInt(3)));
                    v.put("key", "k" + seq);
                    break;
                case "reserve":
                    v.put("quantity", 1L + rnd.nextInt(2));
                    v.put("key", "k" + seq);
                    v.put("ttl_seconds", 1 + rnd.nextInt(2));
                    break;
                default:
                    lost = false;
                    lostNow = false;
                    info = !reliable && rnd.nextInt(1000) < faults.infoPerMille();
                    Map<String, Object> read = new LinkedHashMap<>();
                    long[] s = stock.get(sku);
                    read.put("on_hand", s[0]);
                    read.put("held", s[1]);
                    read.put("committed", s[2]);
                    emit(t, process, f, v, info ? Op.Type.info : Op.Type.ok, info ? timeout() : read);
                    return;
            }
            Map<String, Object> result = lost ? null : new LinkedHashMap<>();
            Res res = lost ? null : apply(t, sku, f, v, result);
            Op.Type type = result != null && result.containsKey("code") ? Op.Type.fail : Op.Type.ok;
            if (res != null && !info) {
                res.known = true;
                known.get(sku).add(res);
            }
            long op = emit(t, process, f, v, info ? Op.Type.info : type, info ? timeout() : result);
            if (info) {
                unsettled.add(new Unsettled(op, process, f, sku, v, result, type, res));
            }
        }

        /** Receipt, adjust or reserve takes effect now; the reservation it created, if any. */
        private Res apply(long t, String sku, String f, Map<String, Object> v, Map<String, Object> result) {
            long[] s = stock.get(sku);
            switch (f) {
                case "receipt": {
                    long q = (Long) v.get("quantity");
                    s[0] += q;
                    received.merge(sku, q, Long::sum);
                    result.put("on_hand", s[0]);
                    return null;
                }
                case "adjust": {
                    long after = s[0] + (Long) v.get("delta");
                    if (after >= 0 && after >= s[1] + s[2]) {
                        s[0] = after;
                        result.put("on_hand", after);
                    } else {
                        result.put("code", "would_go_negative");
                    }
                    return null;
                }
                default: {
                    long q = (Long) v.get("quantity");
                    if (s[0] - s[1] - s[2] < q) {
                        result.put("code", "insufficient_stock");
                        return null;
                    }
                    Res r = new Res("res-" + nextRes++, sku, q, t + (Integer) v.get("ttl_seconds") * 1000L);
                    reservations.add(r);
                    deadlines.add(r);
                    s[1] += q;
                    result.put("reservation_id", r.id);
                    result.put("expires_at_ms", r.expiresAt);
                    return r;
                }
            }
        }

        /** The recovery pass resends with the same key: a lost op takes effect now, any other answers as before. */
        private void recover(long t, Unsettled u) {
            expireDue(t);
            Map<String, Object> result = u.result;
            Op.Type type = u.type;
            Res res = u.res;
            if (result == null) {
                tookEffect.put(u.op, t);
                result = new LinkedHashMap<>();
                res = apply(t, u.sku, u.f, u.args, result);
                type = result.containsKey("code") ? Op.Type.fail : Op.Type.ok;
            }
            if (res != null) {
                res.known = true; // read by the final pass
            }
            Map<String, Object> value = new LinkedHashMap<>(u.args);
            value.putAll(result);
            evs.add(new Ev(t + rnd.nextInt(window + 1), 1, seq++, u.process, type, u.f, u.op, value));
        }

        private void transition(String f, Res r, long[] s, boolean lost, Map<String, Object> result) {
            String st = r.status;
            if (f.equals("commit")) {
                if (st.equals("HELD") || st.equals("COMMITTED")) {
                    if (st.equals("HELD") && !lost) {
                        r.status = "COMMITTED";
                        s[1] -= r.quantity;
                        s[2] += r.quantity;
                    }
                    result.put("state", "COMMITTED");
                } else {
                    result.put("code", "invalid_transition");
                    result.put("state", st);
                }
            } else if (st.equals("COMMITTED")) {
                result.put("code", "invalid_transition");
                result.put("state", st);
            } else {
                if (st.equals("HELD") && !lost) {
                    r.status = "RELEASED";
                    s[1] -= r.quantity;
                }
                result.put("state", st.equals("EXPIRED") ? "EXPIRED" : "RELEASED");
            }
        }

        private static Map<String, Object> timeout() {
            return Map.of("reason", "timeout");
        }

        /** Invoke up to {@code window} ms before t, completion up to {@code window} ms after. */
        private long emit(long t, String process, String f, Map<String, Object> v, Op.Type type,
                          Map<String, Object> result) {
            long op = nextOp++;
            if (!lostNow) {
                tookEffect.put(op, t);
            }
            evs.add(new Ev(t - rnd.nextInt(window + 1), 0, seq++, process, Op.Type.invoke, f, op,
                    new LinkedHashMap<>(v)));
            Map<String, Object> dv = new LinkedHashMap<>(v);
            dv.putAll(result);
            evs.add(new Ev(t + rnd.nextInt(window + 1), 1, seq++, process, type, f, op, dv));
            return op;
        }
    }
}
