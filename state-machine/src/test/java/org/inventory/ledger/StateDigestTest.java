package org.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.inventory.ledger.Commands.keyed;
import static org.inventory.ledger.Commands.line;
import static org.inventory.ledger.Commands.reserve;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.inventory.ledger.proto.CommandResult;
import org.junit.jupiter.api.Test;

/** The digest kept up to date as entries apply: what it sees, and what only a recomputation can. */
class StateDigestTest {

    @Test
    void everyKindOfChangeMovesTheDigestAndTheKeptDigestIsTheRecomputedOne() {
        TestLedger t = new TestLedger(new LedgerSettings(60_000, 30_000, 3));
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.function.Consumer<String> step = what -> {
            assertThat(seen.add(t.ledger.digestHex())).as("%s changes the digest", what).isTrue();
            assertThat(t.ledger.verifyDigest()).as("after %s", what).isTrue();
        };
        step.accept("nothing");
        t.ok(Commands.createSku("s"));
        step.accept("a new SKU");
        t.ok(Commands.receive("s", 10));
        step.accept("a receipt");
        CommandResult held = t.ok(keyed("k1", reserve("alice", line("s", 2))));
        step.accept("a reservation");
        String id = held.getReservation().getReservationId();
        t.ok(Commands.extend(id, 900));
        step.accept("an extension");
        t.ok(Commands.commit(id));
        step.accept("a commit");
        t.ok(Commands.batch(List.of(Commands.item("k2", reserve("bob", line("s", 1))), Commands.item("k3", reserve("carol", line("s", 1))))));
        step.accept("a batch");
        t.ok(Commands.adjust("s", -1, org.inventory.ledger.proto.AdjustmentReason.DAMAGED)); // the window of 3 folds its oldest
        step.accept("an adjustment");
        t.ok(Commands.policy(org.inventory.ledger.proto.UpsertSkuPolicy.newBuilder().setSku("s").setSafetyStock(1)));
        step.accept("a policy change");
        t.advanceSeconds(700);
        t.ok(Commands.tick());
        step.accept("expiries, the end and pruning of reservations and keys");
    }

    @Test
    void aReplicaRestoredAfterItsReservationsWerePrunedAgreesWithOneThatNeverRestarted() throws IOException {
        // keys live longer than ended reservations: a restored replica holds those keys' answers serialized, the other
        // the reservations themselves; the two are one state and digest alike, now and once the keys go too
        TestLedger t = new TestLedger(new LedgerSettings(120_000, 10_000, 8));
        t.stock("s", 5);
        String id = t.ok(keyed("k", reserve("alice", line("s", 1)))).getReservation().getReservationId();
        t.ok(Commands.release(id));
        t.advanceSeconds(20);
        t.ok(Commands.tick()); // the released reservation is pruned, its key is not
        assertThat(t.ledger.reservation(id)).isEmpty();
        Ledger restored = Ledger.readSnapshot(new ByteArrayInputStream(SnapshotTest.snapshot(t.ledger)));
        assertThat(restored.digestHex()).isEqualTo(t.ledger.digestHex());
        t.advanceSeconds(200);
        CommandResult onOne = t.ok(Commands.tick()); // and now the key is pruned on both
        restored.apply(Commands.tick().toByteArray(), t.index, t.clockMs);
        assertThat(onOne.getCode()).isEqualTo(org.inventory.ledger.proto.ResultCode.OK);
        assertThat(t.ledger.idempotencyKeyCount()).isZero();
        assertThat(restored.digestHex()).isEqualTo(t.ledger.digestHex());
        assertThat(restored.verifyDigest()).isTrue();
    }

    @Test
    void aRecordChangedBehindTheLedgersBackIsCaughtByRecomputingOnly() {
        TestLedger t = new TestLedger();
        t.stock("s", 5);
        String id = t.ok(reserve("alice", line("s", 1))).getReservation().getReservationId();
        String kept = t.ledger.digestHex();
        Reservation r = t.ledger.state().reservations.get(ReservationIds.parse(id));
        r.expiresAtMs += 1; // no command did this
        assertThat(t.ledger.digestHex()).as("the kept digest cannot know").isEqualTo(kept);
        assertThat(t.ledger.verifyDigest()).isFalse();
        r.expiresAtMs -= 1;
        assertThat(t.ledger.verifyDigest()).isTrue();
        t.ledger.state().skus.get("s").onHand += 1;
        assertThat(t.ledger.verifyDigest()).isFalse();
    }
}
