package org.inventory.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.inventory.ledger.proto.LedgerCommand;

/**
 * The fingerprint of a command's payload, which an idempotency key is bound to: SHA-256 (truncated to 128 bits)
 * of the command kind and its serialized payload. The key itself and the leader's timestamp are left out, so a
 * retry of the same request matches and any changed field does not.
 */
final class Fingerprints {
    static final int LENGTH = 16;
    private final MessageDigest sha256;

    Fingerprints() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    byte[] of(LedgerCommand command) {
        sha256.reset();
        sha256.update((byte) command.getKindCase().getNumber());
        sha256.update(payload(command).toByteArray());
        return Arrays.copyOf(sha256.digest(), LENGTH);
    }

    private static com.google.protobuf.MessageLite payload(LedgerCommand c) {
        return switch (c.getKindCase()) {
            case UPSERT_SKU_POLICY -> c.getUpsertSkuPolicy();
            case RECEIVE_STOCK -> c.getReceiveStock();
            case ADJUST_STOCK -> c.getAdjustStock();
            case RECONCILE_STOCK -> c.getReconcileStock();
            case RESERVE -> c.getReserve();
            case COMMIT_RESERVATION -> c.getCommitReservation();
            case RELEASE_RESERVATION -> c.getReleaseReservation();
            case EXTEND_RESERVATION -> c.getExtendReservation();
            case CANCEL_RESERVATION -> c.getCancelReservation();
            case FULFIL_RESERVATION -> c.getFulfilReservation();
            case TICK -> c.getTick();
            case RESERVE_BATCH -> c.getReserveBatch();
            case KIND_NOT_SET -> throw new IllegalArgumentException("command has no kind");
        };
    }

    static long high(byte[] fingerprint) {
        return (long) LONGS.get(fingerprint, 0);
    }

    static long low(byte[] fingerprint) {
        return (long) LONGS.get(fingerprint, 8);
    }

    static byte[] join(long high, long low) {
        byte[] out = new byte[LENGTH];
        LONGS.set(out, 0, high);
        LONGS.set(out, 8, low);
        return out;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);
}
