package org.inventory.ledger;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;

/**
 * Reservations by id, in a primitive-keyed open-addressing map (a boxed Long and a HashMap node would cost ~56 B
 * more per reservation), whose slots a snapshot can copy in one {@code arraycopy}.
 *
 * <p>Generic only so that the slots (an {@code Object[]} underneath) are read as what they are: bound to
 * {@code Reservation}, the compiler would cast the array to {@code Reservation[]} and fail.
 */
final class ReservationTable<R> extends Long2ObjectOpenHashMap<R> {
    private static final long serialVersionUID = 1L;

    /**
     * A copy of the table's slots: every reservation, with nulls between them. A snapshot capture takes it on the
     * applying thread, where iterating a million entries, cold as that code is between snapshots, took ~150 ms.
     */
    Object[] slots() {
        return value.clone(); // ids are never 0, so the slot fastutil keeps for the 0 key stays null
    }
}
