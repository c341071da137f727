package org.inventory.chaos.check.linear;

import java.util.Arrays;

/**
 * A point of the search: the return entry being processed (whose op must now be linearized), the ops called so far
 * and not linearized ({@code pending}), and the model state.
 *
 * <p>This is the memo key, and it is the (linearized set, state) pair of Wing &amp; Gong / Lowe in compact form:
 * everything called before {@code entry} and not pending has been linearized (or, for an open-ended op, can no
 * longer take effect, which the state shows), so the pending set, a handful of ops, stands for an n-bit set of the
 * whole history. Two paths reaching equal configs have the same futures, so a config is explored once.
 */
final class Config {
    final int entry;
    final int[] pending;
    final SkuState state;
    private final int hash;

    Config(int entry, int[] pending, SkuState state) {
        this.entry = entry;
        this.pending = pending;
        this.state = state;
        this.hash = (entry * 31 + Arrays.hashCode(pending)) * 31 + state.hashCode();
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Config)) {
            return false;
        }
        Config c = (Config) o;
        return hash == c.hash && entry == c.entry && Arrays.equals(pending, c.pending) && state.equals(c.state);
    }
}
