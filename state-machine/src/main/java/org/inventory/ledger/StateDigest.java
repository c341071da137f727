package org.inventory.ledger;

import java.util.Arrays;
import java.util.List;
import net.openhft.hashing.LongHashFunction;
import net.openhft.hashing.LongTupleHashFunction;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.ReservationLine;
import org.inventory.ledger.proto.ReservationState;
import org.inventory.ledger.proto.ReservationView;
import org.inventory.ledger.proto.ResultCode;

/**
 * The state digest, kept up to date as entries apply, so reading it costs O(1): the sum, in two 64-bit lanes, of a
 * 128-bit hash of every record of the state — each SKU (policy, totals, opening balance), each retained ledger entry,
 * each reservation, each idempotency record — over a canonical encoding of the record's fields (strings enter as
 * their own 64-bit hashes). A change to a record subtracts its old hash and adds its new one. Reading combines the
 * sums with the header (applied index, clock, ledger index, settings, counts) through SHA-256.
 *
 * <p>Two states have equal digests exactly when they have the same records and header (up to hash collisions: the
 * records' hashes are xxHash128, which is not a defence against someone crafting records, only against accidents),
 * which is when their snapshots are byte for byte equal. An idempotency record hashes the same whichever of the two
 * forms a replica keeps it in (the reservation it created, or that creation's serialized answer, as a replica
 * restored after the reservation was pruned has it), because the two forms are the same state.
 *
 * <p>Being maintained rather than computed, it says nothing about a record changed behind the ledger's back:
 * {@link #recompute} computes it from scratch (after a snapshot load, and for {@code Ledger.verifyDigest}).
 * Not thread-safe: the applying thread owns it.
 */
final class StateDigest {
    private static final LongTupleHashFunction RECORD = LongTupleHashFunction.xx128();
    private static final LongHashFunction TEXT = LongHashFunction.xx3();
    private static final long SKU = 1, ENTRY = 2, RESERVATION = 3, CREATION = 4, RESULT = 5;

    private long sumLow;
    private long sumHigh;
    private long[] fields = new long[64];
    private int n;
    private final long[] hash = new long[2];

    static long text(String s) {
        return s == null || s.isEmpty() ? 0 : TEXT.hashChars(s);
    }

    private void begin(long tag) {
        n = 0;
        put(tag);
    }

    private void put(long v) {
        if (n == fields.length) {
            fields = Arrays.copyOf(fields, n * 2);
        }
        fields[n++] = v;
    }

    /** Adds ({@code sign} 1) or subtracts (-1) the record just encoded. */
    private void finish(int sign) {
        RECORD.hashLongs(fields, 0, n, hash);
        sumLow += sign * hash[0];
        sumHigh += sign * hash[1];
    }

    // ------------------------------------------------------------------ records

    /** A SKU's own record; its current hash is kept on it, so a change costs one hash, not two. */
    void updateSku(Sku s) {
        sumLow -= s.digestLow;
        sumHigh -= s.digestHigh;
        skuRecord(s);
        s.digestLow = hash[0];
        s.digestHigh = hash[1];
        sumLow += hash[0];
        sumHigh += hash[1];
    }

    private void skuRecord(Sku s) {
        begin(SKU);
        put(s.nameHash);
        put(s.safetyStock);
        put(s.holdTtlSeconds);
        put(s.maxPerCustomer);
        put(s.lowStockThreshold);
        put(s.backorderLimit);
        put(s.onHand);
        put(s.held);
        put(s.committed);
        put(s.window.openingOnHand());
        put(s.window.openingHeld());
        put(s.window.openingCommitted());
        RECORD.hashLongs(fields, 0, n, hash);
    }

    void entry(int sign, long skuNameHash, long ledgerIndex, long logIndex, long atMs, int type, long quantity,
               long reservationId, int reason, String note, long onHandAfter, long heldAfter, long committedAfter) {
        begin(ENTRY);
        put(skuNameHash);
        put(ledgerIndex);
        put(logIndex);
        put(atMs);
        put(type);
        put(quantity);
        put(reservationId);
        put(reason);
        put(text(note));
        put(onHandAfter);
        put(heldAfter);
        put(committedAfter);
        finish(sign);
    }

    void reservation(int sign, Reservation r) {
        begin(RESERVATION);
        put(r.id);
        put(r.state.getNumber());
        put(r.customer.idHash);
        put(text(r.cartId));
        put(r.createdAtMs);
        put(r.expiresAtMs);
        put(r.updatedAtMs);
        put(text(r.reason));
        put(r.skus.length);
        for (int i = 0; i < r.skus.length; i++) {
            put(r.skus[i].nameHash);
            put(r.quantities[i]);
        }
        finish(sign);
    }

    void idempotency(int sign, String key, IdempotencyTable.Entry e) {
        Reservation created = e.created();
        if (created != null) {
            beginCreation(key, e, created.id, created.customer.idHash, text(created.cartId), created.createdAtMs,
                    created.createdTtlSeconds, created.skus.length);
            for (int i = 0; i < created.skus.length; i++) {
                put(created.skus[i].nameHash);
                put(created.quantities[i]);
            }
            finish(sign);
            return;
        }
        byte[] result = e.result();
        CommandResult answer = creationAnswer(result);
        if (answer != null) {
            ReservationView v = answer.getReservation();
            List<ReservationLine> lines = v.getLinesList();
            beginCreation(key, e, ReservationIds.parse(v.getReservationId()), text(v.getCustomerId()), text(v.getCartId()),
                    v.getCreatedAtMs(), (int) ((v.getExpiresAtMs() - v.getCreatedAtMs()) / 1000), lines.size());
            for (ReservationLine line : lines) {
                put(text(line.getSku()));
                put(line.getQuantity());
            }
            finish(sign);
            return;
        }
        begin(RESULT);
        put(text(key));
        put(e.fingerprintHigh());
        put(e.fingerprintLow());
        put(e.recordedAtMs);
        long[] bytes = RECORD.hashBytes(result);
        put(bytes[0]);
        put(bytes[1]);
        finish(sign);
    }

    /** The record of a key whose first command created a reservation, in either form; the lines follow. */
    private void beginCreation(String key, IdempotencyTable.Entry e, long reservationId, long customerHash, long cartHash,
                               long createdAtMs, int ttlSeconds, int lines) {
        begin(CREATION);
        put(text(key));
        put(e.fingerprintHigh());
        put(e.fingerprintLow());
        put(e.recordedAtMs);
        put(reservationId);
        put(customerHash);
        put(cartHash);
        put(createdAtMs);
        put(ttlSeconds);
        put(lines);
    }

    /**
     * {@code result} parsed, when it is exactly what the command that created a reservation answered (as
     * {@code ReservationCommands.created} builds it): a stored creation answer, kept serialized by a replica restored
     * after its reservation was pruned, is the same record as the reservation it names.
     */
    static CommandResult creationAnswer(byte[] result) {
        CommandResult r;
        try {
            r = CommandResult.parseFrom(result);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return null;
        }
        if (r.getCode() != ResultCode.OK || !r.hasReservation()) {
            return null;
        }
        ReservationView v = r.getReservation();
        long id = ReservationIds.parse(v.getReservationId());
        if (id <= 0 || v.getState() != ReservationState.HELD || ReservationIds.logIndex(id) != r.getLogIndex()
                || (v.getExpiresAtMs() - v.getCreatedAtMs()) % 1000 != 0) {
            return null;
        }
        CommandResult rebuilt = ReservationCommands.creationAnswer(id, v.getCustomerId(), v.getCartId(), v.getCreatedAtMs(),
                (int) ((v.getExpiresAtMs() - v.getCreatedAtMs()) / 1000), v.getLinesList()).build();
        return java.util.Arrays.equals(rebuilt.toByteArray(), result) ? r : null;
    }

    // ------------------------------------------------------------------ whole state

    /**
     * Computes the sums from scratch over every record of {@code state}; {@code own}: this is the state's digest, so
     * the SKUs' kept hashes are set too (a scratch digest that checks the state's own leaves them alone).
     */
    void recompute(LedgerState state, boolean own) {
        sumLow = 0;
        sumHigh = 0;
        for (Sku s : state.skus.values()) {
            if (own) {
                s.digestLow = 0;
                s.digestHigh = 0;
                updateSku(s);
            } else {
                skuRecord(s);
                sumLow += hash[0];
                sumHigh += hash[1];
            }
            for (int i = 0; i < s.window.size(); i++) {
                s.window.digest(this, 1, s.nameHash, i);
            }
        }
        for (Reservation r : state.reservations.values()) {
            reservation(1, r);
        }
        state.idempotency.forEachInOrder(e -> idempotency(1, e.key(), e));
    }

    boolean sameSums(StateDigest other) {
        return sumLow == other.sumLow && sumHigh == other.sumHigh;
    }

    /** SHA-256 of the header and the sums: the digest replicas compare. */
    byte[] value(LedgerState state) {
        return inputs(state).digest();
    }

    DigestInputs inputs(LedgerState state) {
        return new DigestInputs(state.lastAppliedIndex, state.nowMs, state.lastLedgerIndex,
                state.settings.idempotencyRetentionMs(), state.settings.terminalReservationRetentionMs(),
                state.settings.ledgerEntriesPerSku(), state.skus.size(), state.reservations.size(), state.idempotency.size(),
                sumLow, sumHigh);
    }
}
