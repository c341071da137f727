package org.inventory.chaos.check.linear;

/**
 * A symmetry of expiries that the search would otherwise explore in full. Holds that nobody looks at again (say,
 * abandoned ones that only the final pass reads) leave expiries with long, overlapping windows; if k of them are
 * pending, any subset may have expired by a given read, and a search for a history that is not linearizable would
 * try all 2^k of them.
 *
 * <p>Exchange argument: let x and y be pending expiries of reservations with the same quantity, every other op of
 * both reservations already placed (so nothing reads either status again), and x's window no later than y's
 * (x.call &lt;= y.call, x.return &lt;= y.return). In any linearization that places y before x, swapping them is
 * still a linearization: x fits in y's place (it was called no later), y in x's (it returns no earlier), and the
 * states in between differ only in which of the two statuses says EXPIRED, which nobody reads, with the same
 * totals. So placing y while x is pending is never needed: the search only expires such holds in window order.
 * (Deadlines: an unknown one is {@link LinOp#UNCHECKED}, the smallest long, so it never makes x later.)
 */
final class ExpiryExchange {
    private final SkuHistory h;
    /** Per reservation: the last return entry of its ops other than expiries (MAX if one is open-ended). */
    private final int[] settledAfter;
    private final long[] quantity;

    ExpiryExchange(SkuHistory h) {
        this.h = h;
        this.settledAfter = new int[h.resName.length];
        this.quantity = new long[h.resName.length];
        for (int i = 0; i < h.ops.length; i++) {
            LinOp op = h.ops[i];
            if (op.res < 0) {
                continue;
            }
            if (op.kind == LinOp.Kind.RESERVE) {
                quantity[op.res] = op.amount;
            }
            if (op.kind != LinOp.Kind.EXPIRE) {
                int last = op.openEnded() ? Integer.MAX_VALUE : h.returnEntry[i];
                settledAfter[op.res] = Math.max(settledAfter[op.res], last);
            }
        }
    }

    /** Whether placing expiry {@code y} now is redundant: an interchangeable expiry with an earlier window is pending. */
    boolean redundant(int y, Config c) {
        LinOp ey = h.ops[y];
        if (ey.kind != LinOp.Kind.EXPIRE || settledAfter[ey.res] >= c.entry) {
            return false;
        }
        for (int x : c.pending) {
            if (x == y) {
                continue;
            }
            LinOp ex = h.ops[x];
            if (ex.kind == LinOp.Kind.EXPIRE && quantity[ex.res] == quantity[ey.res] && settledAfter[ex.res] < c.entry
                    && earlier(x, ex, y, ey)) {
                return true;
            }
        }
        return false;
    }

    /**
     * x's window no later than y's, and x's deadline no later either ({@link LedgerOrder} puts expiries in deadline
     * order, and the two orders must not contradict each other); all equal goes by op number, so of two, exactly one
     * is earlier.
     */
    private static boolean earlier(int x, LinOp ex, int y, LinOp ey) {
        if (ex.callPos > ey.callPos || ex.returnPos > ey.returnPos || ex.ledgerTime > ey.ledgerTime) {
            return false;
        }
        return ex.callPos < ey.callPos || ex.returnPos < ey.returnPos || ex.ledgerTime < ey.ledgerTime || x < y;
    }
}
