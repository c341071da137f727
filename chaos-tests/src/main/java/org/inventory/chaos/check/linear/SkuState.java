package org.inventory.chaos.check.linear;

/**
 * The sequential model's state for one SKU: on hand, the held and committed totals, and each reservation's status
 * (indexed by the SKU's own reservation numbers; quantities never change, so they live outside the state). Immutable:
 * the search keeps states of many configurations at once and backtracks by simply dropping the newer ones.
 *
 * <p>{@code held} and {@code committed} are kept as running totals instead of being summed over the statuses, so
 * every check is O(1). The statuses' hash is kept incrementally (one random 64-bit word per (reservation, status),
 * XOR-ed in and out), so hashing a state for the memo is O(1) too; equality still compares the content exactly.
 */
final class SkuState {
    final long onHand;
    final long held;
    final long committed;
    private final PersistentBytes statuses;
    private final long statusHash;

    private SkuState(long onHand, long held, long committed, PersistentBytes statuses, long statusHash) {
        this.onHand = onHand;
        this.held = held;
        this.committed = committed;
        this.statuses = statuses;
        this.statusHash = statusHash;
    }

    /** Every SKU starts empty: its stock comes from receipts in the history. */
    static SkuState initial(int reservations) {
        return new SkuState(0, 0, 0, PersistentBytes.zeros(Math.max(1, reservations)), 0);
    }

    /** Safety stock and backorders are 0 in the chaos runs, so this is what a reserve may take. */
    long available() {
        return onHand - held - committed;
    }

    byte status(int res) {
        return statuses.get(res);
    }

    SkuState withOnHand(long newOnHand) {
        return new SkuState(newOnHand, held, committed, statuses, statusHash);
    }

    /** Moves reservation {@code res} to {@code status}, adjusting the totals by the given amounts. */
    SkuState withStatus(int res, byte status, long heldDelta, long committedDelta) {
        byte old = statuses.get(res);
        long hash = statusHash ^ word(res, old) ^ word(res, status);
        return new SkuState(onHand, held + heldDelta, committed + committedDelta, statuses.with(res, status), hash);
    }

    @Override
    public int hashCode() {
        long h = statusHash;
        h = h * 0x9E3779B97F4A7C15L + onHand;
        h = h * 0x9E3779B97F4A7C15L + held;
        h = h * 0x9E3779B97F4A7C15L + committed;
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SkuState)) {
            return false;
        }
        SkuState s = (SkuState) o;
        return onHand == s.onHand && held == s.held && committed == s.committed && statusHash == s.statusHash
                && statuses.sameContent(s.statuses);
    }

    @Override
    public String toString() {
        return "on_hand=" + onHand + " held=" + held + " committed=" + committed;
    }

    /** The random word of (reservation, status); NONE contributes nothing so the initial hash is 0. */
    private static long word(int res, byte status) {
        if (status == ResStatus.NONE) {
            return 0;
        }
        long z = (res * 8L + status) + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
