package org.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.inventory.ledger.Commands.keyed;
import static org.inventory.ledger.Commands.line;
import static org.inventory.ledger.Commands.reserve;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.inventory.ledger.proto.AdjustmentReason;
import org.inventory.ledger.proto.ResultCode;
import org.junit.jupiter.api.Test;

class SnapshotTest {

    /** A ledger with something of everything: policies, entries, every reservation state, keys. */
    static TestLedger busyLedger() {
        TestLedger t = new TestLedger(new LedgerSettings(3_600_000, 1_800_000, 8));
        t.stock("a", 20);
        t.stock("b", 5);
        t.ok(Commands.policy(org.inventory.ledger.proto.UpsertSkuPolicy.newBuilder().setSku("c").setBackorderLimit(3)
                .setMaxPerCustomer(2)));
        t.ok(keyed("k-held", reserve("u1", line("a", 2), line("b", 1))));
        t.ok(Commands.commit(t.reserveOk("u2", "a", 1)));
        t.ok(Commands.release(t.reserveOk("u3", "b", 2)));
        String cancelled = t.reserveOk("u4", "a", 3);
        t.ok(Commands.commit(cancelled));
        t.ok(Commands.cancel(cancelled));
        String shipped = t.reserveOk("u5", "a", 1);
        t.ok(Commands.commit(shipped));
        t.ok(Commands.fulfil(shipped));
        t.ok(keyed("k-adj", Commands.adjust("a", -1, AdjustmentReason.DAMAGED)));
        t.ok(Commands.reserve("u6", line("c", 2)));
        t.reserveOk("u7", "b", 1);
        t.advanceSeconds(601);
        t.ok(Commands.tick()); // u1's and u7's holds expire
        t.reserveOk("u8", "a", 1);
        return t;
    }

    static byte[] snapshot(Ledger ledger) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ledger.writeSnapshot(out);
        return out.toByteArray();
    }

    @Test
    void restoreGivesAnEqualStateThatBehavesTheSame() throws IOException {
        TestLedger original = busyLedger();
        Ledger restored = Ledger.readSnapshot(new ByteArrayInputStream(snapshot(original.ledger)));
        assertThat(restored.digestHex()).isEqualTo(original.ledger.digestHex());
        assertThat(restored.lastAppliedIndex()).isEqualTo(original.ledger.lastAppliedIndex());
        assertThat(restored.nowMs()).isEqualTo(original.ledger.nowMs());
        assertThat(restored.settings()).isEqualTo(original.ledger.settings());
        assertThat(restored.sku("a")).isEqualTo(original.ledger.sku("a"));
        assertThat(restored.ledgerEntries("a", 0, 100)).isEqualTo(original.ledger.ledgerEntries("a", 0, 100));

        // the same commands keep both equal: the idempotency table, the purchase limits, the hold deadlines
        // and the clock all came across
        var followUps = java.util.List.of(
                keyed("k-adj", Commands.adjust("a", -1, AdjustmentReason.DAMAGED)),   // replayed
                keyed("k-adj", Commands.adjust("a", -2, AdjustmentReason.DAMAGED)),   // key reused
                reserve("u9", line("c", 2)),
                reserve("u9", line("c", 1)),                                          // purchase limit
                Commands.tick());
        long index = original.index;
        for (var c : followUps) {
            var expected = original.run(c);
            assertThat(restored.apply(c.toByteArray(), ++index, original.clockMs)).isEqualTo(expected);
        }
        assertThat(restored.apply(keyed("k-adj", Commands.adjust("a", -1, AdjustmentReason.DAMAGED)).toByteArray(),
                ++index, original.clockMs).getReplayed()).isTrue();
        original.run(keyed("k-adj", Commands.adjust("a", -1, AdjustmentReason.DAMAGED)));
        original.advanceSeconds(600); // u8's and u9's holds are due on both
        original.ok(Commands.tick());
        restored.apply(Commands.tick().toByteArray(), ++index, original.clockMs);
        assertThat(restored.digestHex()).isEqualTo(original.ledger.digestHex());
        assertThat(restored.sku("a").orElseThrow().getHeld()).isZero();
    }

    @Test
    void snapshotsOfEqualStatesAreByteForByteEqual() throws IOException {
        assertThat(snapshot(busyLedger().ledger)).isEqualTo(snapshot(busyLedger().ledger));
    }

    @Test
    void digestChangesWithAnyChange() {
        TestLedger a = busyLedger();
        TestLedger b = busyLedger();
        assertThat(a.ledger.digestHex()).isEqualTo(b.ledger.digestHex());
        b.ok(Commands.receive("a", 1));
        assertThat(a.ledger.digestHex()).isNotEqualTo(b.ledger.digestHex());
    }

    @Test
    void anEmptyLedgerRoundTrips() throws IOException {
        Ledger empty = new Ledger();
        assertThat(Ledger.readSnapshot(new ByteArrayInputStream(snapshot(empty))).digestHex()).isEqualTo(empty.digestHex());
    }

    @Test
    void everyFlippedByteIsDetected() throws IOException {
        byte[] good = snapshot(busyLedger().ledger);
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x20;
            int at = i;
            assertThatThrownBy(() -> Ledger.readSnapshot(new ByteArrayInputStream(bad)))
                    .as("flip at byte %d of %d", at, good.length).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aHeaderClaimingTwoBillionReservationsIsRefusedBeforeAnythingIsSized() throws IOException {
        byte[] good = snapshot(busyLedger().ledger);
        java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(good);
        in.skipNBytes(LedgerSnapshot.MAGIC.length + 4);
        org.inventory.ledger.proto.SnapshotHeader header = org.inventory.ledger.proto.SnapshotHeader.parseDelimitedFrom(in);
        java.io.ByteArrayOutputStream forged = new java.io.ByteArrayOutputStream();
        forged.write(good, 0, LedgerSnapshot.MAGIC.length + 4);
        header.toBuilder().setReservationCount(Integer.MAX_VALUE - 9).setIdempotencyCount(Integer.MAX_VALUE - 9)
                .build().writeDelimitedTo(forged);
        forged.write(in.readAllBytes()); // the records and the old checksum
        byte[] bad = forged.toByteArray();

        assertThatThrownBy(() -> Ledger.readVerifiedSnapshot(() -> new ByteArrayInputStream(bad)))
                .isInstanceOf(SnapshotCorruptException.class).hasMessageContaining("checksum mismatch");
        assertThat(Ledger.readVerifiedSnapshot(() -> new ByteArrayInputStream(good)).digestHex())
                .isEqualTo(busyLedger().ledger.digestHex());
    }

    @Test
    void theVerifyingReadDetectsEveryFlippedByteAndTruncation() throws IOException {
        byte[] good = snapshot(busyLedger().ledger);
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            assertThatThrownBy(() -> Ledger.readVerifiedSnapshot(() -> new ByteArrayInputStream(bad)))
                    .as("flip at byte %d", i).isInstanceOf(SnapshotCorruptException.class);
            byte[] cut = java.util.Arrays.copyOf(good, i);
            assertThatThrownBy(() -> Ledger.readVerifiedSnapshot(() -> new ByteArrayInputStream(cut)))
                    .as("cut at byte %d", i).isInstanceOf(SnapshotCorruptException.class);
        }
    }

    @Test
    void everyTruncationIsDetected() throws IOException {
        byte[] good = snapshot(busyLedger().ledger);
        for (int length = 0; length < good.length; length++) {
            byte[] cut = Arrays.copyOf(good, length);
            assertThatThrownBy(() -> Ledger.readSnapshot(new ByteArrayInputStream(cut)))
                    .isInstanceOf(SnapshotCorruptException.class);
        }
    }

    @Test
    void trailingBytesAreRefused() throws IOException {
        byte[] good = snapshot(busyLedger().ledger);
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> Ledger.readSnapshot(new ByteArrayInputStream(longer)))
                .isInstanceOf(SnapshotCorruptException.class).hasMessageContaining("after the snapshot checksum");
    }

    @Test
    void unknownFormatVersionIsRefusedByName() throws IOException {
        byte[] snap = snapshot(new Ledger());
        snap[LedgerSnapshot.MAGIC.length + 3] = 9;
        assertThatThrownBy(() -> Ledger.readSnapshot(new ByteArrayInputStream(snap)))
                .isInstanceOf(SnapshotCorruptException.class).hasMessageContaining("version 9");
    }

    @Test
    void somethingElseEntirelyIsRefused() {
        assertThatThrownBy(() -> Ledger.readSnapshot(new ByteArrayInputStream("hello, world".getBytes())))
                .isInstanceOf(SnapshotCorruptException.class).hasMessageContaining("magic");
    }
}
