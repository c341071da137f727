package org.inventory.ledger;

import java.util.ArrayList;
import java.util.List;
import org.inventory.ledger.proto.AdjustmentReason;
import org.inventory.ledger.proto.LedgerEntryType;

/**
 * A SKU's most recent ledger entries, oldest first, in a ring that grows on demand up to a fixed capacity.
 * When full, the oldest entry is dropped and its "totals after" become the opening balance, so
 * {@code opening + effects of the retained entries == current totals} always holds.
 *
 * <p>Entries are kept column-wise in primitive arrays rather than as objects: a hot SKU books millions of
 * entries and this keeps the apply loop free of per-entry allocation.
 */
final class LedgerWindow {
    private static final int FIELDS = 8;
    private static final int LEDGER_INDEX = 0, LOG_INDEX = 1, AT = 2, QUANTITY = 3, RESERVATION = 4,
            ON_HAND = 5, HELD = 6, COMMITTED = 7;
    private static final LedgerEntryType[] TYPES = LedgerEntryType.values();
    private static final AdjustmentReason[] REASONS = AdjustmentReason.values();

    private final int maxEntries;
    private long[] numbers;
    private byte[] types;
    private byte[] reasons;
    private String[] notes;
    private int head; // slot of the oldest entry
    private int size;

    private long openingOnHand, openingHeld, openingCommitted;

    LedgerWindow(int maxEntries) {
        this.maxEntries = maxEntries;
        allocate(Math.min(4, maxEntries));
    }

    private void allocate(int capacity) {
        numbers = new long[capacity * FIELDS];
        types = new byte[capacity];
        reasons = new byte[capacity];
        notes = new String[capacity];
    }

    void append(long ledgerIndex, long logIndex, long atMs, LedgerEntryType type, long quantity, long reservationId,
                AdjustmentReason reason, String note, long onHandAfter, long heldAfter, long committedAfter) {
        int capacity = types.length;
        if (size == capacity) {
            if (capacity < maxEntries) {
                grow(Math.min(maxEntries, capacity + Math.max(2, capacity / 2))); // x1.5: 100 k SKUs leave less slack
            } else {
                dropOldest();
            }
        }
        int slot = (head + size) % types.length;
        int base = slot * FIELDS;
        numbers[base + LEDGER_INDEX] = ledgerIndex;
        numbers[base + LOG_INDEX] = logIndex;
        numbers[base + AT] = atMs;
        numbers[base + QUANTITY] = quantity;
        numbers[base + RESERVATION] = reservationId;
        numbers[base + ON_HAND] = onHandAfter;
        numbers[base + HELD] = heldAfter;
        numbers[base + COMMITTED] = committedAfter;
        types[slot] = (byte) type.getNumber();
        reasons[slot] = (byte) reason.getNumber();
        notes[slot] = note;
        size++;
    }

    private void grow(int capacity) {
        long[] oldNumbers = numbers;
        byte[] oldTypes = types;
        byte[] oldReasons = reasons;
        String[] oldNotes = notes;
        int oldCapacity = oldTypes.length;
        allocate(capacity);
        for (int i = 0; i < size; i++) {
            int from = (head + i) % oldCapacity;
            System.arraycopy(oldNumbers, from * FIELDS, numbers, i * FIELDS, FIELDS);
            types[i] = oldTypes[from];
            reasons[i] = oldReasons[from];
            notes[i] = oldNotes[from];
        }
        head = 0;
    }

    private void dropOldest() {
        int base = head * FIELDS;
        openingOnHand = numbers[base + ON_HAND];
        openingHeld = numbers[base + HELD];
        openingCommitted = numbers[base + COMMITTED];
        notes[head] = null;
        head = (head + 1) % types.length;
        size--;
    }

    int size() {
        return size;
    }

    /** A copy of the retained entries and the opening balance, oldest first, for a snapshot written elsewhere. */
    Frozen freeze() {
        int n = size;
        long[] nums = new long[n * FIELDS];
        byte[] t = new byte[n];
        byte[] r = new byte[n];
        String[] notesCopy = new String[n];
        for (int i = 0; i < n; i++) {
            int slot = (head + i) % types.length;
            System.arraycopy(numbers, slot * FIELDS, nums, i * FIELDS, FIELDS);
            t[i] = types[slot];
            r[i] = reasons[slot];
            notesCopy[i] = notes[slot];
        }
        return new Frozen(nums, t, r, notesCopy, openingOnHand, openingHeld, openingCommitted);
    }

    /** A window's entries at one moment, immutable. */
    record Frozen(long[] numbers, byte[] types, byte[] reasons, String[] notes, long openingOnHand, long openingHeld,
                  long openingCommitted) {
        int size() {
            return types.length;
        }

        LedgerEntry get(int i) {
            int base = i * FIELDS;
            return new LedgerEntry(numbers[base + LEDGER_INDEX], numbers[base + LOG_INDEX], numbers[base + AT],
                    TYPES[types[i]], numbers[base + QUANTITY], numbers[base + RESERVATION], REASONS[reasons[i]],
                    notes[i], numbers[base + ON_HAND], numbers[base + HELD], numbers[base + COMMITTED]);
        }
    }

    /** True when the next append drops the oldest entry. */
    boolean full() {
        return size == maxEntries;
    }

    /** Adds ({@code sign} 1) or subtracts (-1) entry {@code i} (0 = the oldest) in {@code digest}. */
    void digest(StateDigest digest, int sign, long skuNameHash, int i) {
        int slot = (head + i) % types.length;
        int base = slot * FIELDS;
        digest.entry(sign, skuNameHash, numbers[base + LEDGER_INDEX], numbers[base + LOG_INDEX], numbers[base + AT], types[slot],
                numbers[base + QUANTITY], numbers[base + RESERVATION], reasons[slot], notes[slot], numbers[base + ON_HAND],
                numbers[base + HELD], numbers[base + COMMITTED]);
    }

    long openingOnHand() {
        return openingOnHand;
    }

    long openingHeld() {
        return openingHeld;
    }

    long openingCommitted() {
        return openingCommitted;
    }

    void setOpening(long onHand, long held, long committed) {
        openingOnHand = onHand;
        openingHeld = held;
        openingCommitted = committed;
    }

    LedgerEntry get(int i) {
        int slot = (head + i) % types.length;
        int base = slot * FIELDS;
        return new LedgerEntry(numbers[base + LEDGER_INDEX], numbers[base + LOG_INDEX], numbers[base + AT],
                TYPES[types[slot]], numbers[base + QUANTITY], numbers[base + RESERVATION], REASONS[reasons[slot]],
                notes[slot], numbers[base + ON_HAND], numbers[base + HELD], numbers[base + COMMITTED]);
    }

    private long ledgerIndexAt(int i) {
        return numbers[((head + i) % types.length) * FIELDS + LEDGER_INDEX];
    }

    /** Entries with a ledger index above {@code afterLedgerIndex}, oldest first, at most {@code limit}. */
    List<LedgerEntry> after(long afterLedgerIndex, int limit) {
        int lo = 0, hi = size; // first position whose ledger index is above afterLedgerIndex
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ledgerIndexAt(mid) <= afterLedgerIndex) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int end = (int) Math.min(size, (long) lo + limit);
        List<LedgerEntry> out = new ArrayList<>(Math.max(0, end - lo));
        for (int i = lo; i < end; i++) {
            out.add(get(i));
        }
        return out;
    }
}
