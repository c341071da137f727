package org.inventory.ledger;

/**
 * Bounds on what one command may ask for. They keep every sum the ledger forms far from {@code long} overflow
 * (on_hand + backorder_limit + one line can never pass 2^63) and keep one entry small enough to replicate cheaply.
 */
public final class Limits {
    /** Most units one receipt, adjustment or reservation line may move. */
    public static final long MAX_QUANTITY = 1_000_000_000L;
    /** Most units a SKU may have on hand; also the bound on safety_stock and low_stock_threshold. */
    public static final long MAX_ON_HAND = 1_000_000_000_000L;
    /** All-or-nothing reservations are bounded so one log entry stays small and applies in bounded time. */
    public static final int MAX_LINES = 50;
    /** Most reservations one batch (one log entry) may carry. */
    public static final int MAX_BATCH = 500;
    /** Longest hold one reservation or extension may ask for: seven days. */
    public static final int MAX_TTL_SECONDS = 7 * 24 * 3600;

    public static final int MAX_SKU_LENGTH = 64;
    public static final int MAX_CUSTOMER_ID_LENGTH = 128;
    public static final int MAX_CART_ID_LENGTH = 128;
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;
    public static final int MAX_RESERVATION_ID_LENGTH = 32;
    /** Notes, references, reasons and sources: free text for people, bounded so the state stays small. */
    public static final int MAX_TEXT_LENGTH = 512;

    private Limits() {
    }
}
