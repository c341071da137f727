package org.inventory.chaos.check.linear;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The order the ledger's clock imposes on holds being made and expiring, where the history tells their ledger
 * times. The ledger stamps every command it applies with a time that never decreases (the maximum of the leader
 * clocks seen so far), and before applying a command it expires every HELD reservation whose deadline is at or before
 * that time. A reserve ok reveals its command's time (expires_at_ms - ttl) and every hold its deadline
 * (expires_at_ms). Hence, in the ledger's own order, which a linearization must follow:
 * <ol>
 * <li>reserves go in ledger-time order: one made at an earlier time was applied before one made later;</li>
 * <li>an expiry comes after every reserve made before its deadline (those commands ran at an earlier time);</li>
 * <li>expiries go in deadline order (at any ledger time, every hold due is expired, earliest deadline first), except
 * for a hold that ended otherwise first: its expiry never happens ("dead");</li>
 * <li>a reserve made at or after a hold's deadline comes after that hold's expiry, if it expires at all (the command
 * expired it first).</li>
 * </ol>
 * Equal times impose nothing. Without these, the history alone lets a hold that a recovery pass only completed
 * minutes later, and its expiry, slide anywhere in their long windows together, a floating unit of held stock the
 * search can use to paper over any other choice; the search then explores a space exponential in such holds.
 *
 * <p>Checked as "these ops must already be placed" before placing a reserve or an expiry. Only the nearest group of
 * equal times before an op is checked: the ops in it were themselves only placed after theirs (transitively), except
 * dead expiries, past which the check walks on to the group before. The check depends only on the model state, so
 * the memo stays exact.
 */
final class LedgerOrder {
    private final SkuHistory h;
    /** Reserves by ledger time, grouped by equal time; likewise expiries. */
    private final int[][] reserveGroups;
    private final int[][] expiryGroups;
    /** Per op: the reserve group that must be placed before it, and the expiry group to start walking back from. */
    private final int[] reservesBefore;
    private final int[] expiriesBefore;

    LedgerOrder(SkuHistory h) {
        this.h = h;
        reserveGroups = groups(LinOp.Kind.RESERVE);
        expiryGroups = groups(LinOp.Kind.EXPIRE);
        reservesBefore = new int[h.ops.length];
        expiriesBefore = new int[h.ops.length];
        Arrays.fill(reservesBefore, -1);
        Arrays.fill(expiriesBefore, -1);
        for (int i = 0; i < h.ops.length; i++) {
            LinOp op = h.ops[i];
            if (op.ledgerTime == LinOp.UNCHECKED) {
                continue;
            }
            if (op.kind == LinOp.Kind.RESERVE) {
                reservesBefore[i] = lastGroupBefore(reserveGroups, op.ledgerTime, false); // rule 1
                expiriesBefore[i] = lastGroupBefore(expiryGroups, op.ledgerTime, true); // rule 4
            } else if (op.kind == LinOp.Kind.EXPIRE) {
                reservesBefore[i] = lastGroupBefore(reserveGroups, op.ledgerTime, false); // rule 2
                expiriesBefore[i] = lastGroupBefore(expiryGroups, op.ledgerTime, false); // rule 3
            }
        }
    }

    /**
     * Whether the ledger's clock lets op {@code x} be placed in state {@code s}. Read off the statuses: a known
     * reservation leaves "not reserved" only by its reserve, and becomes EXPIRED only by its expiry.
     */
    boolean allows(int x, SkuState s) {
        return mustWaitFor(x, s) < 0;
    }

    /** An op the ledger's clock puts before {@code x} that is not placed yet in state {@code s}, or -1. */
    int mustWaitFor(int x, SkuState s) {
        int g = reservesBefore[x];
        if (g >= 0) {
            for (int y : reserveGroups[g]) {
                if (s.status(h.ops[y].res) == ResStatus.NONE) {
                    return y;
                }
            }
        }
        for (g = expiriesBefore[x]; g >= 0; g--) {
            boolean anyDead = false;
            for (int y : expiryGroups[g]) {
                byte st = s.status(h.ops[y].res);
                if (st == ResStatus.COMMITTED || st == ResStatus.RELEASED) {
                    anyDead = true; // ended otherwise: this expiry never happens, look further back
                } else if (st != ResStatus.EXPIRED) {
                    return y;
                }
            }
            if (!anyDead) {
                break;
            }
        }
        return -1;
    }

    private int[][] groups(LinOp.Kind kind) {
        List<Integer> ops = new ArrayList<>();
        for (int i = 0; i < h.ops.length; i++) {
            if (h.ops[i].kind == kind && h.ops[i].ledgerTime != LinOp.UNCHECKED) {
                ops.add(i);
            }
        }
        ops.sort(Comparator.comparingLong(i -> h.ops[i].ledgerTime));
        List<int[]> groups = new ArrayList<>();
        int from = 0;
        for (int k = 1; k <= ops.size(); k++) {
            if (k == ops.size() || h.ops[ops.get(k)].ledgerTime != h.ops[ops.get(from)].ledgerTime) {
                groups.add(ops.subList(from, k).stream().mapToInt(Integer::intValue).toArray());
                from = k;
            }
        }
        return groups.toArray(new int[0][]);
    }

    /** Index of the last group whose time is before {@code t} (or at it, if {@code inclusive}), or -1. */
    private int lastGroupBefore(int[][] groups, long t, boolean inclusive) {
        int lo = 0;
        int hi = groups.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            long gt = h.ops[groups[mid][0]].ledgerTime;
            if (gt < t || inclusive && gt == t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }
}
