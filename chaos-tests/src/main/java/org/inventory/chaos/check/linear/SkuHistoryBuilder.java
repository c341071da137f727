package org.inventory.chaos.check.linear;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.inventory.chaos.history.Op;

/**
 * Turns one SKU's client ops into the search's {@link SkuHistory}: what each op must have done, its window, the
 * synthesized expiries, and the violations or gaps visible without searching.
 *
 * <p>Windows: an op spans from its invoke to the completion that counts. A reserve ok cannot have taken effect
 * before the wall clock reached the ledger time it reports (expires_at_ms - ttl), which matters for reserves that
 * only the recovery pass completed: they may have taken effect long after their invoke. An indeterminate op (info,
 * or no completion) is open-ended: it may take effect at any point after its invoke, or never, and its result is not
 * checked. A fail that the model has no rule for (a code other than insufficient_stock, invalid_transition,
 * would_go_negative) certainly changed nothing and constrains nothing: it is left out, as are read-skus without a
 * result.
 *
 * <p>Expiries, per reservation whose reserve returned ok:
 * <ul>
 * <li>seen EXPIRED: an expiry with a result, from the first event whose wall clock reached expires_at_ms - 1 (the
 * ledger clock never runs ahead of wall_ms; 1 ms for rounding) to the completion of the first op that saw it;</li>
 * <li>seen ended another way (committed, released): none, it never expired;</li>
 * <li>never seen ended: an open-ended expiry from the same point. The hold will expire if nobody ends it, and later
 * reads and reserves may depend on it having done so.</li>
 * </ul>
 * An indeterminate reserve may have created a hold whose id nobody knows: modelled as an open-ended reserve of a fresh
 * anonymous reservation, with an open-ended expiry from its earliest possible deadline (invoke wall_ms + ttl).
 */
final class SkuHistoryBuilder {
    private final String sku;
    private final List<Op> events;
    private final WallClock clock;
    private final ExpiryEvidence evidence;

    private final List<LinOp> ops = new ArrayList<>();
    private final List<Long> quantity = new ArrayList<>();
    private final List<String> resName = new ArrayList<>();
    private final Map<String, Integer> resById = new HashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> unknowns = new ArrayList<>();
    private int clientOps;
    private int observedExpiries;
    private int unobservedExpiries;
    private int indeterminateReserves;

    private SkuHistoryBuilder(String sku, List<Op> events, WallClock clock, ExpiryEvidence evidence) {
        this.sku = sku;
        this.events = events;
        this.clock = clock;
        this.evidence = evidence;
    }

    static SkuInput build(String sku, List<ClientOp> skuOps, List<Op> events, WallClock clock,
                          ExpiryEvidence evidence) {
        SkuHistoryBuilder b = new SkuHistoryBuilder(sku, events, clock, evidence);
        for (ClientOp c : skuOps) {
            if (c.f().equals("reserve")) {
                b.reserve(c);
            }
        }
        for (ClientOp c : skuOps) {
            if (!c.f().equals("reserve")) {
                b.other(c);
            }
        }
        b.failures.addAll(ImpossibleReads.find(sku, b.ops));
        if (!b.failures.isEmpty() || !b.unknowns.isEmpty()) {
            return new SkuInput(sku, null, b.failures, b.unknowns);
        }
        long[] q = b.quantity.stream().mapToLong(Long::longValue).toArray();
        SkuHistory h = new SkuHistory(sku, b.ops, q, b.resName.toArray(new String[0]),
                new SkuHistory.Counts(b.clientOps, b.observedExpiries, b.unobservedExpiries, b.indeterminateReserves));
        return new SkuInput(sku, h, List.of(), List.of());
    }

    private void reserve(ClientOp c) {
        Long q = c.num("quantity");
        if (q == null) {
            lacks(c, "quantity");
            return;
        }
        if (c.is(Op.Type.fail)) {
            if ("insufficient_stock".equals(c.str("code"))) {
                add(c, LinOp.Kind.RESERVE, LinOp.Outcome.FAIL, -1, q, ResStatus.NONE, LinOp.UNCHECKED);
            }
            return;
        }
        if (c.indeterminate()) {
            Long ttl = c.num("ttl_seconds");
            if (ttl == null) {
                lacks(c, "ttl_seconds");
                return;
            }
            indeterminateReserves++;
            int res = newReservation("anonymous hold of op " + c.id(), q);
            add(c, LinOp.Kind.RESERVE, LinOp.Outcome.UNKNOWN, res, q, ResStatus.NONE, LinOp.UNCHECKED);
            long earliestDeadline = c.invoke().wallMs() + ttl * 1000;
            openExpiry(res, earliestDeadline, LinOp.UNCHECKED, "an anonymous hold of " + c.label());
            return;
        }
        String rid = c.str("reservation_id");
        Long expiresAt = c.num("expires_at_ms");
        if (rid == null || expiresAt == null) {
            lacks(c, rid == null ? "reservation_id" : "expires_at_ms");
            return;
        }
        if (resById.containsKey(rid)) {
            unknowns.add("SKU " + sku + ": reservation " + rid + " was returned by two reserves (" + c.label() + ")");
            return;
        }
        int res = newReservation(rid, q);
        resById.put(rid, res);
        long call = callPos(c);
        long madeAt = LinOp.UNCHECKED;
        Long ttl = c.num("ttl_seconds");
        if (ttl != null && ttl > 0) {
            // expires_at = ledger time when the hold was made + ttl, and ledger time never runs ahead of wall_ms
            madeAt = expiresAt - ttl * 1000;
            int from = clock.firstAtOrAfter(madeAt - 1);
            if (from < 0 || from > c.doneAt()) {
                failures.add("SKU " + sku + ": " + c.label() + " made its hold at ledger time " + madeAt
                        + " (expires_at_ms - ttl), but it completed at wall_ms " + c.done().wallMs()
                        + ", before that: the ledger's clock never runs ahead of the wall clock");
                return;
            }
            call = Math.max(call, 2L * from);
        }
        clientOps++;
        ops.add(new LinOp(LinOp.Kind.RESERVE, LinOp.Outcome.OK, res, q, ResStatus.NONE, LinOp.UNCHECKED,
                LinOp.UNCHECKED, LinOp.UNCHECKED, call, returnPos(c), madeAt, c.label()));
        expiryOf(rid, res, expiresAt, c);
    }

    private void expiryOf(String rid, int res, long expiresAt, ClientOp reserve) {
        ClientOp seen = evidence.firstExpired(rid);
        ClientOp ended = evidence.otherEnd(rid);
        if (seen != null && ended != null) {
            failures.add("SKU " + sku + ": reservation " + rid + " was seen EXPIRED by " + seen.label()
                    + " and ended otherwise by " + ended.label() + "; a hold only expires while HELD and never leaves"
                    + " EXPIRED");
            return;
        }
        if (ended != null) {
            return;
        }
        if (seen == null) {
            openExpiry(res, expiresAt, expiresAt, rid);
            return;
        }
        int from = clock.firstAtOrAfter(expiresAt - 1);
        if (from < 0 || from > seen.doneAt()) {
            failures.add("SKU " + sku + ": reservation " + rid + " (" + reserve.label() + ", expires_at_ms " + expiresAt
                    + ") was seen EXPIRED by " + seen.label() + ", completed at wall_ms " + seen.done().wallMs()
                    + ", before any event's wall clock reached expires_at_ms - 1; the ledger's clock never runs ahead"
                    + " of the wall clock, so it cannot have expired yet");
            return;
        }
        observedExpiries++;
        String label = "expiry of " + rid + " (synthesized: not before index " + events.get(from).index()
                + ", where wall_ms reached expires_at_ms " + expiresAt + " - 1; seen EXPIRED by op " + seen.id()
                + " completing at index " + seen.done().index() + ")";
        ops.add(new LinOp(LinOp.Kind.EXPIRE, LinOp.Outcome.OK, res, 0, ResStatus.NONE, LinOp.UNCHECKED,
                LinOp.UNCHECKED, LinOp.UNCHECKED, 2L * from, 2L * seen.doneAt(), expiresAt, label));
    }

    /**
     * An expiry nobody saw: from the first event at or after the deadline (less 1 ms), open-ended. {@code ledgerTime}
     * is the deadline when it is known exactly, {@link LinOp#UNCHECKED} for an anonymous hold (a lower bound only).
     */
    private void openExpiry(int res, long deadline, long ledgerTime, String what) {
        int from = clock.firstAtOrAfter(deadline - 1);
        if (from < 0) {
            return; // the history ended before it could expire
        }
        unobservedExpiries++;
        String label = "possible expiry of " + what + " (synthesized, never seen: not before index "
                + events.get(from).index() + ")";
        ops.add(new LinOp(LinOp.Kind.EXPIRE, LinOp.Outcome.UNKNOWN, res, 0, ResStatus.NONE, LinOp.UNCHECKED,
                LinOp.UNCHECKED, LinOp.UNCHECKED, 2L * from, LinOp.NEVER, ledgerTime, label));
    }

    private void other(ClientOp c) {
        switch (c.f()) {
            case "commit":
            case "release":
                transition(c);
                break;
            case "receipt":
                receipt(c);
                break;
            case "adjust":
                adjust(c);
                break;
            case "read-sku":
                readSku(c);
                break;
            default:
                break;
        }
    }

    private void transition(ClientOp c) {
        LinOp.Kind kind = c.f().equals("commit") ? LinOp.Kind.COMMIT : LinOp.Kind.RELEASE;
        LinOp.Outcome outcome;
        byte expected = ResStatus.NONE;
        if (c.indeterminate()) {
            outcome = LinOp.Outcome.UNKNOWN;
        } else if (c.is(Op.Type.ok)) {
            outcome = LinOp.Outcome.OK;
            if (kind == LinOp.Kind.RELEASE) {
                String state = c.done().str("state");
                if (!"RELEASED".equals(state) && !"EXPIRED".equals(state)) {
                    lacks(c, "state RELEASED or EXPIRED");
                    return;
                }
                expected = ResStatus.parse(state);
            }
        } else {
            if (!"invalid_transition".equals(c.str("code"))) {
                return; // changed nothing, and the model has nothing to check it against
            }
            String state = c.done().str("state");
            if (state == null) {
                lacks(c, "state");
                return;
            }
            outcome = LinOp.Outcome.FAIL;
            expected = ResStatus.parse(state);
        }
        String rid = c.str("reservation_id");
        Integer res = rid == null ? null : resById.get(rid);
        if (res == null) {
            unknowns.add("SKU " + sku + ": " + c.label() + " is about reservation " + rid
                    + ", which no reserve of this SKU returned");
            return;
        }
        add(c, kind, outcome, res, 0, expected, LinOp.UNCHECKED);
    }

    private void receipt(ClientOp c) {
        Long q = c.num("quantity");
        if (q == null) {
            lacks(c, "quantity");
            return;
        }
        if (c.is(Op.Type.fail)) {
            return;
        }
        Long onHand = c.indeterminate() ? null : c.num("on_hand");
        add(c, LinOp.Kind.RECEIPT, c.indeterminate() ? LinOp.Outcome.UNKNOWN : LinOp.Outcome.OK, -1, q,
                ResStatus.NONE, onHand == null ? LinOp.UNCHECKED : onHand);
    }

    private void adjust(ClientOp c) {
        Long delta = c.num("delta");
        if (delta == null) {
            lacks(c, "delta");
            return;
        }
        if (c.is(Op.Type.fail)) {
            if ("would_go_negative".equals(c.str("code"))) {
                add(c, LinOp.Kind.ADJUST, LinOp.Outcome.FAIL, -1, delta, ResStatus.NONE, LinOp.UNCHECKED);
            }
            return;
        }
        Long onHand = c.indeterminate() ? null : c.num("on_hand");
        add(c, LinOp.Kind.ADJUST, c.indeterminate() ? LinOp.Outcome.UNKNOWN : LinOp.Outcome.OK, -1, delta,
                ResStatus.NONE, onHand == null ? LinOp.UNCHECKED : onHand);
    }

    private void readSku(ClientOp c) {
        if (!c.is(Op.Type.ok)) {
            return; // a read that returned nothing constrains nothing
        }
        Long onHand = c.num("on_hand");
        Long held = c.num("held");
        Long committed = c.num("committed");
        if (onHand == null || held == null || committed == null) {
            lacks(c, "on_hand, held and committed");
            return;
        }
        clientOps++;
        ops.add(new LinOp(LinOp.Kind.READ, LinOp.Outcome.OK, -1, 0, ResStatus.NONE, onHand, held, committed,
                callPos(c), returnPos(c), c.label()));
    }

    private void add(ClientOp c, LinOp.Kind kind, LinOp.Outcome outcome, int res, long amount, byte expected,
                     long onHand) {
        clientOps++;
        ops.add(new LinOp(kind, outcome, res, amount, expected, onHand, LinOp.UNCHECKED, LinOp.UNCHECKED,
                callPos(c), returnPos(c), c.label()));
    }

    private int newReservation(String name, long q) {
        quantity.add(q);
        resName.add(name);
        return quantity.size() - 1;
    }

    private void lacks(ClientOp c, String what) {
        unknowns.add("SKU " + sku + ": " + c.label() + " lacks " + what);
    }

    private static long callPos(ClientOp c) {
        return 2L * c.invokeAt() + 1;
    }

    private static long returnPos(ClientOp c) {
        return c.indeterminate() ? LinOp.NEVER : 2L * c.doneAt() + 1;
    }
}
