package org.inventory.chaos.check.linear;

import java.util.Arrays;

/**
 * An immutable byte array with cheap updates: a 16-way trie whose {@link #with} copies only the path to one leaf
 * (a few hundred bytes for thousands of entries) and shares the rest. The search keeps one model state per
 * configuration it remembers; copying a flat byte[] of every reservation's status at each step would make the
 * search quadratic in the history's length, this keeps it linear.
 */
final class PersistentBytes {
    private static final int BITS = 4;
    private static final int WIDTH = 1 << BITS;
    private static final int MASK = WIDTH - 1;

    /** byte[WIDTH] when levels == 1, else Object[WIDTH] of subtrees one level lower. */
    private final Object root;
    private final int levels;

    private PersistentBytes(Object root, int levels) {
        this.root = root;
        this.levels = levels;
    }

    /** {@code size} zeros; all-zero subtrees are shared, so this is O(log size). */
    static PersistentBytes zeros(int size) {
        int levels = 1;
        long capacity = WIDTH;
        while (capacity < size) {
            capacity *= WIDTH;
            levels++;
        }
        Object node = new byte[WIDTH];
        for (int l = 1; l < levels; l++) {
            Object[] parent = new Object[WIDTH];
            Arrays.fill(parent, node);
            node = parent;
        }
        return new PersistentBytes(node, levels);
    }

    byte get(int i) {
        Object node = root;
        for (int l = levels - 1; l > 0; l--) {
            node = ((Object[]) node)[(i >>> (BITS * l)) & MASK];
        }
        return ((byte[]) node)[i & MASK];
    }

    PersistentBytes with(int i, byte value) {
        if (get(i) == value) {
            return this;
        }
        return new PersistentBytes(set(root, levels - 1, i, value), levels);
    }

    private static Object set(Object node, int level, int i, byte value) {
        if (level == 0) {
            byte[] leaf = ((byte[]) node).clone();
            leaf[i & MASK] = value;
            return leaf;
        }
        Object[] copy = ((Object[]) node).clone();
        int slot = (i >>> (BITS * level)) & MASK;
        copy[slot] = set(copy[slot], level - 1, i, value);
        return copy;
    }

    /** Same content; shared subtrees compare by reference, so two states one step apart compare in O(log n). */
    boolean sameContent(PersistentBytes other) {
        return levels == other.levels && same(root, other.root, levels - 1);
    }

    private static boolean same(Object a, Object b, int level) {
        if (a == b) {
            return true;
        }
        if (level == 0) {
            return Arrays.equals((byte[]) a, (byte[]) b);
        }
        Object[] x = (Object[]) a;
        Object[] y = (Object[]) b;
        for (int k = 0; k < WIDTH; k++) {
            if (!same(x[k], y[k], level - 1)) {
                return false;
            }
        }
        return true;
    }
}
