package org.inventory.ledger;

/**
 * A reservation is named after the log index of the entry that created it: unique within a group, the same on
 * every replica, and a retry under the same idempotency key replays the same name instead of minting a new one.
 */
public final class ReservationIds {
    private static final String PREFIX = "res-";

    private ReservationIds() {
    }

    public static String format(long id) {
        return PREFIX + id;
    }

    /** @return the numeric id, or -1 when the text is not a reservation id */
    public static long parse(String text) {
        if (!text.startsWith(PREFIX) || text.length() == PREFIX.length() || text.length() > PREFIX.length() + 18) {
            return -1;
        }
        if (text.charAt(PREFIX.length()) == '0') {
            return -1; // one spelling per id: no leading zeros
        }
        long id = 0;
        for (int i = PREFIX.length(); i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            id = id * 10 + (c - '0');
        }
        return id;
    }
}
