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
 * random histories, most of them with one result changed. (More: -Dcrosscheck.seed=N -Dcrosscheck.runs=M; 360 000
 * histories over six seeds agreed when this was written, with both the expiry exchange and the open-ended stand-in
 * rule firing thousands of times.)
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

    /** Every order of the ops that respects real time, open-ended ones optional; memo on (placed set, state). */
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
                if ((placed & (1L << x)) != 0 || !minimal(placed, x)) {
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
                    bad.committed, bad.callPos, bad.returnPos, label(bad) + (bad.openEnded() ? " open" : "")
                    + " corrupted"));
        }
    }

}
