package org.inventory.ledger;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import com.google.protobuf.CodedOutputStream;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import org.inventory.ledger.proto.ReservationState;
import org.inventory.ledger.proto.SkuPolicy;
import org.inventory.ledger.proto.SkuRecord;
import org.inventory.ledger.proto.SnapshotHeader;

/**
 * The state as it was at one applied index, taken on the applying thread and written to a snapshot on any other,
 * so that apply goes on while the snapshot is written.
 *
 * <p>Taking it is a handful of reference copies: the SKU and reservation tables' members, and where the
 * idempotency table's recording order starts. Nothing is frozen then. The records' changing fields (a SKU's totals,
 * policy and retained ledger entries; a reservation's state, deadline, last update and reason) are frozen later by
 * the writer, a slice at a time while apply is kept out ({@link Slices}), and apply preserves a record's fields at
 * this index before it first changes one that the writer may not have frozen yet ({@link #beforeChange}). Everything
 * else (names, lines, customers, the idempotency records themselves) never changes and is shared. The bytes are
 * exactly those the state would have written itself at that index (the snapshot format, docs/ledger.md).
 */
public final class SnapshotCapture {
    /** Records frozen per slice: about a millisecond of keeping apply out. */
    static final int SLICE = 4096;

    /**
     * Runs each slice of freezing while the ledger is not being applied: the replica's readers' lock, or the
     * applying thread itself. A slice only reads the ledger.
     */
    @FunctionalInterface
    public interface Slices {
        void run(Runnable slice);
    }

    /** For a capture frozen on the thread that applies (tests, tools, {@link LedgerSnapshot#write}). */
    public static final Slices ON_THE_APPLYING_THREAD = Runnable::run;

    private final long lastAppliedIndex;
    private final long nowMs;
    private final long lastLedgerIndex;
    private final LedgerSettings settings;
    // the references taken at capture; dropped once frozen (apply keeps a frozen capture until its next change)
    private Sku[] skus;
    /** The reservation table's slots as they were (nulls between the reservations): copied, not iterated. */
    private Object[] reservationSlots;
    private final int reservationCount;
    /** Reservations with a larger id were created after this capture (ids grow with the log index). */
    private final long lastReservationId;
    private IdempotencyTable.Entry oldestEntry;
    private final int entryCount;

    // written by apply (beforeChange) and read by the freezing slices, never at the same time (Slices)
    private final IdentityHashMap<Sku, FrozenSku> skusBefore = new IdentityHashMap<>();
    private final Long2ObjectOpenHashMap<FrozenReservation> reservationsBefore = new Long2ObjectOpenHashMap<>();
    /** Set once every record is frozen (or the capture is given up): from then on apply preserves nothing for it. */
    private volatile boolean frozen;

    private int sliceSize = SLICE;
    private boolean writeStarted;

    private record FrozenSku(String name, SkuPolicy policy, long onHand, long held, long committed, LedgerWindow.Frozen window) {
        static FrozenSku of(Sku s) {
            return new FrozenSku(s.name, s.policy(), s.onHand, s.held, s.committed, s.window.freeze());
        }
    }

    /** Reservations in id order with their changing fields as captured, and the idempotency entries in order. */
    private record Frozen(Reservation[] inIdOrder, ReservationState[] states, long[] expiresAt, long[] updatedAt,
                          String[] reasons, IdempotencyTable.Entry[] entries) {
    }

    private record FrozenReservation(Reservation r, ReservationState state, long expiresAtMs, long updatedAtMs, String reason) {
        static FrozenReservation of(Reservation r) {
            return new FrozenReservation(r, r.state, r.expiresAtMs, r.updatedAtMs, r.reason);
        }
    }

    private SnapshotCapture(LedgerState state) {
        lastAppliedIndex = state.lastAppliedIndex;
        nowMs = state.nowMs;
        lastLedgerIndex = state.lastLedgerIndex;
        settings = state.settings;
        skus = state.skusInCreationOrder();
        reservationSlots = state.reservations.slots();
        reservationCount = state.reservations.size();
        lastReservationId = lastAppliedIndex <= 0 ? 0 : ReservationIds.of(lastAppliedIndex, ReservationIds.MAX_SLOTS - 1);
        oldestEntry = state.idempotency.oldest();
        entryCount = state.idempotency.size();
    }

    /**
     * Takes the state as it is now and has it preserve, for this capture, what it changes from now on until the
     * capture is frozen. On the applying thread: two array copies (SKUs, the reservation table's slots), no record
     * is read.
     */
    static SnapshotCapture of(LedgerState state) {
        SnapshotCapture capture = new SnapshotCapture(state);
        state.capturing.add(capture);
        return capture;
    }

    /**
     * Called by apply before it changes a reservation's fields. False once this capture needs nothing more preserved.
     */
    boolean beforeChange(Reservation r) {
        if (frozen) {
            return false;
        }
        if (r.id <= lastReservationId && !reservationsBefore.containsKey(r.id)) {
            reservationsBefore.put(r.id, FrozenReservation.of(r));
        }
        return true;
    }

    /** Called by apply before it changes a SKU's totals, policy or ledger. False once nothing more is needed. */
    boolean beforeChange(Sku s) {
        if (frozen) {
            return false;
        }
        if (!skusBefore.containsKey(s)) { // once: a hot SKU books thousands of entries a second, each a window copy
            skusBefore.put(s, FrozenSku.of(s)); // a SKU created since is preserved needlessly, and never written
        }
        return true;
    }

    boolean isFrozen() {
        return frozen;
    }

    /** Freezes {@code records} per slice instead: tests interleave apply with freezing at every record. */
    SnapshotCapture withSliceSize(int records) {
        if (records < 1) {
            throw new IllegalArgumentException("a slice holds at least one record");
        }
        sliceSize = records;
        return this;
    }

    /** Frees apply from preserving anything more for this capture, which is not going to be written. */
    public void abandon() {
        frozen = true;
    }

    public long lastAppliedIndex() {
        return lastAppliedIndex;
    }

    /** Writes the snapshot, frozen on the applying thread: only there, where nothing applies meanwhile. */
    public void writeTo(OutputStream out) throws IOException {
        writeTo(out, ON_THE_APPLYING_THREAD);
    }

    /**
     * Writes the snapshot (magic, version, records, CRC32C): freezes the records in slices run by {@code slices},
     * then sorts and encodes them outside of any. Any thread; once.
     */
    public void writeTo(OutputStream out, Slices slices) throws IOException {
        if (writeStarted) {
            throw new IllegalStateException("a capture is written once");
        }
        writeStarted = true;
        try {
            BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
            CRC32C crc = new CRC32C();
            DataOutputStream data = new DataOutputStream(new CheckedOutputStream(buffered, crc));
            Frozen rest;
            try {
                writeHeader(data);
                writeSkus(data, slices);
                rest = freeze(slices);
            } finally {
                frozen = true;
            }
            writeReservationsAndKeys(data, rest);
            data.flush();
            new DataOutputStream(buffered).writeInt((int) crc.getValue());
            buffered.flush();
        } finally {
            // tens of MB at a million reservations: not kept until apply next notices this capture is done (the
            // frozen columns are locals of this call)
            skus = null;
            reservationSlots = null;
            oldestEntry = null;
        }
    }

    private void writeHeader(DataOutputStream data) throws IOException {
        data.write(LedgerSnapshot.MAGIC);
        data.writeInt(LedgerSnapshot.FORMAT_VERSION);
        SnapshotHeader.newBuilder()
                .setLastAppliedIndex(lastAppliedIndex).setNowMs(nowMs).setLastLedgerIndex(lastLedgerIndex)
                .setIdempotencyRetentionMs(settings.idempotencyRetentionMs())
                .setTerminalReservationRetentionMs(settings.terminalReservationRetentionMs())
                .setLedgerEntriesPerSku(settings.ledgerEntriesPerSku())
                .setSkuCount(skus.length).setReservationCount(reservationCount).setIdempotencyCount(entryCount)
                .build().writeDelimitedTo(data);
    }

    /**
     * SKUs are frozen and encoded in the same slice, and the bytes written out after it: a frozen copy of every SKU
     * (its retained entries, ~1 KB each at 100 k SKUs) kept for the seconds of a write was what the young
     * collections had to copy, 100-200 ms a pause.
     */
    private void writeSkus(DataOutputStream data, Slices slices) throws IOException {
        Arrays.sort(skus, Comparator.comparing((Sku s) -> s.name)); // names never change: sorted outside any slice
        int perSlice = Math.max(1, sliceSize / 16);
        java.io.ByteArrayOutputStream chunk = new java.io.ByteArrayOutputStream(1 << 16);
        for (int from = 0; from < skus.length; from += perSlice) {
            int start = from;
            chunk.reset();
            slices.run(() -> {
                for (int i = start; i < Math.min(skus.length, start + perSlice); i++) {
                    FrozenSku before = skusBefore.get(skus[i]);
                    try {
                        record(before != null ? before : FrozenSku.of(skus[i])).writeDelimitedTo(chunk);
                    } catch (IOException cannot) {
                        throw new java.io.UncheckedIOException(cannot); // a ByteArrayOutputStream does not fail
                    }
                }
            });
            chunk.writeTo(data);
        }
    }

    private static SkuRecord record(FrozenSku s) {
        SkuRecord.Builder b = SkuRecord.newBuilder().setSku(s.name()).setPolicy(s.policy())
                .setOnHand(s.onHand()).setHeld(s.held()).setCommitted(s.committed())
                .setOpeningOnHand(s.window().openingOnHand()).setOpeningHeld(s.window().openingHeld())
                .setOpeningCommitted(s.window().openingCommitted());
        for (int i = 0; i < s.window().size(); i++) {
            b.addEntries(s.window().get(i).toRecord());
        }
        return b.build();
    }

    private Frozen freeze(Slices slices) {
        Reservation[] reservations = new Reservation[reservationCount];
        int found = 0;
        for (Object slot : reservationSlots) {
            if (slot != null) {
                reservations[found++] = (Reservation) slot;
            }
        }
        if (found != reservationCount) {
            throw new IllegalStateException("captured " + found + " reservations of " + reservationCount);
        }
        // ids never change: sorted here, outside any slice, so that the slices freeze in the order the file wants
        sortById(reservations);
        // frozen into columns rather than an object per reservation: a million short-lived copies that live for the
        // seconds of the write were what the young collections had to copy; arrays this big are allocated old
        ReservationState[] states = new ReservationState[reservationCount];
        long[] expiresAt = new long[reservationCount];
        long[] updatedAt = new long[reservationCount];
        String[] reasons = new String[reservationCount];
        for (int from = 0; from < reservationCount; from += sliceSize) {
            int start = from;
            slices.run(() -> {
                for (int i = start; i < Math.min(reservationCount, start + sliceSize); i++) {
                    Reservation r = reservations[i];
                    FrozenReservation before = reservationsBefore.isEmpty() ? null : reservationsBefore.get(r.id);
                    states[i] = before != null ? before.state() : r.state;
                    expiresAt[i] = before != null ? before.expiresAtMs() : r.expiresAtMs;
                    updatedAt[i] = before != null ? before.updatedAtMs() : r.updatedAtMs;
                    reasons[i] = before != null ? before.reason() : r.reason;
                }
            });
        }
        // the recording order's links survive pruning (IdempotencyTable), so it can be walked from where it started
        IdempotencyTable.Entry[] es = new IdempotencyTable.Entry[entryCount];
        IdempotencyTable.Entry[] next = {oldestEntry};
        for (int from = 0; from < entryCount; from += sliceSize) {
            int start = from;
            slices.run(() -> {
                IdempotencyTable.Entry e = next[0];
                for (int i = start; i < Math.min(entryCount, start + sliceSize); i++) {
                    es[i] = e;
                    e = e.newer();
                }
                next[0] = e;
            });
        }
        return new Frozen(reservations, states, expiresAt, updatedAt, reasons, es);
    }

    /**
     * Sorts by id as pairs of primitives (id, position) rather than with a comparator on the objects: that read two
     * reservations per comparison, a cache miss each, and was a quarter of a million-reservation write.
     */
    private static void sortById(Reservation[] reservations) {
        long[] ids = new long[reservations.length];
        long[] at = new long[reservations.length];
        for (int i = 0; i < reservations.length; i++) {
            ids[i] = reservations[i].id;
            at[i] = i;
        }
        it.unimi.dsi.fastutil.longs.LongArrays.quickSort(ids, at);
        Reservation[] unsorted = reservations.clone();
        for (int i = 0; i < reservations.length; i++) {
            reservations[i] = unsorted[(int) at[i]];
        }
    }

    private void writeReservationsAndKeys(DataOutputStream data, Frozen f) throws IOException {
        Object2IntOpenHashMap<Sku> positions = new Object2IntOpenHashMap<>(skus.length);
        positions.defaultReturnValue(-1);
        for (int i = 0; i < skus.length; i++) { // sorted by name by writeSkus
            positions.put(skus[i], i);
        }
        // one encoder for all of them: writeDelimitedTo(OutputStream) makes one per record
        CodedOutputStream out = CodedOutputStream.newInstance(data, 1 << 16);
        Reservation[] reservations = f.inIdOrder();
        long[] ids = new long[reservations.length];
        int[] lineSkus = new int[8];
        for (int i = 0; i < reservations.length; i++) {
            Reservation r = reservations[i];
            ids[i] = r.id;
            if (lineSkus.length < r.skus.length) {
                lineSkus = new int[r.skus.length];
            }
            for (int l = 0; l < r.skus.length; l++) {
                lineSkus[l] = positions.getInt(r.skus[l]);
                if (lineSkus[l] < 0) {
                    throw new IllegalStateException(ReservationIds.format(r.id) + " holds " + r.skus[l].name + ", which was not captured");
                }
            }
            SnapshotReservationCodec.writeDelimited(out, r.id, f.states()[i], lineSkus, r.quantities, r.customer.id, r.cartId,
                    r.createdAtMs, f.expiresAt()[i], f.updatedAt()[i], f.reasons()[i]);
        }
        byte[] none = new byte[0];
        for (IdempotencyTable.Entry e : f.entries()) {
            Reservation created = e.created();
            int at = created == null ? -1 : Arrays.binarySearch(ids, created.id);
            boolean named = at >= 0 && reservations[at] == created; // else it was pruned: keep the answer itself
            IdempotencyRecordCodec.writeDelimited(out, e.keyAscii(), e.fingerprint(), e.recordedAtMs, named ? none : e.result(),
                    named ? created.id : 0, named ? created.createdTtlSeconds : 0);
        }
        out.flush();
        data.flush();
    }
}
