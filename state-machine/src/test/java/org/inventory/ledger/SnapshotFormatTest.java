package org.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.inventory.ledger.Commands.keyed;
import static org.inventory.ledger.Commands.line;
import static org.inventory.ledger.Commands.reserve;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32C;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.IdempotencyRecord;
import org.inventory.ledger.proto.ReservationLine;
import org.inventory.ledger.proto.ReservationView;
import org.inventory.ledger.proto.SkuRecord;
import org.inventory.ledger.proto.SnapshotHeader;
import org.inventory.ledger.proto.SnapshotReservation;
import org.junit.jupiter.api.Test;

/**
 * Older formats are read and converted, and a reader refuses records that contradict each other. Format 2 keeps a
 * created reservation's idempotency record as a reference to it. These snapshots are rewritten
 * record by record (with a valid checksum), so what is checked is the reader's handling, not the CRC.
 */
class SnapshotFormatTest {
    private final TestLedger t = new TestLedger();

    @Test
    void aFormatOneSnapshotIsReadAndConvertedSoItsDigestMatchesAReplicaThatNeverRestarted() throws IOException {
        t.stock("s", 5);
        CommandResult created = t.ok(keyed("k-created", reserve("c", line("s", 2))));
        t.advanceSeconds(3);
        t.ok(Commands.extend(created.getReservation().getReservationId(), 900));
        CommandResult receipt = t.ok(keyed("k-receipt", Commands.receive("s", 4)));

        // what this build's predecessor wrote: version 1, every first result serialized
        byte[] formatOne = rewrite(SnapshotTest.snapshot(t.ledger), 1, rec -> rec.getCreatedReservationId() == 0 ? rec
                : rec.toBuilder().clearCreatedReservationId().clearCreatedTtlSeconds().setResult(created.toByteString()).build());

        Ledger restored = Ledger.readSnapshot(new ByteArrayInputStream(formatOne));
        assertThat(restored.digestHex()).isEqualTo(t.ledger.digestHex());
        assertThat(SnapshotTest.snapshot(restored)).isEqualTo(SnapshotTest.snapshot(t.ledger));
        long index = t.index;
        assertThat(restored.apply(keyed("k-created", reserve("c", line("s", 2))).toByteArray(), ++index, t.clockMs)
                .toBuilder().setReplayed(false).build()).isEqualTo(created);
        assertThat(restored.apply(keyed("k-receipt", Commands.receive("s", 4)).toByteArray(), ++index, t.clockMs)
                .toBuilder().setReplayed(false).build()).isEqualTo(receipt);
    }

    @Test
    void aRecordNamingAReservationTheSnapshotDoesNotHoldIsRefused() throws IOException {
        t.stock("s", 5);
        t.ok(keyed("k", reserve("c", line("s", 1))));
        byte[] broken = rewrite(SnapshotTest.snapshot(t.ledger), LedgerSnapshot.FORMAT_VERSION,
                rec -> rec.toBuilder().setCreatedReservationId(rec.getCreatedReservationId() + 1000).build());
        assertThatThrownBy(() -> Ledger.readSnapshot(new ByteArrayInputStream(broken)))
                .isInstanceOf(SnapshotCorruptException.class)
                .hasMessageContaining("idempotency key k names reservation").hasMessageContaining("does not hold");
    }

    @Test
    void aFingerprintOfTheWrongLengthIsRefused() throws IOException {
        t.stock("s", 5);
        t.ok(keyed("k", reserve("c", line("s", 1))));
        byte[] broken = rewrite(SnapshotTest.snapshot(t.ledger), LedgerSnapshot.FORMAT_VERSION,
                rec -> rec.toBuilder().setFingerprint(rec.getFingerprint().substring(0, 8)).build());
        assertThatThrownBy(() -> Ledger.readSnapshot(new ByteArrayInputStream(broken)))
                .isInstanceOf(SnapshotCorruptException.class).hasMessageContaining("fingerprint of 8 bytes");
    }

    @Test
    void anIdempotencyKeyThatIsNotPrintableAsciiIsRefused() throws IOException {
        t.stock("s", 5);
        t.ok(keyed("k", reserve("c", line("s", 1))));
        byte[] broken = rewrite(SnapshotTest.snapshot(t.ledger), LedgerSnapshot.FORMAT_VERSION,
                rec -> rec.getKey().equals("k") ? rec.toBuilder().setKey("k\u00e9").build() : rec);
        assertThatThrownBy(() -> Ledger.readSnapshot(new ByteArrayInputStream(broken)))
                .isInstanceOf(SnapshotCorruptException.class).hasMessageContaining("printable ASCII");
    }

    @Test
    void anIdempotencyKeyRecordedTwiceIsRefused() throws IOException {
        t.stock("s", 5);
        t.ok(keyed("k", reserve("c", line("s", 1))));
        t.ok(keyed("k2", reserve("d", line("s", 1))));
        byte[] broken = rewrite(SnapshotTest.snapshot(t.ledger), LedgerSnapshot.FORMAT_VERSION,
                rec -> rec.getKey().equals("k2") ? rec.toBuilder().setKey("k").build() : rec);
        assertThatThrownBy(() -> Ledger.readSnapshot(new ByteArrayInputStream(broken)))
                .isInstanceOf(SnapshotCorruptException.class).hasMessageContaining("recorded already");
    }

    @Test
    void reservationsOutOfIdOrderAreRefused() throws IOException {
        t.stock("s", 5);
        t.ok(reserve("a", line("s", 1)));
        t.ok(reserve("b", line("s", 1)));
        byte[] snap = SnapshotTest.snapshot(t.ledger);
        Parsed p = Parsed.of(snap);
        java.util.Collections.reverse(p.reservations);
        assertThatThrownBy(() -> Ledger.readSnapshot(new ByteArrayInputStream(p.write(LedgerSnapshot.FORMAT_VERSION, UnaryOperator.identity(), UnaryOperator.identity()))))
                .isInstanceOf(SnapshotCorruptException.class).hasMessageContaining("out of id order");
    }

    private static byte[] rewrite(byte[] snapshot, int version, UnaryOperator<IdempotencyRecord> change) throws IOException {
        return Parsed.of(snapshot).write(version, change, UnaryOperator.identity());
    }

    @Test
    void aRecordChangedInASnapshotGivesAnotherDigest() throws IOException {
        t.stock("s", 5);
        t.ok(keyed("k", reserve(org.inventory.ledger.proto.Reserve.newBuilder().setCustomerId("c").setCartId("cart-1"), line("s", 1))));
        // a valid snapshot but for one field of one reservation (the checksum is recomputed: only the digest can tell)
        byte[] altered = Parsed.of(SnapshotTest.snapshot(t.ledger)).write(LedgerSnapshot.FORMAT_VERSION, UnaryOperator.identity(),
                v -> v.toBuilder().setCartId("cart-2").build());
        Ledger restored = Ledger.readSnapshot(new ByteArrayInputStream(altered));
        assertThat(restored.digestHex()).isNotEqualTo(t.ledger.digestHex());
        assertThat(Ledger.readSnapshot(new ByteArrayInputStream(SnapshotTest.snapshot(t.ledger))).digestHex())
                .isEqualTo(t.ledger.digestHex());
    }

    @Test
    void aFormatThreeSnapshotNamingSkusInItsLinesIsReadToTheSameStateAndWrittenAsFormatFour() throws IOException {
        t.stock("a", 5);
        t.stock("b", 7);
        t.ok(keyed("k1", reserve("c", line("b", 2), line("a", 1))));
        CommandResult second = t.ok(keyed("k2", reserve("d", line("a", 3))));
        t.ok(Commands.commit(second.getReservation().getReservationId()));
        byte[] current = SnapshotTest.snapshot(t.ledger);
        byte[] formatThree = Parsed.of(current).write(3, UnaryOperator.identity(), UnaryOperator.identity());

        Ledger restored = Ledger.readSnapshot(new ByteArrayInputStream(formatThree));
        assertThat(restored.digestHex()).isEqualTo(t.ledger.digestHex());
        assertThat(SnapshotTest.snapshot(restored)).isEqualTo(current);
    }

    @Test
    void aLineNamingASkuRecordTheSnapshotDoesNotHaveIsRefused() throws IOException {
        t.stock("s", 5);
        t.ok(reserve("c", line("s", 1)));
        byte[] broken = Parsed.of(SnapshotTest.snapshot(t.ledger)).write(LedgerSnapshot.FORMAT_VERSION, UnaryOperator.identity(),
                v -> v.toBuilder().setLineSkus(0, 1).build());
        assertThatThrownBy(() -> Ledger.readSnapshot(new ByteArrayInputStream(broken)))
                .isInstanceOf(SnapshotCorruptException.class).hasMessageContaining("holds sku record 1 of 1");
    }

    @Test
    void aReservationWithMoreQuantitiesThanSkusIsRefused() throws IOException {
        t.stock("s", 5);
        t.ok(reserve("c", line("s", 1)));
        byte[] broken = Parsed.of(SnapshotTest.snapshot(t.ledger)).write(LedgerSnapshot.FORMAT_VERSION, UnaryOperator.identity(),
                v -> v.toBuilder().addLineQuantities(1).build());
        assertThatThrownBy(() -> Ledger.readSnapshot(new ByteArrayInputStream(broken)))
                .isInstanceOf(SnapshotCorruptException.class).hasMessageContaining("is invalid");
    }

    @Test
    void aSkuWhoseTotalsAreNotWhatItsLiveReservationsHoldIsRefused() throws IOException {
        t.stock("s", 5);
        t.ok(reserve("c", line("s", 2)));
        byte[] broken = Parsed.of(SnapshotTest.snapshot(t.ledger)).write(LedgerSnapshot.FORMAT_VERSION, UnaryOperator.identity(),
                v -> v.toBuilder().setLineQuantities(0, 1).build());
        assertThatThrownBy(() -> Ledger.readSnapshot(new ByteArrayInputStream(broken)))
                .isInstanceOf(SnapshotCorruptException.class).hasMessageContaining("held/committed 2/0 but live reservations hold 1/0");
    }

    /** A snapshot taken apart into its records (format: docs/ledger.md, "Snapshot format and digest"). */
    private record Parsed(SnapshotHeader header, java.util.List<SkuRecord> skus, java.util.List<SnapshotReservation> reservations,
                          java.util.List<IdempotencyRecord> keys) {
        static Parsed of(byte[] snapshot) throws IOException {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot));
            in.readFully(new byte[LedgerSnapshot.MAGIC.length]);
            assertThat(in.readInt()).isEqualTo(LedgerSnapshot.FORMAT_VERSION);
            SnapshotHeader header = SnapshotHeader.parseDelimitedFrom(in);
            Parsed p = new Parsed(header, new java.util.ArrayList<>(), new java.util.ArrayList<>(), new java.util.ArrayList<>());
            for (long i = 0; i < header.getSkuCount(); i++) p.skus.add(SkuRecord.parseDelimitedFrom(in));
            for (long i = 0; i < header.getReservationCount(); i++) p.reservations.add(SnapshotReservation.parseDelimitedFrom(in));
            for (long i = 0; i < header.getIdempotencyCount(); i++) p.keys.add(IdempotencyRecord.parseDelimitedFrom(in));
            return p;
        }

        /** In {@code version}'s layout: up to format 3, reservations are ReservationViews whose lines name their SKUs. */
        byte[] write(int version, UnaryOperator<IdempotencyRecord> change, UnaryOperator<SnapshotReservation> changeReservation)
                throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(LedgerSnapshot.MAGIC);
            out.writeInt(version);
            header.writeDelimitedTo(out);
            for (SkuRecord s : skus) s.writeDelimitedTo(out);
            for (SnapshotReservation r : reservations) {
                SnapshotReservation changed = changeReservation.apply(r);
                (version >= 4 ? changed : view(changed)).writeDelimitedTo(out);
            }
            for (IdempotencyRecord k : keys) change.apply(k).writeDelimitedTo(out);
            out.flush();
            CRC32C crc = new CRC32C();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
            return bytes.toByteArray();
        }

        private ReservationView view(SnapshotReservation r) {
            ReservationView.Builder v = ReservationView.newBuilder().setReservationId(ReservationIds.format(r.getId()))
                    .setState(r.getState()).setCustomerId(r.getCustomerId()).setCartId(r.getCartId())
                    .setCreatedAtMs(r.getCreatedAtMs()).setExpiresAtMs(r.getExpiresAtMs()).setUpdatedAtMs(r.getUpdatedAtMs())
                    .setReason(r.getReason());
            for (int i = 0; i < r.getLineSkusCount(); i++) {
                v.addLines(ReservationLine.newBuilder().setSku(skus.get(r.getLineSkus(i)).getSku()).setQuantity(r.getLineQuantities(i)));
            }
            return v.build();
        }
    }
}
