package org.inventory.ledger;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import org.inventory.ledger.proto.ReservationState;

/**
 * What a snapshot's live reservations hold and have committed, per SKU record: a loaded snapshot's SKU totals must
 * be exactly these, no unit held twice or lost.
 */
final class LiveTotals {
    private final long[] held;
    private final long[] committed;

    LiveTotals(int skus) {
        held = new long[skus];
        committed = new long[skus];
    }

    /** A live reservation's line, its SKU named by position among the snapshot's SKU records. */
    void add(ReservationState state, int skuPosition, long quantity) {
        (state == ReservationState.HELD ? held : committed)[skuPosition] += quantity;
    }

    /** Adds every live reservation's lines, their SKUs found in a map (formats up to 3 name them). */
    void addByName(Sku[] inFileOrder, Reservation[] reservations) {
        Object2IntOpenHashMap<Sku> positions = new Object2IntOpenHashMap<>(inFileOrder.length);
        for (int i = 0; i < inFileOrder.length; i++) {
            positions.put(inFileOrder[i], i);
        }
        for (Reservation r : reservations) {
            if (r.isLive()) {
                for (int i = 0; i < r.skus.length; i++) {
                    add(r.state, positions.getInt(r.skus[i]), r.quantities[i]);
                }
            }
        }
    }

    void check(Sku[] inFileOrder) throws SnapshotCorruptException {
        for (int i = 0; i < inFileOrder.length; i++) {
            Sku sku = inFileOrder[i];
            if (held[i] != sku.held || committed[i] != sku.committed) {
                throw new SnapshotCorruptException("sku " + sku.name + ": held/committed " + sku.held + "/" + sku.committed
                        + " but live reservations hold " + held[i] + "/" + committed[i]);
            }
        }
    }
}
