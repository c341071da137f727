package org.inventory.chaos.check.linear;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One SKU's operations, ready for the search: ops numbered in call order (so a sorted set of op numbers is also
 * call order), and one merged sequence of call and return entries, which is the real-time order the linearization
 * must respect. Open-ended ops have a call entry only.
 */
final class SkuHistory {
    final String sku;
    final LinOp[] ops;
    /** Merged entries: the op of each, and whether it is that op's call (else its return). */
    final int[] entryOp;
    final boolean[] entryIsCall;
    /** Per op: the index of its call and return entries (-1: open-ended). */
    final int[] callEntry;
    final int[] returnEntry;
    final SkuModel model;
    /** Per reservation number: its name for reports. */
    final String[] resName;
    /** Per reservation number: its ops with a result (checked by the doom test), and its open-ended ops. */
    final int[][] resultOpsByRes;
    final int[][] openOpsByRes;
    final Counts counts;

    /** What the summary reports about a SKU. */
    record Counts(int clientOps, int observedExpiries, int unobservedExpiries, int indeterminateReserves) {
    }

    SkuHistory(String sku, List<LinOp> unsorted, long[] quantity, String[] resName, Counts counts) {
        this.sku = sku;
        this.ops = unsorted.toArray(new LinOp[0]);
        Arrays.sort(ops, Comparator.comparingLong((LinOp o) -> o.callPos).thenComparingLong(o -> o.returnPos));
        this.model = new SkuModel(quantity);
        this.resName = resName;
        this.counts = counts;

        int n = ops.length;
        int finite = 0;
        for (LinOp op : ops) {
            finite += op.openEnded() ? 0 : 1;
        }
        long[] keys = new long[n + finite];
        int k = 0;
        for (int i = 0; i < n; i++) {
            keys[k++] = i;
            if (!ops[i].openEnded()) {
                keys[k++] = ~(long) i; // negative: a return
            }
        }
        // by position; at equal positions (synthesized entries only) calls first, which only widens windows
        Long[] boxed = Arrays.stream(keys).boxed().toArray(Long[]::new);
        Arrays.sort(boxed, Comparator.comparingLong((Long e) -> e >= 0 ? ops[(int) (long) e].callPos
                        : ops[(int) ~(long) e].returnPos)
                .thenComparingInt(e -> e >= 0 ? 0 : 1)
                .thenComparingLong(e -> e >= 0 ? e : ~e));
        entryOp = new int[boxed.length];
        entryIsCall = new boolean[boxed.length];
        callEntry = new int[n];
        returnEntry = new int[n];
        Arrays.fill(returnEntry, -1);
        for (int e = 0; e < boxed.length; e++) {
            long key = boxed[e];
            boolean call = key >= 0;
            int op = (int) (call ? key : ~key);
            entryOp[e] = op;
            entryIsCall[e] = call;
            if (call) {
                callEntry[op] = e;
            } else {
                returnEntry[op] = e;
            }
        }

        List<List<Integer>> results = new ArrayList<>();
        List<List<Integer>> open = new ArrayList<>();
        for (int r = 0; r < quantity.length; r++) {
            results.add(new ArrayList<>());
            open.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            if (ops[i].res >= 0) {
                (ops[i].openEnded() ? open : results).get(ops[i].res).add(i);
            }
        }
        resultOpsByRes = results.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
        openOpsByRes = open.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    int entries() {
        return entryOp.length;
    }
}
