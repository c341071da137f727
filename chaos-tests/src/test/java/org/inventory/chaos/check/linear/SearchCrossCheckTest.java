package org.inventory.chaos.check.linear;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The search prunes a lot (just-in-time placement, no-ops placed at once, expiries in window order, open-ended
 * stand-ins skipped, doomed reservations, dead open-ended ops). Each rule has an argument that it loses nothing; this
 * checks them all together against a brute force that tries every order respecting real time, on thousands of tiny
 * random histories, most of them with one result changed; and the ledger-clock order ({@link LedgerOrder}) against
 * a plain statement of its rules, on histories whose ledger times are sometimes shifted. (More:
 * -Dcrosscheck.seed=N -Dcrosscheck.runs=M. When this was written, 360 000 histories of the first kind and 500 000
 * of the second agreed, with the expiry exchange and the open-ended stand-in rule firing thousands of times, and
 * the ledger rules deciding verdicts: without them in the brute force, the two disagree.)
 */
class SearchCrossCheckTest {

    @Test
    void searchAgreesWithBruteForce() {
        Random seeds = new Random(Long.getLong("crosscheck.seed", 20_260_101L));
        int linearizable = 0;
        int runs = Integer.getInteger("crosscheck.runs", 5_000);
        for (int i = 0; i < runs; i++) {
            long seed = seeds.nextLong();
            Tiny t = Tiny.generate(new Random(seed));
            SkuHistory h = new SkuHistory("s", t.ops, t.quantity, t.names(), new SkuHistory.Counts(0, 0, 0, 0));
            boolean expected = new BruteForce(h).linearizable();
            SearchOutcome out = Search.run(h, 10_000_000);
            assertThat(out.result()).as("seed %d: brute force says %s: %s", seed, expected,
                            t.ops.stream().map(o -> o.label + " [" + o.callPos + ".." + (o.openEnded() ? "" : o.returnPos)
                                    + "]").toList())
                    .isEqualTo(expected ? SearchOutcome.Result.LINEARIZABLE : SearchOutcome.Result.NOT_LINEARIZABLE);
            linearizable += expected ? 1 : 0;
        }
        System.out.println("cross-check: " + linearizable + " of " + runs + " tiny histories linearizable");
        assertThat(linearizable).isBetween(runs / 5, runs * 4 / 5); // both kinds well represented
    }

    @Test
    void searchAgreesWithBruteForceUnderTheLedgerClock() {
        Random seeds = new Random(Long.getLong("crosscheck.seed", 20_260_102L));
        int linearizable = 0;
        int runs = Integer.getInteger("crosscheck.runs", 5_000);
        for (int i = 0; i < runs; i++) {
            long seed = seeds.nextLong();
            Tiny t = Tiny.generateOnLedgerClock(new Random(seed));
            SkuHistory h = new SkuHistory("s", t.ops, t.quantity, t.names(), new SkuHistory.Counts(0, 0, 0, 0));
            boolean expected = new BruteForce(h).linearizable();
            SearchOutcome out = Search.run(h, 10_000_000);
            assertThat(out.result()).as("seed %d: brute force says %s: %s", seed, expected,
                            t.ops.stream().map(o -> o.label + " [" + o.callPos + ".." + (o.openEnded() ? "" : o.returnPos)
                                    + "] t=" + (o.ledgerTime == LinOp.UNCHECKED ? "?" : o.ledgerTime)).toList())
                    .isEqualTo(expected ? SearchOutcome.Result.LINEARIZABLE : SearchOutcome.Result.NOT_LINEARIZABLE);
            linearizable += expected ? 1 : 0;
        }
        System.out.println("cross-check on the ledger clock: " + linearizable + " of " + runs + " linearizable");
        assertThat(linearizable).isBetween(runs / 5, runs * 9 / 10);
    }

    /**
     * Every order of the ops that respects real time and the ledger clock (written out plainly here, not with
     * {@link LedgerOrder}), open-ended ones optional; memo on (placed set, state).
     */
    private static final class BruteForce {
        private final SkuHistory h;
        private final Set<Object> failed = new HashSet<>();

        BruteForce(SkuHistory h) {
            this.h = h;
        }

        boolean linearizable() {
            return from(0L, SkuState.initial(h.resName.length));
        }

        private boolean from(long placed, SkuState s) {
            boolean done = true;
            for (int i = 0; i < h.ops.length; i++) {
                if ((placed & (1L << i)) == 0 && !h.ops[i].openEnded()) {
                    done = false;
                }
            }
            if (done) {
                return true;
            }
            List<Object> key = List.of(placed, s);
            if (failed.contains(key)) {
                return false;
            }
            for (int x = 0; x < h.ops.length; x++) {
                if ((placed & (1L << x)) != 0 || !minimal(placed, x) || !ledgerAllows(placed, s, x)) {
                    continue;
                }
                SkuState next = h.model.step(s, h.ops[x]);
                if (next != null && from(placed | (1L << x), next)) {
                    return true;
                }
            }
            failed.add(key);
            return false;
        }

        /**
         * Reserves in ledger-time order; an expiry after every reserve made before its deadline; expiries in deadline
         * order; a reserve after the expiry of every hold due by its time. An expiry whose hold ended otherwise (so
         * never happens) constrains nothing.
         */
        private boolean ledgerAllows(long placed, SkuState s, int x) {
            LinOp ox = h.ops[x];
            if (ox.ledgerTime == LinOp.UNCHECKED) {
                return true;
            }
            for (int y = 0; y < h.ops.length; y++) {
                LinOp oy = h.ops[y];
                if (y == x || oy.ledgerTime == LinOp.UNCHECKED || (placed & (1L << y)) != 0) {
                    continue;
                }
                byte st = s.status(oy.res);
                boolean neverExpires = st == ResStatus.COMMITTED || st == ResStatus.RELEASED;
                if (oy.kind == LinOp.Kind.RESERVE && oy.ledgerTime < ox.ledgerTime) {
                    return false; // an earlier reserve (for a reserve or an expiry alike)
                }
                if (oy.kind == LinOp.Kind.EXPIRE && !neverExpires) {
                    boolean due = ox.kind == LinOp.Kind.RESERVE ? oy.ledgerTime <= ox.ledgerTime
                            : oy.ledgerTime < ox.ledgerTime;
                    if (due) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** No unplaced op returned before x was called. */
        private boolean minimal(long placed, int x) {
            for (int y = 0; y < h.ops.length; y++) {
                if (y != x && (placed & (1L << y)) == 0 && h.ops[y].returnPos < h.ops[x].callPos) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * A random sequential run of the model on a few reservations, ops given windows around their moment, some made
     * open-ended (taken effect or lost), a few with long windows, then, most of the time, one result changed.
     */
    private static final class Tiny {
        final List<LinOp> ops = new ArrayList<>();
        long[] quantity;

        String[] names() {
            String[] n = new String[quantity.length];
            for (int i = 0; i < n.length; i++) {
                n[i] = "r" + i;
            }
            return n;
        }

        static Tiny generate(Random rnd) {
            Tiny t = new Tiny();
            int nRes = 1 + rnd.nextInt(4);
            t.quantity = new long[nRes];
            byte[] status = new byte[nRes];
            for (int r = 0; r < nRes; r++) {
                t.quantity[r] = 1 + rnd.nextInt(2);
            }
            long[] s = new long[3]; // on_hand, held, committed
            int n = 3 + rnd.nextInt(10);
            for (int i = 0; i < n; i++) {
                long at = 10L * (i + 1);
                int r = rnd.nextInt(nRes);
                boolean open = rnd.nextInt(100) < 20;
                boolean lost = open && rnd.nextBoolean();
                LinOp op;
                switch (rnd.nextInt(7)) {
                    case 0: {
                        long q = 1 + rnd.nextInt(2);
                        if (!lost) {
                            s[0] += q;
                        }
                        op = t.op(LinOp.Kind.RECEIPT, LinOp.Outcome.OK, -1, q, ResStatus.NONE,
                                rnd.nextInt(4) == 0 ? LinOp.UNCHECKED : s[0], 0, 0);
                        break;
                    }
                    case 1: {
                        long q = t.quantity[r];
                        boolean fits = s[0] - s[1] - s[2] >= q && status[r] == ResStatus.NONE;
                        if (fits && !lost) {
                            status[r] = ResStatus.HELD;
                            s[1] += q;
                        }
                        op = fits || open ? t.op(LinOp.Kind.RESERVE, LinOp.Outcome.OK, r, q, ResStatus.NONE, 0, 0, 0)
                                : t.op(LinOp.Kind.RESERVE, LinOp.Outcome.FAIL, -1, q, ResStatus.NONE, 0, 0, 0);
                        break;
                    }
                    case 2: {
                        byte st = status[r];
                        if (st == ResStatus.NONE) {
                            continue;
                        }
                        boolean ok = st == ResStatus.HELD || st == ResStatus.COMMITTED;
                        if (st == ResStatus.HELD && !lost) {
                            status[r] = ResStatus.COMMITTED;
                            s[1] -= t.quantity[r];
                            s[2] += t.quantity[r];
                        }
                        op = t.op(LinOp.Kind.COMMIT, ok ? LinOp.Outcome.OK : LinOp.Outcome.FAIL, r, 0, ok ? 0 : st,
                                0, 0, 0);
                        break;
                    }
                    case 3: {
                        byte st = status[r];
                        if (st == ResStatus.NONE) {
                            continue;
                        }
                        if (st == ResStatus.HELD && !lost) {
                            status[r] = ResStatus.RELEASED;
                            s[1] -= t.quantity[r];
                        }
                        byte shown = st == ResStatus.HELD ? ResStatus.RELEASED : st;
                        op = t.op(LinOp.Kind.RELEASE, st == ResStatus.COMMITTED ? LinOp.Outcome.FAIL : LinOp.Outcome.OK,
                                r, 0, shown, 0, 0, 0);
                        break;
                    }
                    case 4: {
                        if (status[r] != ResStatus.HELD) {
                            continue;
                        }
                        if (!lost) {
                            status[r] = ResStatus.EXPIRED;
                            s[1] -= t.quantity[r];
                        }
                        op = t.op(LinOp.Kind.EXPIRE, LinOp.Outcome.OK, r, 0, ResStatus.NONE, 0, 0, 0);
                        break;
                    }
                    case 5: {
                        long delta = -(1 + rnd.nextInt(2));
                        long after = s[0] + delta;
                        boolean allowed = after >= 0 && after >= s[1] + s[2];
                        if (allowed && !lost) {
                            s[0] = after;
                        }
                        op = t.op(LinOp.Kind.ADJUST, allowed || open ? LinOp.Outcome.OK : LinOp.Outcome.FAIL, -1,
                                delta, ResStatus.NONE, allowed ? after : LinOp.UNCHECKED, 0, 0);
                        break;
                    }
                    default:
                        open = false;
                        lost = false;
                        op = t.op(LinOp.Kind.READ, LinOp.Outcome.OK, -1, 0, ResStatus.NONE, s[0], s[1], s[2]);
                        break;
                }
                long call = at - rnd.nextInt(16);
                long ret = open ? LinOp.NEVER : at + (rnd.nextInt(10) == 0 ? 100 : rnd.nextInt(16)); // some long
                if (open) {
                    op = new LinOp(op.kind, LinOp.Outcome.UNKNOWN, op.res, op.amount, ResStatus.NONE,
                            LinOp.UNCHECKED, LinOp.UNCHECKED, LinOp.UNCHECKED, call, ret, op.label + " open");
                } else {
                    op = new LinOp(op.kind, op.outcome, op.res, op.amount, op.expectedStatus, op.onHand, op.held,
                            op.committed, call, ret, op.label);
                }
                if (op.kind == LinOp.Kind.RESERVE && op.outcome == LinOp.Outcome.FAIL
                        || op.outcome == LinOp.Outcome.UNKNOWN && op.kind == LinOp.Kind.READ) {
                    op = new LinOp(op.kind, op.outcome, -1, op.amount, op.expectedStatus, op.onHand, op.held,
                            op.committed, op.callPos, op.returnPos, op.label);
                }
                t.ops.add(op);
            }
            // holds still HELD may expire unseen later: an open-ended expiry for some
            for (int r = 0; r < nRes; r++) {
                if (rnd.nextBoolean()) {
                    t.ops.add(new LinOp(LinOp.Kind.EXPIRE, LinOp.Outcome.UNKNOWN, r, 0, ResStatus.NONE,
                            LinOp.UNCHECKED, LinOp.UNCHECKED, LinOp.UNCHECKED, rnd.nextInt(10 * n + 10), LinOp.NEVER,
                            "open expire r" + r));
                }
            }
            if (rnd.nextInt(10) < 7 && !t.ops.isEmpty()) {
                t.corruptOne(rnd);
            }
            return t;
        }

        /**
         * Like {@link #generate}, but on the ledger's clock: holds are made at their op's moment (the reserve's ledger
         * time) with a deadline, expire when the clock reaches it (before the next op, earliest first), and each gets
         * an expiry op: seen (a window from its deadline to some observation) or open-ended. Indeterminate reserves
         * that took effect are anonymous to the checker: no ledger times.
         */
        static Tiny generateOnLedgerClock(Random rnd) {
            Tiny t = new Tiny();
            int nRes = 1 + rnd.nextInt(4);
            t.quantity = new long[nRes];
            byte[] status = new byte[nRes];
            long[] deadline = new long[nRes];
            long[] expiredAt = new long[nRes];
            long[] reserveCall = new long[nRes];
            boolean[] anonymous = new boolean[nRes];
            java.util.Arrays.fill(expiredAt, -1);
            for (int r = 0; r < nRes; r++) {
                t.quantity[r] = 1 + rnd.nextInt(2);
            }
            long[] s = new long[3];
            int n = 3 + rnd.nextInt(10);
            for (int i = 0; i <= n; i++) {
                long at = 10L * (i + 1);
                // the ledger's clock reached `at`: every hold due expires first, earliest deadline first
                for (boolean more = true; more; ) {
                    more = false;
                    int first = -1;
                    for (int r = 0; r < nRes; r++) {
                        if (status[r] == ResStatus.HELD && deadline[r] <= at
                                && (first < 0 || deadline[r] < deadline[first])) {
                            first = r;
                        }
                    }
                    if (first >= 0) {
                        status[first] = ResStatus.EXPIRED;
                        s[1] -= t.quantity[first];
                        expiredAt[first] = at;
                        more = true;
                    }
                }
                if (i == n) {
                    break;
                }
                int r = rnd.nextInt(nRes);
                boolean open = rnd.nextInt(100) < 20;
                boolean lost = open && rnd.nextBoolean();
                long call = at - rnd.nextInt(16);
                long ret = open ? LinOp.NEVER : at + (rnd.nextInt(10) == 0 ? 100 : rnd.nextInt(16));
                int kind = rnd.nextInt(6);
                if (kind == 1 && status[r] == ResStatus.NONE) {
                    long q = t.quantity[r];
                    boolean fits = s[0] - s[1] - s[2] >= q;
                    if (fits && !lost) {
                        status[r] = ResStatus.HELD;
                        s[1] += q;
                        deadline[r] = at + 15 + 10 * rnd.nextInt(3);
                        reserveCall[r] = call;
                        anonymous[r] = open;
                    }
                    LinOp op = fits || open ? t.op(LinOp.Kind.RESERVE, LinOp.Outcome.OK, r, q, ResStatus.NONE, 0, 0, 0)
                            : t.op(LinOp.Kind.RESERVE, LinOp.Outcome.FAIL, -1, q, ResStatus.NONE, 0, 0, 0);
                    boolean known = fits && !open;
                    t.ops.add(new LinOp(op.kind, open ? LinOp.Outcome.UNKNOWN : op.outcome, op.res, q, ResStatus.NONE,
                            LinOp.UNCHECKED, LinOp.UNCHECKED, LinOp.UNCHECKED, known ? Math.max(call, at - 1) : call, ret,
                            known ? at : LinOp.UNCHECKED, op.label + (open ? " open" : "")));
                    continue;
                }
                if (kind == 1) {
                    kind = 0;
                }
                LinOp op = t.plainOp(kind, r, status, s, lost, rnd);
                if (op == null) {
                    continue;
                }
                if (op.kind == LinOp.Kind.READ) {
                    open = false;
                    ret = at + rnd.nextInt(16);
                }
                t.ops.add(new LinOp(op.kind, open ? LinOp.Outcome.UNKNOWN : op.outcome, open ? op.res : op.res,
                        op.amount, open ? ResStatus.NONE : op.expectedStatus, open ? LinOp.UNCHECKED : op.onHand,
                        open ? LinOp.UNCHECKED : op.held, open ? LinOp.UNCHECKED : op.committed, call, ret,
                        op.label + (open ? " open" : "")));
            }
            for (int r = 0; r < nRes; r++) {
                if (status[r] == ResStatus.NONE) {
                    continue;
                }
                if (anonymous[r]) { // only a lower bound on its deadline: invoke + ttl (here at most 15)
                    t.ops.add(new LinOp(LinOp.Kind.EXPIRE, LinOp.Outcome.UNKNOWN, r, 0, ResStatus.NONE, LinOp.UNCHECKED,
                            LinOp.UNCHECKED, LinOp.UNCHECKED, reserveCall[r] + 14, LinOp.NEVER, "open expire anon r" + r));
                } else if (expiredAt[r] >= 0 && rnd.nextBoolean()) {
                    t.ops.add(new LinOp(LinOp.Kind.EXPIRE, LinOp.Outcome.OK, r, 0, ResStatus.NONE, LinOp.UNCHECKED,
                            LinOp.UNCHECKED, LinOp.UNCHECKED, deadline[r] - 1, expiredAt[r] + 1 + rnd.nextInt(30),
                            deadline[r], "seen expire r" + r));
                } else {
                    t.ops.add(new LinOp(LinOp.Kind.EXPIRE, LinOp.Outcome.UNKNOWN, r, 0, ResStatus.NONE, LinOp.UNCHECKED,
                            LinOp.UNCHECKED, LinOp.UNCHECKED, deadline[r] - 1, LinOp.NEVER, deadline[r],
                            "open expire r" + r));
                }
            }
            int corrupt = rnd.nextInt(10);
            if (corrupt < 4 && !t.ops.isEmpty()) {
                t.corruptOne(rnd);
            } else if (corrupt < 8) {
                t.shiftALedgerTime(rnd);
            }
            return t;
        }

        /** Moves one reserve's or expiry's ledger time a little, so that the ledger's order may contradict the rest. */
        private void shiftALedgerTime(Random rnd) {
            List<Integer> timed = new ArrayList<>();
            for (int i = 0; i < ops.size(); i++) {
                if (ops.get(i).ledgerTime != LinOp.UNCHECKED) {
                    timed.add(i);
                }
            }
            if (timed.isEmpty()) {
                return;
            }
            int i = timed.get(rnd.nextInt(timed.size()));
            LinOp o = ops.get(i);
            long shifted = o.ledgerTime + (rnd.nextBoolean() ? 1 : -1) * (1 + rnd.nextInt(25));
            ops.set(i, new LinOp(o.kind, o.outcome, o.res, o.amount, o.expectedStatus, o.onHand, o.held, o.committed,
                    o.callPos, o.returnPos, shifted, o.label + " time shifted"));
        }

        /** Receipt (0), commit (2), release (3), adjust (4) or read (5) as the sequential run answers it. */
        private LinOp plainOp(int kind, int r, byte[] status, long[] s, boolean lost, Random rnd) {
            switch (kind) {
                case 0: {
                    long q = 1 + rnd.nextInt(2);
                    if (!lost) {
                        s[0] += q;
                    }
                    return op(LinOp.Kind.RECEIPT, LinOp.Outcome.OK, -1, q, ResStatus.NONE,
                            rnd.nextInt(4) == 0 ? LinOp.UNCHECKED : s[0], 0, 0);
                }
                case 2: {
                    byte st = status[r];
                    if (st == ResStatus.NONE) {
                        return null;
                    }
                    boolean ok = st == ResStatus.HELD || st == ResStatus.COMMITTED;
                    if (st == ResStatus.HELD && !lost) {
                        status[r] = ResStatus.COMMITTED;
                        s[1] -= quantity[r];
                        s[2] += quantity[r];
                    }
                    return op(LinOp.Kind.COMMIT, ok ? LinOp.Outcome.OK : LinOp.Outcome.FAIL, r, 0, ok ? 0 : st, 0, 0, 0);
                }
                case 3: {
                    byte st = status[r];
                    if (st == ResStatus.NONE) {
                        return null;
                    }
                    if (st == ResStatus.HELD && !lost) {
                        status[r] = ResStatus.RELEASED;
                        s[1] -= quantity[r];
                    }
                    byte shown = st == ResStatus.HELD ? ResStatus.RELEASED : st;
                    return op(LinOp.Kind.RELEASE, st == ResStatus.COMMITTED ? LinOp.Outcome.FAIL : LinOp.Outcome.OK, r,
                            0, shown, 0, 0, 0);
                }
                case 4: {
                    long delta = -(1 + rnd.nextInt(2));
                    long after = s[0] + delta;
                    boolean allowed = after >= 0 && after >= s[1] + s[2];
                    if (allowed && !lost) {
                        s[0] = after;
                    }
                    return op(LinOp.Kind.ADJUST, allowed ? LinOp.Outcome.OK : LinOp.Outcome.FAIL, -1, delta,
                            ResStatus.NONE, allowed ? after : LinOp.UNCHECKED, 0, 0);
                }
                default:
                    return op(LinOp.Kind.READ, LinOp.Outcome.OK, -1, 0, ResStatus.NONE, s[0], s[1], s[2]);
            }
        }

        private LinOp op(LinOp.Kind kind, LinOp.Outcome outcome, int res, long amount, byte expected, long onHand,
                         long held, long committed) {
            LinOp op = new LinOp(kind, outcome, res, amount, expected, onHand, held, committed, 0, 0, "");
            return new LinOp(kind, outcome, res, amount, expected, onHand, held, committed, 0, 0, label(op));
        }

        private static String label(LinOp o) {
            return o.kind + " " + o.outcome + (o.res >= 0 ? " r" + o.res : "") + " amount=" + o.amount + " st="
                    + ResStatus.name(o.expectedStatus) + " oh=" + (o.onHand == LinOp.UNCHECKED ? "?" : o.onHand)
                    + " h=" + o.held + " c=" + o.committed;
        }

        private void corruptOne(Random rnd) {
            int i = rnd.nextInt(ops.size());
            LinOp o = ops.get(i);
            long d = rnd.nextBoolean() ? 1 : -1;
            LinOp bad;
            switch (o.kind) {
                case READ:
                    int which = rnd.nextInt(3);
                    bad = new LinOp(o.kind, o.outcome, o.res, o.amount, o.expectedStatus, o.onHand + (which == 0 ? d : 0),
                            o.held + (which == 1 ? d : 0), o.committed + (which == 2 ? d : 0), o.callPos, o.returnPos,
                            o.label + " corrupted");
                    break;
                case COMMIT:
                case RELEASE:
                    byte st = (byte) (1 + rnd.nextInt(4));
                    bad = new LinOp(o.kind, rnd.nextBoolean() ? LinOp.Outcome.OK : LinOp.Outcome.FAIL, o.res, o.amount,
                            o.kind == LinOp.Kind.RELEASE && st == ResStatus.HELD ? ResStatus.RELEASED : st,
                            o.onHand, o.held, o.committed, o.callPos, o.returnPos, o.label + " corrupted");
                    break;
                default:
                    bad = new LinOp(o.kind, o.outcome, o.res, o.amount, o.expectedStatus,
                            o.onHand == LinOp.UNCHECKED ? o.onHand : o.onHand + d, o.held, o.committed,
                            o.callPos, Objects.equals(o.returnPos, LinOp.NEVER) ? o.returnPos : o.callPos + 1,
                            o.label + " corrupted");
                    break;
            }
            ops.set(i, new LinOp(bad.kind, bad.outcome, bad.res, bad.amount, bad.expectedStatus, bad.onHand, bad.held,
                    bad.committed, bad.callPos, bad.returnPos, o.ledgerTime, label(bad) + (bad.openEnded() ? " open" : "")
                    + " corrupted"));
        }
    }

}
