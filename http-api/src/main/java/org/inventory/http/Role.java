package org.inventory.http;

/** What a bearer token may do (contract.md §2). Admin may do everything. */
public enum Role {
    CHECKOUT, STOCK, ADMIN;

    boolean permits(Role required) {
        return this == ADMIN || this == required;
    }
}
