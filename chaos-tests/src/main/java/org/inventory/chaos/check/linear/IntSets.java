package org.inventory.chaos.check.linear;

import java.util.Arrays;

/**
 * Small sets of op numbers as sorted int arrays, never modified once built. The search's pending sets hold the few
 * ops in flight (plus the open-ended ones not yet placed), so copy-on-write arrays beat any bit set sized to the
 * whole history, and a sorted array is also the order in which the search tries them (call order).
 */
final class IntSets {
    static final int[] EMPTY = new int[0];

    private IntSets() {
    }

    static boolean contains(int[] set, int x) {
        return Arrays.binarySearch(set, x) >= 0;
    }

    static int[] with(int[] set, int x) {
        int i = Arrays.binarySearch(set, x);
        if (i >= 0) {
            return set;
        }
        i = -i - 1;
        int[] out = new int[set.length + 1];
        System.arraycopy(set, 0, out, 0, i);
        out[i] = x;
        System.arraycopy(set, i, out, i + 1, set.length - i);
        return out;
    }

    static int[] without(int[] set, int x) {
        int i = Arrays.binarySearch(set, x);
        if (i < 0) {
            return set;
        }
        int[] out = new int[set.length - 1];
        System.arraycopy(set, 0, out, 0, i);
        System.arraycopy(set, i + 1, out, i, set.length - i - 1);
        return out;
    }
}
