package org.inventory.ledger;

/**
 * Names of a reservation line's fields, for refusals, formatted once: building "lines[3].sku" for every line of
 * every accepted reservation was a measurable part of apply.
 */
final class LineField {
    private static final String[] SKU = new String[Limits.MAX_LINES + 1];
    private static final String[] QUANTITY = new String[Limits.MAX_LINES + 1];

    static {
        for (int i = 0; i <= Limits.MAX_LINES; i++) {
            SKU[i] = "lines[" + i + "].sku";
            QUANTITY[i] = "lines[" + i + "].quantity";
        }
    }

    private LineField() {
    }

    static String sku(int line) {
        return line < SKU.length ? SKU[line] : "lines[" + line + "].sku";
    }

    static String quantity(int line) {
        return line < QUANTITY.length ? QUANTITY[line] : "lines[" + line + "].quantity";
    }
}
