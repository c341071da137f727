package org.inventory.ledger;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Everything the state digest is made of at one applied index — the header and the sums of the records' hashes
 * (StateDigest) — as an immutable value, so that the thread that applies can hand it over after each batch and any
 * reader can compute the digest from it without a lock.
 */
public record DigestInputs(long appliedIndex, long nowMs, long lastLedgerIndex, long idempotencyRetentionMs,
                           long terminalReservationRetentionMs, long ledgerEntriesPerSku, long skus, long reservations,
                           long idempotencyKeys, long recordSumLow, long recordSumHigh) {

    /** SHA-256 of all of it: equal on two replicas exactly when their states are equal. */
    public byte[] digest() {
        ByteBuffer b = ByteBuffer.allocate(11 * Long.BYTES);
        b.putLong(appliedIndex).putLong(nowMs).putLong(lastLedgerIndex).putLong(idempotencyRetentionMs)
                .putLong(terminalReservationRetentionMs).putLong(ledgerEntriesPerSku).putLong(skus).putLong(reservations)
                .putLong(idempotencyKeys).putLong(recordSumLow).putLong(recordSumHigh);
        try {
            return MessageDigest.getInstance("SHA-256").digest(b.array());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    public String digestHex() {
        return HexFormat.of().formatHex(digest());
    }
}
