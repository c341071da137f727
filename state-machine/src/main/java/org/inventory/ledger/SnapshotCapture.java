package org.inventory.ledger;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import com.google.protobuf.ByteString;
import org.inventory.ledger.proto.IdempotencyRecord;
import org.inventory.ledger.proto.ReservationState;
import org.inventory.ledger.proto.SkuPolicy;
import org.inventory.ledger.proto.SkuRecord;
import org.inventory.ledger.proto.SnapshotHeader;

/**
 * The state as it was at one applied index, taken on the applying thread and written to a snapshot on any other,
 * so that apply goes on while the snapshot is written.
 *
 * <p>Taking it copies only what can still change: every SKU's totals, policy and retained ledger entries, every
 * reservation's state, deadline, last update and reason, and the idempotency table's order; everything else (names,
 * lines, customers, the idempotency records themselves) is immutable and shared. Sorting and encoding — the bulk of
 * a snapshot's cost — happen in {@link #writeTo}. The bytes are exactly those the state would have written itself
 * at that index (the snapshot format, docs/ledger.md).
 */
public final class SnapshotCapture {
    private final long lastAppliedIndex;
    private final long nowMs;
    private final long lastLedgerIndex;
    private final LedgerSettings settings;
    private final FrozenSku[] skus;
    private final FrozenReservation[] reservations;
    private final IdempotencyTable.Entry[] entries;

    private record FrozenSku(String name, SkuPolicy policy, long onHand, long held, long committed, LedgerWindow.Frozen window) {
    }

    private record FrozenReservation(Reservation r, ReservationState state, long expiresAtMs, long updatedAtMs, String reason) {
    }

    private SnapshotCapture(LedgerState state) {
        lastAppliedIndex = state.lastAppliedIndex;
        nowMs = state.nowMs;
        lastLedgerIndex = state.lastLedgerIndex;
        settings = state.settings;
        skus = new FrozenSku[state.skus.size()];
        int i = 0;
        for (Sku s : state.skus.values()) {
            skus[i++] = new FrozenSku(s.name, s.policy(), s.onHand, s.held, s.committed, s.window.freeze());
        }
        reservations = new FrozenReservation[state.reservations.size()];
        i = 0;
        for (Reservation r : state.reservations.values()) {
            reservations[i++] = new FrozenReservation(r, r.state, r.expiresAtMs, r.updatedAtMs, r.reason);
        }
        entries = new IdempotencyTable.Entry[state.idempotency.size()];
        int[] at = {0};
        state.idempotency.forEachInOrder(entry -> entries[at[0]++] = entry);
    }

    /** Takes the state as it is now. On the applying thread: O(state) copying, but no encoding and no sorting. */
    static SnapshotCapture of(LedgerState state) {
        return new SnapshotCapture(state);
    }

    public long lastAppliedIndex() {
        return lastAppliedIndex;
    }

    /** Writes the snapshot (magic, version, records, CRC32C). Any thread; once. */
    public void writeTo(OutputStream out) throws IOException {
        BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        CRC32C crc = new CRC32C();
        writeBody(new CheckedOutputStream(buffered, crc));
        new DataOutputStream(buffered).writeInt((int) crc.getValue());
        buffered.flush();
    }

    private void writeBody(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.write(LedgerSnapshot.MAGIC);
        data.writeInt(LedgerSnapshot.FORMAT_VERSION);
        SnapshotHeader.newBuilder()
                .setLastAppliedIndex(lastAppliedIndex).setNowMs(nowMs).setLastLedgerIndex(lastLedgerIndex)
                .setIdempotencyRetentionMs(settings.idempotencyRetentionMs())
                .setTerminalReservationRetentionMs(settings.terminalReservationRetentionMs())
                .setLedgerEntriesPerSku(settings.ledgerEntriesPerSku())
                .setSkuCount(skus.length).setReservationCount(reservations.length).setIdempotencyCount(entries.length)
                .build().writeDelimitedTo(data);

        Arrays.sort(skus, Comparator.comparing(FrozenSku::name));
        for (FrozenSku s : skus) {
            SkuRecord.Builder b = SkuRecord.newBuilder().setSku(s.name()).setPolicy(s.policy())
                    .setOnHand(s.onHand()).setHeld(s.held()).setCommitted(s.committed())
                    .setOpeningOnHand(s.window().openingOnHand()).setOpeningHeld(s.window().openingHeld())
                    .setOpeningCommitted(s.window().openingCommitted());
            for (int i = 0; i < s.window().size(); i++) {
                b.addEntries(s.window().get(i).toRecord());
            }
            b.build().writeDelimitedTo(data);
        }
        Arrays.sort(reservations, Comparator.comparingLong(f -> f.r().id));
        long[] ids = new long[reservations.length];
        for (int i = 0; i < reservations.length; i++) {
            FrozenReservation f = reservations[i];
            ids[i] = f.r().id;
            f.r().view(f.state(), f.expiresAtMs(), f.updatedAtMs(), f.reason()).writeDelimitedTo(data);
        }
        for (IdempotencyTable.Entry e : entries) {
            IdempotencyRecord.Builder rec = IdempotencyRecord.newBuilder().setKey(e.key())
                    .setFingerprint(ByteString.copyFrom(e.fingerprint())).setRecordedAtMs(e.recordedAtMs);
            Reservation created = e.created();
            int at = created == null ? -1 : Arrays.binarySearch(ids, created.id);
            if (at >= 0 && reservations[at].r() == created) {
                rec.setCreatedReservationId(created.id).setCreatedTtlSeconds(created.createdTtlSeconds);
            } else {
                rec.setResult(ByteString.copyFrom(e.result())); // its reservation was pruned: keep the answer itself
            }
            rec.build().writeDelimitedTo(data);
        }
        data.flush();
    }
}
