package org.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.inventory.ledger.Commands.keyed;
import static org.inventory.ledger.Commands.line;
import static org.inventory.ledger.Commands.receive;
import static org.inventory.ledger.Commands.reserve;
import static org.inventory.ledger.Commands.tick;
import static org.inventory.ledger.Commands.commit;
import static org.inventory.ledger.Commands.extend;
import static org.inventory.ledger.Commands.release;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.inventory.ledger.proto.Reserve;

import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.ResultCode;
import org.junit.jupiter.api.Test;

class IdempotencyTest {
    private final TestLedger t = new TestLedger(new LedgerSettings(3_600_000, 3_600_000, 64));

    @Test
    void retryWithTheSameKeyReplaysTheFirstResult() {
        t.stock("s", 5);
        CommandResult first = t.ok(keyed("k1", reserve("c", line("s", 2))));
        t.advanceSeconds(5); // a retry is stamped later by a (maybe new) leader: still the same request
        CommandResult retry = t.ok(keyed("k1", reserve("c", line("s", 2))));
        assertThat(retry.getReplayed()).isTrue();
        assertThat(retry.toBuilder().setReplayed(false).build()).isEqualTo(first);
        assertThat(t.ledger.sku("s").orElseThrow().getHeld()).isEqualTo(2);
        assertThat(t.ledger.reservationCount()).isEqualTo(1);
    }

    @Test
    void sameKeyWithADifferentPayloadIsRefused() {
        t.stock("s", 5);
        t.ok(keyed("k1", reserve("c", line("s", 2))));
        CommandResult r = t.refused(keyed("k1", reserve("c", line("s", 3))), ResultCode.IDEMPOTENCY_KEY_REUSED);
        assertThat(r.getField()).isEqualTo("idempotency_key");
        t.refused(keyed("k1", receive("s", 2)), ResultCode.IDEMPOTENCY_KEY_REUSED);
    }

    @Test
    void businessRefusalsAreReplayedToo() {
        t.stock("s", 1);
        t.ok(reserve("someone", line("s", 1)));
        CommandResult first = t.run(keyed("k", reserve("c", line("s", 1))));
        assertThat(first.getCode()).isEqualTo(ResultCode.INSUFFICIENT_STOCK);
        t.ok(receive("s", 10));
        CommandResult retry = t.run(keyed("k", reserve("c", line("s", 1))));
        assertThat(retry.getCode()).isEqualTo(ResultCode.INSUFFICIENT_STOCK);
        assertThat(retry.getReplayed()).isTrue();
    }

    @Test
    void invalidRequestsAreNotStoredSoTheKeyStaysFree() {
        t.stock("s", 5);
        t.refused(keyed("k", reserve("c", line("s", 0))), ResultCode.INVALID_QUANTITY);
        assertThat(t.ledger.idempotencyKeyCount()).isZero();
        assertThat(t.ok(keyed("k", reserve("c", line("s", 1)))).getReplayed()).isFalse();
    }

    @Test
    void badKeysAreRefused() {
        t.stock("s", 5);
        assertThat(t.refused(keyed("k".repeat(Limits.MAX_IDEMPOTENCY_KEY_LENGTH + 1), receive("s", 1)), ResultCode.ID_TOO_LONG)
                .getField()).isEqualTo("idempotency_key");
        t.refused(keyed("new\nline", receive("s", 1)), ResultCode.INVALID_ID);
        t.ok(keyed("k".repeat(Limits.MAX_IDEMPOTENCY_KEY_LENGTH), receive("s", 1)));
    }

    @Test
    void keysArePrunedByLogTimeAfterTheRetention() {
        t.stock("s", 100);
        t.ok(keyed("k", receive("s", 1)));
        t.advanceSeconds(3600);
        t.ok(tick());
        assertThat(t.ok(keyed("k", receive("s", 1))).getReplayed()).as("kept for the whole retention").isTrue();
        t.clockMs += 1;
        t.ok(tick());
        assertThat(t.ledger.idempotencyKeyCount()).isZero();
        CommandResult fresh = t.ok(keyed("k", receive("s", 1)));
        assertThat(fresh.getReplayed()).isFalse();
        assertThat(t.ledger.sku("s").orElseThrow().getOnHand()).isEqualTo(102);
    }

    @Test
    void transitionsMayCarryKeys() {
        t.stock("s", 5);
        String id = t.reserveOk("c", "s", 1);
        CommandResult first = t.ok(keyed("commit-1", Commands.commit(id)));
        assertThat(first.getChanged()).isTrue();
        CommandResult retry = t.ok(keyed("commit-1", Commands.commit(id)));
        assertThat(retry.getReplayed()).isTrue();
        assertThat(retry.getChanged()).isTrue();
        assertThat(retry.getLogIndex()).isEqualTo(first.getLogIndex());
    }

    // A created reservation's first result is kept as the reservation itself and rebuilt on replay: whatever happened
    // to the reservation since, the replay must answer exactly what the creation answered.

    @Test
    void aRetriedCreationAnswersTheCreationEvenAfterTheReservationMoved() {
        t.stock("s", 5);
        CommandResult first = t.ok(keyed("k1", reserve(Reserve.newBuilder().setCustomerId("c").setCartId("cart-1").setTtlSeconds(90),
                line("s", 2))));
        String id = first.getReservation().getReservationId();
        t.advanceSeconds(10);
        t.ok(extend(id, 600));
        t.advanceSeconds(10);
        t.ok(commit(id));
        CommandResult retry = t.ok(keyed("k1", reserve(Reserve.newBuilder().setCustomerId("c").setCartId("cart-1").setTtlSeconds(90),
                line("s", 2))));
        assertThat(retry.toBuilder().setReplayed(false).build()).isEqualTo(first);
    }

    @Test
    void aRetriedCreationAnswersTheCreationAfterTheReservationWasForgotten() throws IOException {
        TestLedger shortMemory = new TestLedger(new LedgerSettings(3_600_000, 60_000, 64));
        shortMemory.stock("s", 5);
        CommandResult first = shortMemory.ok(keyed("k", reserve("c", line("s", 1))));
        shortMemory.ok(release(first.getReservation().getReservationId()));
        shortMemory.advanceSeconds(120);
        shortMemory.ok(tick());
        assertThat(shortMemory.ledger.reservationCount()).as("the ended reservation is pruned").isZero();
        assertThat(shortMemory.ok(keyed("k", reserve("c", line("s", 1)))).toBuilder().setReplayed(false).build()).isEqualTo(first);

        Ledger restored = Ledger.readSnapshot(new ByteArrayInputStream(SnapshotTest.snapshot(shortMemory.ledger)));
        assertThat(restored.digestHex()).isEqualTo(shortMemory.ledger.digestHex());
        CommandResult replayed = restored.apply(keyed("k", reserve("c", line("s", 1))).toByteArray(), ++shortMemory.index, shortMemory.clockMs);
        assertThat(replayed.toBuilder().setReplayed(false).build()).isEqualTo(first);
    }

    @Test
    void aRestoredReplicaAnswersRetriedCreationsAsTheFirstDid() throws IOException {
        t.stock("s", 5);
        CommandResult held = t.ok(keyed("k-held", reserve("c", line("s", 1))));
        CommandResult extended = t.ok(keyed("k-extended", reserve(Reserve.newBuilder().setCustomerId("d").setTtlSeconds(30), line("s", 2))));
        t.advanceSeconds(5);
        t.ok(extend(extended.getReservation().getReservationId(), 900));
        CommandResult refused = t.run(keyed("k-refused", reserve("e", line("s", 9))));
        assertThat(refused.getCode()).isEqualTo(ResultCode.INSUFFICIENT_STOCK);

        Ledger restored = Ledger.readSnapshot(new ByteArrayInputStream(SnapshotTest.snapshot(t.ledger)));
        assertThat(restored.digestHex()).isEqualTo(t.ledger.digestHex());
        assertThat(SnapshotTest.snapshot(restored)).isEqualTo(SnapshotTest.snapshot(t.ledger));
        long index = t.index;
        assertThat(restored.apply(keyed("k-held", reserve("c", line("s", 1))).toByteArray(), ++index, t.clockMs)
                .toBuilder().setReplayed(false).build()).isEqualTo(held);
        assertThat(restored.apply(keyed("k-extended", reserve(Reserve.newBuilder().setCustomerId("d").setTtlSeconds(30), line("s", 2)))
                .toByteArray(), ++index, t.clockMs).toBuilder().setReplayed(false).build()).isEqualTo(extended);
        assertThat(restored.apply(keyed("k-refused", reserve("e", line("s", 9))).toByteArray(), ++index, t.clockMs)
                .toBuilder().setReplayed(false).build()).isEqualTo(refused);
    }
}
