package org.inventory.ledger;

import org.inventory.ledger.proto.AdjustmentReason;
import org.inventory.ledger.proto.LedgerEntryType;
import org.inventory.ledger.proto.SkuPolicy;
import org.inventory.ledger.proto.SkuView;

/**
 * One SKU: its policy, its totals and its recent ledger. Totals change only through {@link #book}, which writes
 * the ledger entry in the same step, so every change to on_hand, held or committed is a ledger entry.
 */
final class Sku {
    static final int DEFAULT_HOLD_TTL_SECONDS = 600;
    static final long DEFAULT_LOW_STOCK_THRESHOLD = 5;
    static final SkuPolicy DEFAULT_POLICY = SkuPolicy.newBuilder()
            .setHoldTtlSeconds(DEFAULT_HOLD_TTL_SECONDS).setLowStockThreshold(DEFAULT_LOW_STOCK_THRESHOLD).build();

    final String name;
    /** the name's hash, and this SKU's record hash in the state digest (StateDigest) */
    final long nameHash;
    long digestLow;
    long digestHigh;
    /** this SKU as the lines of a one-line reservation, shared by all of them (see Reservation) */
    final Sku[] asOneLine = {this};
    long safetyStock;
    int holdTtlSeconds = DEFAULT_HOLD_TTL_SECONDS;
    long maxPerCustomer; // 0 = no limit
    long lowStockThreshold = DEFAULT_LOW_STOCK_THRESHOLD;
    long backorderLimit;

    long onHand;
    long held;
    long committed;

    final LedgerWindow window;

    Sku(String name, int ledgerEntries) {
        this.name = name;
        this.nameHash = StateDigest.text(name);
        this.window = new LedgerWindow(ledgerEntries);
    }

    /** on_hand - held - committed - safety_stock; negative when safety stock or backorders eat into it. */
    long sellable() {
        return onHand - held - committed - safetyStock;
    }

    /** What a new reservation may still take: sellable plus the backorder allowance. */
    long reservable() {
        return sellable() + backorderLimit;
    }

    void book(long ledgerIndex, long logIndex, long atMs, LedgerEntryType type, long quantity, long reservationId,
              AdjustmentReason reason, String note) {
        switch (type) {
            case RECEIPT, ADJUSTMENT -> onHand += quantity;
            case HOLD -> held += quantity;
            case COMMIT -> {
                held -= quantity;
                committed += quantity;
            }
            case RELEASE, EXPIRY -> held -= quantity;
            case CANCEL -> committed -= quantity;
            case FULFIL -> {
                committed -= quantity;
                onHand -= quantity;
            }
            default -> throw new IllegalArgumentException("not a bookable entry type: " + type);
        }
        window.append(ledgerIndex, logIndex, atMs, type, quantity, reservationId, reason, note, onHand, held, committed);
    }

    SkuPolicy policy() {
        return SkuPolicy.newBuilder()
                .setSafetyStock(safetyStock).setHoldTtlSeconds(holdTtlSeconds).setMaxPerCustomer(maxPerCustomer)
                .setLowStockThreshold(lowStockThreshold).setBackorderLimit(backorderLimit).build();
    }

    void setPolicy(SkuPolicy p) {
        safetyStock = p.getSafetyStock();
        holdTtlSeconds = p.getHoldTtlSeconds();
        maxPerCustomer = p.getMaxPerCustomer();
        lowStockThreshold = p.getLowStockThreshold();
        backorderLimit = p.getBackorderLimit();
    }

    SkuView view() {
        return SkuView.newBuilder().setSku(name).setOnHand(onHand).setHeld(held).setCommitted(committed)
                .setPolicy(policy()).build();
    }

    Availability availability() {
        return Availability.of(name, sellable(), reservable(), lowStockThreshold);
    }
}
