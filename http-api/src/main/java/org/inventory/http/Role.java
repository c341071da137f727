package org.inventory.http;

/**
 * What a bearer token may do (contract.md §2). Admin may do everything a person does; the peer credential is what
 * nodes present to each other when they forward (the node-to-node endpoints), and nothing else, and no other role
 * reaches those endpoints.
 */
public enum Role {
    CHECKOUT, STOCK, ADMIN, PEER;

    boolean permits(Role required) {
        if (required == PEER || this == PEER) {
            return this == required;
        }
        return this == ADMIN || this == required;
    }
}
