package org.inventory.ledger;

/**
 * A customer's live (held + committed) quantity per SKU, for max_per_customer. Customers rarely hold more than a
 * few SKUs at once, so a short array scanned linearly beats a map here. Reservations keep a reference to their
 * account, which also shares the customer id string among them.
 */
final class CustomerAccount {
    final String id;
    final long idHash;
    private Sku[] skus = new Sku[1];
    private long[] quantities = new long[1];
    private int size;

    CustomerAccount(String id) {
        this.id = id;
        this.idHash = StateDigest.text(id);
    }

    long liveQuantity(Sku sku) {
        int i = indexOf(sku);
        return i < 0 ? 0 : quantities[i];
    }

    void add(Sku sku, long quantity) {
        int i = indexOf(sku);
        if (i >= 0) {
            quantities[i] += quantity;
            return;
        }
        if (size == skus.length) {
            skus = java.util.Arrays.copyOf(skus, size * 2);
            quantities = java.util.Arrays.copyOf(quantities, size * 2);
        }
        skus[size] = sku;
        quantities[size] = quantity;
        size++;
    }

    void remove(Sku sku, long quantity) {
        int i = indexOf(sku);
        if (i < 0 || quantities[i] < quantity) {
            throw new IllegalStateException("customer " + id + " does not hold " + quantity + " of " + sku.name);
        }
        quantities[i] -= quantity;
        if (quantities[i] == 0) {
            size--;
            skus[i] = skus[size];
            quantities[i] = quantities[size];
            skus[size] = null;
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    private int indexOf(Sku sku) {
        for (int i = 0; i < size; i++) {
            if (skus[i] == sku) {
                return i;
            }
        }
        return -1;
    }
}
