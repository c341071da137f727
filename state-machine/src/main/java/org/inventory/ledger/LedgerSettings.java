package org.inventory.ledger;

import java.time.Duration;

/**
 * How long the ledger remembers things. These are part of the replicated state (snapshots carry them and the
 * digest covers them), so every replica of a group must start with the same values.
 *
 * @param idempotencyRetentionMs         how long, in log time, a key's first result is replayed
 * @param terminalReservationRetentionMs how long, in log time, a released/expired/cancelled/fulfilled reservation
 *                                       stays readable before it is forgotten
 * @param ledgerEntriesPerSku            how many most recent ledger entries each SKU keeps; older ones fold into
 *                                       the SKU's opening balance
 */
public record LedgerSettings(long idempotencyRetentionMs, long terminalReservationRetentionMs, int ledgerEntriesPerSku) {

    public static final LedgerSettings DEFAULT =
            new LedgerSettings(Duration.ofHours(24).toMillis(), Duration.ofHours(24).toMillis(), 256);

    public LedgerSettings {
        if (idempotencyRetentionMs < 1) {
            throw new IllegalArgumentException("idempotencyRetentionMs must be positive");
        }
        if (terminalReservationRetentionMs < 1) {
            throw new IllegalArgumentException("terminalReservationRetentionMs must be positive");
        }
        if (ledgerEntriesPerSku < 1) {
            throw new IllegalArgumentException("ledgerEntriesPerSku must be positive");
        }
    }
}
