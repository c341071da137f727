package org.inventory.ledger;

/**
 * A reservation is named after the log entry that created it and its place in that entry: unique within a group,
 * the same on every replica, and a retry under the same idempotency key replays the same name instead of minting a
 * new one. An entry holds one reservation (slot 0, named {@code res-<log index>}) or, for a batch, one per item
 * (slot k, named {@code res-<log index>-<k>} for k > 0).
 *
 * <p>The numeric form packs both into one long, {@code log index << SLOT_BITS | slot}, so ids sort in creation order.
 */
public final class ReservationIds {
    private static final String PREFIX = "res-";
    static final int SLOT_BITS = 10;
    /** Most reservations one log entry may create. */
    public static final int MAX_SLOTS = 1 << SLOT_BITS;
    private static final long MAX_LOG_INDEX = Long.MAX_VALUE >>> SLOT_BITS;

    private ReservationIds() {
    }

    /** The id of the {@code slot}-th reservation created by log entry {@code logIndex}. */
    public static long of(long logIndex, int slot) {
        if (logIndex <= 0 || logIndex > MAX_LOG_INDEX || slot < 0 || slot >= MAX_SLOTS) {
            throw new IllegalArgumentException("no reservation id for log index " + logIndex + ", slot " + slot);
        }
        return logIndex << SLOT_BITS | slot;
    }

    /** The log index of the entry that created the reservation. */
    public static long logIndex(long id) {
        return id >>> SLOT_BITS;
    }

    static int slot(long id) {
        return (int) (id & (MAX_SLOTS - 1));
    }

    public static String format(long id) {
        int slot = slot(id);
        return slot == 0 ? PREFIX + logIndex(id) : PREFIX + logIndex(id) + "-" + slot;
    }

    /** @return the numeric id, or -1 when the text is not a reservation id (one spelling per id: no leading zeros) */
    public static long parse(String text) {
        if (!text.startsWith(PREFIX)) {
            return -1;
        }
        int dash = text.indexOf('-', PREFIX.length());
        long logIndex = digits(text, PREFIX.length(), dash < 0 ? text.length() : dash, 18);
        if (logIndex <= 0 || logIndex > MAX_LOG_INDEX) {
            return -1; // beyond any log index: shifted, it would alias another reservation's id
        }
        if (dash < 0) {
            return logIndex << SLOT_BITS;
        }
        long slot = digits(text, dash + 1, text.length(), 4);
        return slot <= 0 || slot >= MAX_SLOTS ? -1 : logIndex << SLOT_BITS | slot;
    }

    private static long digits(String text, int from, int to, int maxDigits) {
        if (to <= from || to - from > maxDigits || text.charAt(from) == '0') {
            return -1;
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
