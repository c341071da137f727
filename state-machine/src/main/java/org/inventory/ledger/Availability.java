package org.inventory.ledger;

/**
 * The browse-path projection of a SKU: what a product page shows.
 *
 * @param sellable on_hand - held - committed - safety_stock, floored at 0
 * @param banner   "Only N left" when stock is low, "Available on backorder" when only backorders remain, else null
 */
public record Availability(String sku, long sellable, Status status, String banner) {

    public enum Status { IN_STOCK, LOW_STOCK, SOLD_OUT }

    static Availability of(String sku, long sellable, long reservable, long lowStockThreshold) {
        if (reservable <= 0) {
            return new Availability(sku, 0, Status.SOLD_OUT, null);
        }
        if (sellable <= 0) {
            return new Availability(sku, 0, Status.LOW_STOCK, "Available on backorder");
        }
        if (sellable <= lowStockThreshold) {
            return new Availability(sku, sellable, Status.LOW_STOCK, "Only " + sellable + " left");
        }
        return new Availability(sku, sellable, Status.IN_STOCK, null);
    }
}
