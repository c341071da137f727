package org.inventory.chaos.check.linear;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * <p>Besides the model, an op must respect the ledger's clock ({@link LedgerOrder}).
 *
 * <p>Order of choices: the op that must complete first ("no help needed" keeps a valid history's search close to
 * linear), then other pending ops, those likeliest to let it complete first (see {@link #helpersInOrder}).
 *
 * <p>Depth is one frame per return entry: iterative, never recursive, so 20 000-op histories do not blow the stack.
 */
final class Search {
    private final SkuHistory h;
    private final long budget;
    private final Set<Config> memo = new HashSet<>();
    private final ExpiryExchange exchange;
    private final LedgerOrder ledger;
    private long steps;
    private Config furthest;
    /** At the furthest entry: placements refused because they would leave a later op impossible (for the report). */
    private final List<SearchOutcome.Blocked> blockedAtFurthest = new ArrayList<>();

    private Search(SkuHistory h, long budget) {
        this.h = h;
        this.budget = budget;
        this.exchange = new ExpiryExchange(h);
        this.ledger = new LedgerOrder(h);
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
                helpers = helpersInOrder(config, op);
            }
            return tried <= helpers.length ? helpers[tried++ - 1] : -1;
        }
    }

    private SearchOutcome run() {
        Config start = advance(0, IntSets.EMPTY, SkuState.initial(h.resName.length));
        if (start == null) {
            return outcome(SearchOutcome.Result.LINEARIZABLE);
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
                return outcome(SearchOutcome.Result.BUDGET_EXHAUSTED);
            }
            steps++;
            Config c = f.config;
            LinOp op = h.ops[x];
            int waitFor = ledger.mustWaitFor(x, c.state);
            if (waitFor >= 0) {
                note(c, new SearchOutcome.Blocked(x, waitFor, ResStatus.NONE, true));
                continue;
            }
            SkuState after = h.model.step(c.state, op);
            if (after == null) {
                continue;
            }
            int[] pending = IntSets.without(c.pending, x);
            if (op.res >= 0) {
                byte was = c.state.status(op.res);
                byte now = after.status(op.res);
                if (was != now && ResStatus.terminal(now)) {
                    int blocker = doomed(op.res, now, c.entry, pending);
                    if (blocker >= 0) {
                        note(c, new SearchOutcome.Blocked(x, blocker, now, false));
                        continue;
                    }
                    pending = withoutOpenOps(pending, op.res);
                }
            }
            if (after != c.state) {
                pending = placeNoOps(pending, after);
            }
            Config next;
            if (!IntSets.contains(pending, f.op)) { // placed: x itself, or a no-op once x made room
                next = advance(c.entry + 1, pending, after);
                if (next == null) {
                    return outcome(SearchOutcome.Result.LINEARIZABLE);
                }
            } else {
                next = new Config(c.entry, pending, after);
            }
            push(stack, next);
        }
        return outcome(SearchOutcome.Result.NOT_LINEARIZABLE);
    }

    /** Keeps a few reasons for refusals at the furthest entry, for the report. */
    private void note(Config c, SearchOutcome.Blocked why) {
        if (c.entry == furthest.entry && blockedAtFurthest.size() < 8 && !blockedAtFurthest.contains(why)) {
            blockedAtFurthest.add(why);
        }
    }

    private SearchOutcome outcome(SearchOutcome.Result result) {
        return new SearchOutcome(result, steps, furthest, List.copyOf(blockedAtFurthest));
    }

    private void push(ArrayDeque<Frame> stack, Config c) {
        if (!memo.add(c)) {
            return; // explored before, from another path, and it failed (or we would have stopped)
        }
        if (furthest == null || c.entry > furthest.entry) {
            furthest = c;
            blockedAtFurthest.clear();
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
                if (!op.openEnded() && op.mayBeNoOp()) {
                    steps++;
                    if (h.model.step(state, op) == state) {
                        continue; // a no-op the state accepts: placed at once (see placeNoOps)
                    }
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
     * be linearized (pending, or not even called yet) and cannot be accepted in {@code st}, this branch is dead:
     * returns that op, else -1.
     */
    private int doomed(int res, byte st, int entry, int[] pendingAfter) {
        for (int y : h.resultOpsByRes[res]) {
            boolean notYetPlaced = h.callEntry[y] > entry || IntSets.contains(pendingAfter, y);
            if (notYetPlaced && !SkuModel.acceptsTerminal(h.ops[y], st)) {
                return y;
            }
        }
        return -1;
    }

    /**
     * Places every pending op with a result that the state accepts without changing: reads, fails, a repeated commit.
     * No branch is lost. Such an op changes nothing wherever it goes (whether an op is a no-op depends only on
     * statuses that, once reached, never change), so in any linearization from here it can be taken out of its place
     * and put here instead, where it is accepted and inside its window; the states in between stay the same. Doing
     * this leaves only ops that change the state to branch on.
     */
    private int[] placeNoOps(int[] pending, SkuState state) {
        int[] out = pending;
        for (int y : pending) {
            LinOp op = h.ops[y];
            if (!op.openEnded() && op.mayBeNoOp()) {
                steps++;
                if (h.model.step(state, op) == state) {
                    out = IntSets.without(out, y);
                }
            }
        }
        return out;
    }

    /** Open-ended ops on a reservation that became terminal can never take effect: not pending any more. */
    private int[] withoutOpenOps(int[] pending, int res) {
        for (int y : h.openOpsByRes[res]) {
            pending = IntSets.without(pending, y);
        }
        return pending;
    }

    /**
     * The other pending ops worth trying before {@code op}, best first: ops with a result before open-ended ones (an
     * open-ended op explains anything, so it is the last resort); within each, by how close the state after each comes
     * to accepting {@code op} ({@link SkuModel#mismatch}: those after which it is accepted at once first, usually the
     * one op the answer saw); then soonest return first (an op about to return is likelier to have taken effect than
     * one whose window runs on for minutes, like an op only the recovery pass completed). Ordering matters for speed
     * only, but much: an op tried too early may fit by coincidence (an adjustment completed much later whose reported
     * on_hand happens to match) and send the search down a long wrong path.
     *
     * <p>Left out: ops the state refuses now, expiries {@link ExpiryExchange} shows redundant, and an open-ended
     * receipt or adjustment when a pending one with a result and the same amount is accepted now. Placing that one
     * here, and the open-ended one wherever the other would have gone, gives the same states with the constraint met;
     * so the open-ended one is never needed here.
     */
    private int[] helpersInOrder(Config c, int op) {
        int n = c.pending.length;
        SkuState[] after = new SkuState[n];
        for (int i = 0; i < n; i++) {
            int y = c.pending[i];
            if (y != op && !exchange.redundant(y, c) && ledger.allows(y, c.state)) {
                steps++;
                after[i] = h.model.step(c.state, h.ops[y]);
            }
        }
        int k = 0;
        int[] out = new int[n];
        long[] score = new long[n];
        for (int i = 0; i < n; i++) {
            int y = c.pending[i];
            if (after[i] == null || h.ops[y].openEnded() && hasSubstitute(c, after, h.ops[y])) {
                continue;
            }
            steps++;
            score[k] = h.model.mismatch(after[i], h.ops[op]) + (ledger.allows(op, after[i]) ? 0 : 1);
            out[k++] = y;
        }
        sortHelpers(out, score, k);
        return java.util.Arrays.copyOf(out, k);
    }

    /** Insertion sort (a handful of ops) by mismatch, then ops with a result first, then by return. */
    private void sortHelpers(int[] ops, long[] score, int n) {
        for (int i = 1; i < n; i++) {
            int y = ops[i];
            long sy = score[i];
            int j = i - 1;
            while (j >= 0 && after(ops[j], score[j], y, sy)) {
                ops[j + 1] = ops[j];
                score[j + 1] = score[j];
                j--;
            }
            ops[j + 1] = y;
            score[j + 1] = sy;
        }
    }

    /** Whether a (with score sa) goes after b (with score sb). */
    private boolean after(int a, long sa, int b, long sb) {
        boolean openA = h.ops[a].openEnded();
        if (openA != h.ops[b].openEnded()) {
            return openA;
        }
        if (sa != sb) {
            return sa > sb;
        }
        return h.ops[a].returnPos > h.ops[b].returnPos;
    }

    private boolean hasSubstitute(Config c, SkuState[] after, LinOp open) {
        if (open.kind != LinOp.Kind.RECEIPT && open.kind != LinOp.Kind.ADJUST) {
            return false;
        }
        for (int i = 0; i < c.pending.length; i++) {
            LinOp y = h.ops[c.pending[i]];
            if (after[i] != null && !y.openEnded() && y.kind == open.kind && y.amount == open.amount) {
                return true;
            }
        }
        return false;
    }
}
