package org.inventory.chaos.check.linear;

import java.util.List;

/**
 * One SKU as handed to the search: its history, or the reasons it is not searched. {@code failures} are violations
 * found without searching (the verdict is FAIL whatever the search would say); {@code unknowns} are reasons the SKU
 * cannot be checked (values missing from the history). {@code history} is null when either list is non-empty.
 */
record SkuInput(String sku, SkuHistory history, List<String> failures, List<String> unknowns) {
}
