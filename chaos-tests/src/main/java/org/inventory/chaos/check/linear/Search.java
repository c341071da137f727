package org.inventory.chaos.check.linear;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * Wing &amp; Gong's depth-first search for a linearization, with Lowe's just-in-time linearization and a memo of
 * configurations already explored.
 *
 * <p>Just in time: the search walks the merged call/return entries in order; a call only adds its op to the pending
 * set. At the return of an op that is still pending, that op must be linearized now: either directly, or after some
 * other pending ops (chosen one at a time, each a new config at the same entry). Any linearization can be rearranged
 * so that every op is placed this late, so nothing is lost, and nothing is placed speculatively at calls. Open-ended
 * ops have no return: they are only ever placed to make room for another op, and may stay unplaced forever.
 *
 * <p>Order of choices: the op that must complete first, then the other pending ops with a result in call order, then
 * open-ended ones in call order; trying "no help needed" first keeps a valid history's search close to linear.
 *
 * <p>Depth is one frame per return entry: iterative, never recursive, so 20 000-op histories do not blow the stack.
 */
final class Search {
    private final SkuHistory h;
    private final long budget;
    private final Set<Config> memo = new HashSet<>();
    private long steps;
    private Config furthest;

    private Search(SkuHistory h, long budget) {
        this.h = h;
        this.budget = budget;
    }

    static SearchOutcome run(SkuHistory h, long budget) {
        return new Search(h, budget).run();
    }

    /** A config on the search stack, with how far its choices have been tried. */
    private final class Frame {
        final Config config;
        /** The op whose return this is. */
        final int op;
        private int tried;
        private int[] helpers;

        Frame(Config config) {
            this.config = config;
            this.op = h.entryOp[config.entry];
        }

        /** The next op to try placing here, or -1 when all were tried. */
        int next() {
            if (tried == 0) {
                tried++;
                return op;
            }
            if (helpers == null) {
                helpers = helpersInOrder(config.pending, op);
            }
            return tried <= helpers.length ? helpers[tried++ - 1] : -1;
        }
    }

    private SearchOutcome run() {
        Config start = advance(0, IntSets.EMPTY, SkuState.initial(h.resName.length));
        if (start == null) {
            return new SearchOutcome(SearchOutcome.Result.LINEARIZABLE, steps, null);
        }
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        push(stack, start);
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            int x = f.next();
            if (x < 0) {
                stack.pop(); // every way of placing f's op from here failed: backtrack
                continue;
            }
            if (steps >= budget) {
                return new SearchOutcome(SearchOutcome.Result.BUDGET_EXHAUSTED, steps, furthest);
            }
            steps++;
            Config c = f.config;
            LinOp op = h.ops[x];
            SkuState after = h.model.step(c.state, op);
            if (after == null) {
                continue;
            }
            int[] pending = IntSets.without(c.pending, x);
            if (op.res >= 0) {
                byte was = c.state.status(op.res);
                byte now = after.status(op.res);
                if (was != now && ResStatus.terminal(now)) {
                    if (doomed(op.res, now, c.entry, pending)) {
                        continue;
                    }
                    pending = withoutOpenOps(pending, op.res);
                }
            }
            Config next;
            if (x == f.op) {
                next = advance(c.entry + 1, pending, after);
                if (next == null) {
                    return new SearchOutcome(SearchOutcome.Result.LINEARIZABLE, steps, furthest);
                }
            } else {
                next = new Config(c.entry, pending, after);
            }
            push(stack, next);
        }
        return new SearchOutcome(SearchOutcome.Result.NOT_LINEARIZABLE, steps, furthest);
    }

    private void push(ArrayDeque<Frame> stack, Config c) {
        if (!memo.add(c)) {
            return; // explored before, from another path, and it failed (or we would have stopped)
        }
        if (furthest == null || c.entry > furthest.entry) {
            furthest = c;
        }
        stack.push(new Frame(c));
    }

    /**
     * Walks calls and returns from {@code entry} until the return of a pending op (the next config), or the end (null:
     * every op with a result got linearized). Returns of ops already placed pass by; an open-ended op called on a
     * reservation that is already terminal can never take effect and is not added.
     */
    private Config advance(int entry, int[] pending, SkuState state) {
        for (int e = entry; e < h.entryOp.length; e++) {
            int x = h.entryOp[e];
            if (h.entryIsCall[e]) {
                LinOp op = h.ops[x];
                if (op.openEnded() && op.kind != LinOp.Kind.RESERVE && op.res >= 0
                        && ResStatus.terminal(state.status(op.res))) {
                    continue;
                }
                pending = IntSets.with(pending, x);
            } else if (IntSets.contains(pending, x)) {
                return new Config(e, pending, state);
            }
        }
        return null;
    }

    /**
     * Reservation {@code res} just became terminal ({@code st}, forever). If one of its ops with a result is still to
     * be linearized (pending, or not even called yet) and cannot be accepted in {@code st}, this branch is dead.
     */
    private boolean doomed(int res, byte st, int entry, int[] pendingAfter) {
        for (int y : h.resultOpsByRes[res]) {
            boolean notYetPlaced = h.callEntry[y] > entry || IntSets.contains(pendingAfter, y);
            if (notYetPlaced && !SkuModel.acceptsTerminal(h.ops[y], st)) {
                return true;
            }
        }
        return false;
    }

    /** Open-ended ops on a reservation that became terminal can never take effect: not pending any more. */
    private int[] withoutOpenOps(int[] pending, int res) {
        for (int y : h.openOpsByRes[res]) {
            pending = IntSets.without(pending, y);
        }
        return pending;
    }

    private int[] helpersInOrder(int[] pending, int op) {
        int[] out = new int[pending.length - 1];
        int k = 0;
        for (int y : pending) {
            if (y != op && !h.ops[y].openEnded()) {
                out[k++] = y;
            }
        }
        for (int y : pending) {
            if (y != op && h.ops[y].openEnded()) {
                out[k++] = y;
            }
        }
        return out;
    }

    long steps() {
        return steps;
    }
}
