package org.inventory.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import org.inventory.ledger.proto.IdempotencyRecord;
import org.inventory.ledger.proto.LedgerEntryRecord;
import org.inventory.ledger.proto.ReservationLine;
import org.inventory.ledger.proto.ReservationState;
import org.inventory.ledger.proto.ReservationView;
import org.inventory.ledger.proto.SkuRecord;
import org.inventory.ledger.proto.SnapshotHeader;

/**
 * The snapshot format: {@code "INVLEDGR"}, a 4-byte format version, length-delimited protobuf records
 * (see {@code SnapshotHeader} in ledger.proto for their order), then a 4-byte CRC32C of everything before it.
 *
 * <p>The record order is canonical (SKUs by name, reservations by id, idempotency keys in recording order) and
 * derived structures (expiry queue, customer accounts) are left out, so two equal states write identical bytes
 * (and have equal digests: {@link StateDigest} keeps one over the same records as they apply).
 */
final class LedgerSnapshot {
    static final byte[] MAGIC = "INVLEDGR".getBytes(StandardCharsets.US_ASCII);
    // 2: idempotency records may name the reservation they created; 3: by its numeric id (log index and slot);
    // 4: reservations are SnapshotReservations, their lines naming SKUs by position
    static final int FORMAT_VERSION = 4;

    private LedgerSnapshot() {
    }

    static void write(LedgerState state, OutputStream out) throws IOException {
        SnapshotCapture.of(state).writeTo(out);
    }

    /**
     * Checks a whole snapshot's trailing CRC32C without building anything: a corrupt header's counts must not size
     * arrays before the checksum has said the header is what was written.
     */
    static void verifyChecksum(InputStream in) throws IOException {
        SnapshotBody body = new SnapshotBody(in);
        byte[] skipped = new byte[1 << 16];
        while (body.read(skipped, 0, skipped.length) >= 0) {
            // checksummed as read
        }
        checkStored(body);
    }

    private static void checkStored(SnapshotBody body) throws SnapshotCorruptException {
        if (body.storedChecksum() != body.checksum()) {
            throw new SnapshotCorruptException("snapshot checksum mismatch: stored " + Integer.toHexString(body.storedChecksum())
                    + ", computed " + Integer.toHexString(body.checksum()));
        }
    }

    /** A truncation anywhere is a SnapshotCorruptException: from the body (no trailer) or from the decoder. */
    static LedgerState read(InputStream in) throws IOException {
        SnapshotBody body = new SnapshotBody(in);
        // one decoder over the whole body: parseDelimitedFrom(InputStream) allocated a 4 KiB buffer per record, a
        // third of the load's allocation at a million reservations
        CodedInputStream checked = CodedInputStream.newInstance(body, 1 << 16);
        if (!Arrays.equals(raw(checked, MAGIC.length), MAGIC)) {
            throw new SnapshotCorruptException("not a ledger snapshot (bad magic)");
        }
        int version = ByteBuffer.wrap(raw(checked, 4)).getInt();
        if (version < 1 || version > FORMAT_VERSION) { // format 1 is format 2 without created-reservation records
            throw new SnapshotCorruptException("snapshot format version " + version + " is not supported (this build reads 1 to "
                    + FORMAT_VERSION + ")");
        }
        SnapshotHeader header = next(SnapshotHeader.parser(), checked, "header");
        LedgerState state;
        try {
            state = new LedgerState(new LedgerSettings(header.getIdempotencyRetentionMs(),
                    header.getTerminalReservationRetentionMs(), header.getLedgerEntriesPerSku()));
        } catch (IllegalArgumentException e) {
            throw new SnapshotCorruptException("snapshot settings are invalid: " + e.getMessage());
        }
        state.lastAppliedIndex = header.getLastAppliedIndex();
        state.nowMs = header.getNowMs();
        state.lastLedgerIndex = header.getLastLedgerIndex();

        if (header.getSkuCount() > Integer.MAX_VALUE - 8 || header.getReservationCount() > Integer.MAX_VALUE - 8
                || header.getIdempotencyCount() > Integer.MAX_VALUE - 8) {
            throw new SnapshotCorruptException("snapshot header counts are out of range");
        }
        Sku[] inFileOrder = new Sku[(int) header.getSkuCount()];
        for (int i = 0; i < inFileOrder.length; i++) {
            inFileOrder[i] = restoreSku(state, next(SkuRecord.parser(), checked, "sku record"));
        }
        // sized up front: growing a million-entry table while restoring cost a fifth of the load (JFR)
        state.reservations.ensureCapacity((int) header.getReservationCount());
        state.idempotency.expect((int) header.getIdempotencyCount());
        Reservation[] inIdOrder = new Reservation[(int) header.getReservationCount()];
        List<Reservation> ended = new ArrayList<>();
        List<Reservation> held = new ArrayList<>();
        LiveTotals live = new LiveTotals(inFileOrder.length);
        SnapshotReservationCodec.Fields fields = new SnapshotReservationCodec.Fields(); // one for all: read in place
        for (int i = 0; i < inIdOrder.length; i++) {
            Reservation r = version >= 4
                    ? restoreReservation(state, delimited(checked, "reservation record", record -> {
                        fields.read(record);
                        return fields;
                    }), inFileOrder, live)
                    : restoreReservation(state, next(ReservationView.parser(), checked, "reservation record"));
            state.digest.reservation(1, r); // digested as read, while the record is in the cache
            if (i > 0 && r.id <= inIdOrder[i - 1].id) {
                throw new SnapshotCorruptException("reservation records are out of id order at " + ReservationIds.format(r.id));
            }
            inIdOrder[i] = r;
            if (!r.isLive()) {
                ended.add(r);
            } else if (r.state == ReservationState.HELD) {
                held.add(r);
            }
        }
        ended.sort(Comparator.<Reservation>comparingLong(r -> r.updatedAtMs).thenComparingLong(r -> r.id));
        state.ended.addAll(ended);
        // a HELD reservation's deadline was last set at updated_at; in deadline order, each ttl lane fills in order
        held.sort(Comparator.<Reservation>comparingLong(r -> r.expiresAtMs).thenComparingLong(r -> r.id));
        for (Reservation r : held) {
            state.expiries.schedule(r, r.expiresAtMs - r.updatedAtMs);
        }
        ReservationsById byId = new ReservationsById(inIdOrder);
        for (long i = 0; i < header.getIdempotencyCount(); i++) {
            IdempotencyRecord rec = next(IdempotencyRecord.parser(), checked, "idempotency record");
            IdempotencyTable.Entry entry = idempotencyEntry(state, byId, rec, version);
            try {
                state.idempotency.restore(entry);
            } catch (IllegalArgumentException twice) {
                throw new SnapshotCorruptException(twice.getMessage());
            }
            state.digest.idempotency(1, rec.getKey(), entry);
        }
        if (!checked.isAtEnd()) {
            throw new SnapshotCorruptException("unexpected bytes after the snapshot checksum");
        }
        checkStored(body);
        if (version < 4) {
            live.addByName(inFileOrder, inIdOrder);
        }
        live.check(inFileOrder);
        return state;
    }

    private static byte[] raw(CodedInputStream in, int length) throws IOException {
        try {
            return in.readRawBytes(length);
        } catch (InvalidProtocolBufferException ended) {
            throw new SnapshotCorruptException("snapshot is truncated");
        }
    }

    private static <T> T next(Parser<T> parser, CodedInputStream in, String what) throws IOException {
        return delimited(in, what, parser::parseFrom);
    }

    /** Reads what {@code in}'s current limit encloses. */
    @FunctionalInterface
    private interface RecordReader<T> {
        T read(CodedInputStream in) throws IOException;
    }

    /** Reads one length-delimited record with {@code reader}, which must consume exactly its length. */
    private static <T> T delimited(CodedInputStream in, String what, RecordReader<T> reader) throws IOException {
        try {
            if (in.isAtEnd()) {
                throw new SnapshotCorruptException("snapshot is truncated: missing " + what);
            }
            int length = in.readRawVarint32();
            if (length < 0) {
                throw new SnapshotCorruptException("unreadable " + what + ": negative length");
            }
            int outer = in.pushLimit(length);
            T record = reader.read(in);
            if (in.getBytesUntilLimit() != 0) {
                throw new SnapshotCorruptException("unreadable " + what + ": it ends before its length");
            }
            in.popLimit(outer);
            in.resetSizeCounter(); // the decoder's 2 GiB limit is per record here, not per snapshot
            return record;
        } catch (InvalidProtocolBufferException e) {
            throw new SnapshotCorruptException("unreadable " + what + ": " + e.getMessage());
        }
    }

    /** Rebuilds a SKU by re-booking its retained entries from the opening balance, checking every "after" figure. */
    private static Sku restoreSku(LedgerState state, SkuRecord rec) throws SnapshotCorruptException {
        Sku sku = new Sku(rec.getSku(), state.settings.ledgerEntriesPerSku());
        sku.setPolicy(rec.getPolicy());
        sku.onHand = rec.getOpeningOnHand();
        sku.held = rec.getOpeningHeld();
        sku.committed = rec.getOpeningCommitted();
        sku.window.setOpening(sku.onHand, sku.held, sku.committed);
        for (LedgerEntryRecord e : rec.getEntriesList()) {
            LedgerEntry entry = LedgerEntry.fromRecord(e);
            try {
                sku.book(entry.ledgerIndex(), entry.logIndex(), entry.atMs(), entry.type(), entry.quantity(),
                        entry.reservationId(), entry.reasonCode(), entry.note());
            } catch (IllegalArgumentException bad) {
                throw new SnapshotCorruptException("sku " + rec.getSku() + ": " + bad.getMessage());
            }
            if (sku.onHand != entry.onHandAfter() || sku.held != entry.heldAfter() || sku.committed != entry.committedAfter()) {
                throw new SnapshotCorruptException("sku " + rec.getSku() + ": ledger entry " + entry.ledgerIndex()
                        + " does not follow from the entries before it");
            }
        }
        if (sku.onHand != rec.getOnHand() || sku.held != rec.getHeld() || sku.committed != rec.getCommitted()) {
            throw new SnapshotCorruptException("sku " + rec.getSku() + ": totals do not equal opening balance + ledger entries");
        }
        if (!state.addSku(sku)) {
            throw new SnapshotCorruptException("sku " + rec.getSku() + " appears twice");
        }
        state.digest.updateSku(sku);
        for (int i = 0; i < sku.window.size(); i++) {
            sku.window.digest(state.digest, 1, sku.nameHash, i);
        }
        return sku;
    }

    /** Format 4: the lines name SKUs by position, and what the live ones hold is summed per position as read. */
    private static Reservation restoreReservation(LedgerState state, SnapshotReservationCodec.Fields v, Sku[] inFileOrder,
                                                  LiveTotals live) throws SnapshotCorruptException {
        long id = v.id;
        int n = v.lines;
        if (id <= 0 || n == 0 || v.quantities != n) {
            throw new SnapshotCorruptException("reservation record " + id + " is invalid");
        }
        Sku[] skus = new Sku[n];
        long[] quantities = new long[n];
        for (int i = 0; i < n; i++) {
            int position = v.lineSkus[i];
            if (position < 0 || position >= inFileOrder.length) {
                throw new SnapshotCorruptException(ReservationIds.format(id) + " holds sku record " + position
                        + " of " + inFileOrder.length);
            }
            skus[i] = inFileOrder[position];
            quantities[i] = v.lineQuantities[i];
        }
        Reservation r = new Reservation(id, skus, quantities, state.customers.accountFor(v.customerId),
                v.cartId, v.createdAtMs, v.expiresAtMs);
        restored(state, r, v.state, v.updatedAtMs, v.reason);
        if (r.isLive()) {
            for (int i = 0; i < n; i++) {
                live.add(r.state, v.lineSkus[i], quantities[i]);
            }
        }
        return r;
    }

    private static Reservation restoreReservation(LedgerState state, ReservationView v) throws SnapshotCorruptException {
        long id = ReservationIds.parse(v.getReservationId());
        int n = v.getLinesCount();
        if (id <= 0 || n == 0) {
            throw new SnapshotCorruptException("reservation record " + v.getReservationId() + " is invalid");
        }
        Sku[] skus = new Sku[n];
        long[] quantities = new long[n];
        for (int i = 0; i < n; i++) {
            ReservationLine line = v.getLines(i);
            skus[i] = state.skus.get(line.getSku());
            if (skus[i] == null) {
                throw new SnapshotCorruptException(v.getReservationId() + " holds unknown sku " + line.getSku());
            }
            quantities[i] = line.getQuantity();
        }
        Reservation r = new Reservation(id, skus, quantities, state.customers.accountFor(v.getCustomerId()),
                v.getCartId(), v.getCreatedAtMs(), v.getExpiresAtMs());
        restored(state, r, v.getState(), v.getUpdatedAtMs(), v.getReason());
        return r;
    }

    private static void restored(LedgerState state, Reservation r, ReservationState reservationState, long updatedAtMs,
                                 String reason) throws SnapshotCorruptException {
        r.state = reservationState;
        r.updatedAtMs = updatedAtMs;
        r.reason = reason;
        if (r.state == ReservationState.RESERVATION_STATE_UNSPECIFIED || r.state == ReservationState.UNRECOGNIZED) {
            throw new SnapshotCorruptException(ReservationIds.format(r.id) + " has no valid state");
        }
        if (r.isLive()) {
            state.customers.hold(r);
        }
        if (state.reservations.put(r.id, r) != null) {
            throw new SnapshotCorruptException(ReservationIds.format(r.id) + " appears twice");
        }
    }

    private static IdempotencyTable.Entry idempotencyEntry(LedgerState state, ReservationsById byId, IdempotencyRecord rec,
                                                           int version) throws SnapshotCorruptException {
        byte[] fingerprint = rec.getFingerprint().toByteArray();
        if (fingerprint.length != Fingerprints.LENGTH) {
            throw new SnapshotCorruptException("idempotency key " + rec.getKey() + " has a fingerprint of " + fingerprint.length + " bytes");
        }
        if (rec.getCreatedReservationId() == 0) {
            byte[] result = rec.getResult().toByteArray();
            Reservation created = creationAnsweredBy(byId, result);
            return created != null // a format-1 snapshot: keep it in the form this build writes, so digests agree
                    ? entry(rec, fingerprint, created, null)
                    : entry(rec, fingerprint, null, result);
        }
        long createdId = rec.getCreatedReservationId();
        if (version < 3) { // format 2 named the reservation by its creating entry's log index (one per entry then)
            try {
                createdId = ReservationIds.of(createdId, 0);
            } catch (IllegalArgumentException e) {
                throw new SnapshotCorruptException("idempotency key " + rec.getKey() + " names reservation " + createdId
                        + ", which is not a log index");
            }
        }
        Reservation created = createdId <= 0 ? null : byId.find(createdId);
        if (created == null) {
            throw new SnapshotCorruptException("idempotency key " + rec.getKey() + " names reservation "
                    + rec.getCreatedReservationId() + ", which the snapshot does not hold");
        }
        created.createdTtlSeconds = rec.getCreatedTtlSeconds();
        return entry(rec, fingerprint, created, null);
    }

    private static IdempotencyTable.Entry entry(IdempotencyRecord rec, byte[] fingerprint, Reservation created, byte[] result)
            throws SnapshotCorruptException {
        try {
            return created != null
                    ? IdempotencyTable.Entry.ofCreated(rec.getKey(), fingerprint, rec.getRecordedAtMs(), created)
                    : IdempotencyTable.Entry.ofResult(rec.getKey(), fingerprint, rec.getRecordedAtMs(), result);
        } catch (IllegalArgumentException badKey) {
            throw new SnapshotCorruptException("idempotency record: " + badKey.getMessage());
        }
    }

    /** The reservation (in this state) whose creation {@code result} is, with its ttl set; null if it is none. */
    private static Reservation creationAnsweredBy(ReservationsById byId, byte[] result) throws SnapshotCorruptException {
        org.inventory.ledger.proto.CommandResult answer;
        try {
            answer = org.inventory.ledger.proto.CommandResult.parseFrom(result);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new SnapshotCorruptException("an idempotency record's result is unreadable: " + e.getMessage());
        }
        if (answer.getCode() != org.inventory.ledger.proto.ResultCode.OK || !answer.hasReservation()) {
            return null;
        }
        long id = ReservationIds.parse(answer.getReservation().getReservationId());
        Reservation r = id <= 0 ? null : byId.find(id);
        if (r == null || ReservationIds.logIndex(r.id) != answer.getLogIndex()) {
            return null;
        }
        int ttlBefore = r.createdTtlSeconds;
        r.createdTtlSeconds = (int) ((answer.getReservation().getExpiresAtMs() - r.createdAtMs) / 1000);
        if (ReservationCommands.created(r).build().equals(answer)) {
            return r;
        }
        r.createdTtlSeconds = ttlBefore;
        return null;
    }
}
