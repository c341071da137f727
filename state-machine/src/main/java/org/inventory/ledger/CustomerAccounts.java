package org.inventory.ledger;

import java.util.HashMap;
import java.util.Map;

/** Accounts of customers with live reservations; an account is dropped once it holds nothing. */
final class CustomerAccounts {
    private final Map<String, CustomerAccount> accounts = new HashMap<>();

    /** The account to attach a new reservation to (not yet registered: see {@link #hold}). */
    CustomerAccount accountFor(String customerId) {
        CustomerAccount account = accounts.get(customerId);
        return account != null ? account : new CustomerAccount(customerId);
    }

    void hold(Reservation r) {
        CustomerAccount account = r.customer;
        for (int i = 0; i < r.skus.length; i++) {
            account.add(r.skus[i], r.quantities[i]);
        }
        accounts.putIfAbsent(account.id, account);
    }

    void release(Reservation r) {
        CustomerAccount account = r.customer;
        for (int i = 0; i < r.skus.length; i++) {
            account.remove(r.skus[i], r.quantities[i]);
        }
        if (account.isEmpty()) {
            accounts.remove(account.id, account);
        }
    }

    int size() {
        return accounts.size();
    }
}
