package org.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.inventory.ledger.Commands.batch;
import static org.inventory.ledger.Commands.item;
import static org.inventory.ledger.Commands.keyed;
import static org.inventory.ledger.Commands.line;
import static org.inventory.ledger.Commands.reserve;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.inventory.ledger.proto.BatchedReservation;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.LedgerCommand;
import org.inventory.ledger.proto.ResultCode;
import org.junit.jupiter.api.Test;

/** Several reservations in one log entry: each its own all-or-nothing reservation under its own key. */
class ReserveBatchTest {

    private static List<CommandResult> items(CommandResult batchResult) {
        assertThat(batchResult.getCode()).as(batchResult.getDetail()).isEqualTo(ResultCode.OK);
        return batchResult.getBatch().getResultsList();
    }

    @Test
    void eachItemIsItsOwnReservationNamedByEntryAndSlot() {
        TestLedger t = new TestLedger();
        t.stock("a", 10);
        t.stock("b", 10);
        List<CommandResult> r = items(t.ok(batch(List.of(
                item("k1", reserve("alice", line("a", 2))),
                item("k2", reserve("bob", line("a", 1), line("b", 3))),
                item("k3", reserve("carol", line("b", 1)))))));
        assertThat(r).extracting(CommandResult::getCode).containsOnly(ResultCode.OK);
        assertThat(r).extracting(x -> x.getReservation().getReservationId())
                .containsExactly("res-" + t.index, "res-" + t.index + "-1", "res-" + t.index + "-2");
        assertThat(r).extracting(CommandResult::getLogIndex).containsOnly(t.index);
        assertThat(t.ledger.sku("a").orElseThrow().getHeld()).isEqualTo(3);
        assertThat(t.ledger.sku("b").orElseThrow().getHeld()).isEqualTo(4);
        for (CommandResult x : r) {
            assertThat(t.ledger.reservation(x.getReservation().getReservationId())).contains(x.getReservation());
        }
        LedgerInvariants.check(t.ledger);
    }

    @Test
    void aRefusedItemChangesNothingAndLeavesTheOthersAlone() {
        TestLedger t = new TestLedger();
        t.stock("a", 3);
        t.stock("b", 1);
        List<CommandResult> r = items(t.ok(batch(List.of(
                item("k1", reserve("alice", line("a", 1))),
                item("k2", reserve("bob", line("a", 1), line("b", 2))), // b lacks stock: a's unit stays free too
                item("k3", reserve("carol", line("ghost", 1))),
                item("k4", reserve("dave", line("a", 2)))))));
        assertThat(r).extracting(CommandResult::getCode).containsExactly(ResultCode.OK, ResultCode.INSUFFICIENT_STOCK,
                ResultCode.SKU_NOT_FOUND, ResultCode.OK);
        assertThat(r.get(1).getShortage().getLines(0).getSku()).isEqualTo("b");
        assertThat(t.ledger.sku("a").orElseThrow().getHeld()).isEqualTo(3);
        assertThat(t.ledger.sku("b").orElseThrow().getHeld()).isZero();
        LedgerInvariants.check(t.ledger);
    }

    @Test
    void itemsApplyInOrderSoTheFirstGetsTheLastUnit() {
        TestLedger t = new TestLedger();
        t.stock("last", 1);
        List<CommandResult> r = items(t.ok(batch(List.of(
                item("k1", reserve("alice", line("last", 1))),
                item("k2", reserve("bob", line("last", 1)))))));
        assertThat(r).extracting(CommandResult::getCode).containsExactly(ResultCode.OK, ResultCode.INSUFFICIENT_STOCK);
        assertThat(r.get(0).getReservation().getCustomerId()).isEqualTo("alice");
    }

    @Test
    void aBatchItemAndASingleCallShareOneKeySpace() {
        TestLedger t = new TestLedger();
        t.stock("a", 10);
        LedgerCommand single = keyed("k1", reserve("alice", line("a", 1)));
        CommandResult first = t.ok(single);
        List<CommandResult> r = items(t.ok(batch(List.of(
                item("k1", single), // the same request again, now inside a batch: replayed
                item("k1", reserve("alice", line("a", 2))), // the key with another payload
                item("k2", reserve("bob", line("a", 1)))))));
        assertThat(r.get(0).getReplayed()).isTrue();
        assertThat(r.get(0).toBuilder().setReplayed(false).build()).isEqualTo(first);
        assertThat(r.get(1).getCode()).isEqualTo(ResultCode.IDEMPOTENCY_KEY_REUSED);
        assertThat(r.get(2).getCode()).isEqualTo(ResultCode.OK);
        // and the other way round: a single call replays what a batch item created, slot and all
        CommandResult again = t.run(keyed("k2", reserve("bob", line("a", 1))));
        assertThat(again.getReplayed()).isTrue();
        assertThat(again.toBuilder().setReplayed(false).build()).isEqualTo(r.get(2));
        assertThat(again.getReservation().getReservationId()).endsWith("-2");
        assertThat(t.ledger.sku("a").orElseThrow().getHeld()).isEqualTo(2);
    }

    @Test
    void aKeyRepeatedInsideOneBatchReplaysItsFirstItem() {
        TestLedger t = new TestLedger();
        t.stock("a", 10);
        LedgerCommand alice = reserve("alice", line("a", 1));
        List<CommandResult> r = items(t.ok(batch(List.of(item("k1", alice), item("k1", alice)))));
        assertThat(r.get(1).getReplayed()).isTrue();
        assertThat(r.get(1).getReservation()).isEqualTo(r.get(0).getReservation());
        assertThat(t.ledger.sku("a").orElseThrow().getHeld()).isEqualTo(1);
    }

    @Test
    void anItemWithoutAKeyOrWithBadFieldsIsRefusedAlone() {
        TestLedger t = new TestLedger();
        t.stock("a", 10);
        List<CommandResult> r = items(t.ok(batch(List.of(
                item("", reserve("alice", line("a", 1))),
                item("k\u0001", reserve("alice", line("a", 1))),
                item("k2", reserve("", line("a", 1))),
                item("k3", reserve("bob", line("a", 0))),
                item("k4", reserve("carol", line("a", 1)))))));
        assertThat(r).extracting(CommandResult::getCode).containsExactly(ResultCode.MISSING_FIELD, ResultCode.INVALID_ID,
                ResultCode.INVALID_ID, ResultCode.INVALID_QUANTITY, ResultCode.OK);
        assertThat(r.get(0).getField()).isEqualTo("idempotency_key");
        assertThat(r.get(3).getField()).isEqualTo("lines[0].quantity");
        // refusals of the request itself keep no key: a corrected retry may use it
        assertThat(t.run(keyed("k3", reserve("bob", line("a", 1)))).getReplayed()).isFalse();
    }

    @Test
    void somethingThatIsNotABatchIsRefusedAndChangesNothing() {
        TestLedger t = new TestLedger();
        t.stock("a", 10);
        assertThat(t.refused(batch(List.of()), ResultCode.EMPTY_BATCH).getField()).isEqualTo("reservations");
        List<BatchedReservation> tooMany = new ArrayList<>();
        for (int i = 0; i <= Limits.MAX_BATCH; i++) {
            tooMany.add(item("k" + i, reserve("c" + i, line("a", 1))));
        }
        t.refused(batch(tooMany), ResultCode.BATCH_TOO_LARGE);
        LedgerCommand keyedBatch = batch(List.of(item("k1", reserve("alice", line("a", 1))))).toBuilder()
                .setIdempotencyKey("whole").build();
        assertThat(t.refused(keyedBatch, ResultCode.INVALID_VALUE).getField()).isEqualTo("idempotency_key");
        // the largest batch is fine
        CommandResult full = t.ok(batch(tooMany.subList(0, Limits.MAX_BATCH)));
        assertThat(items(full)).hasSize(Limits.MAX_BATCH).extracting(CommandResult::getCode).containsOnly(ResultCode.OK,
                ResultCode.INSUFFICIENT_STOCK);
        assertThat(t.ledger.sku("a").orElseThrow().getHeld()).isEqualTo(10);
    }

    @Test
    void batchCreatedReservationsAndTheirKeysSurviveASnapshot() throws IOException {
        TestLedger t = new TestLedger();
        t.stock("a", 10);
        LedgerCommand bob = reserve("bob", line("a", 2));
        List<CommandResult> r = items(t.ok(batch(List.of(item("k1", reserve("alice", line("a", 1))), item("k2", bob)))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.ledger.writeSnapshot(out);
        Ledger restored = Ledger.readSnapshot(new ByteArrayInputStream(out.toByteArray()));
        assertThat(restored.digestHex()).isEqualTo(t.ledger.digestHex());
        String id = r.get(1).getReservation().getReservationId();
        assertThat(restored.reservation(id)).contains(r.get(1).getReservation());
        CommandResult replay = restored.apply(keyed("k2", bob).toByteArray(), t.index + 1, t.clockMs);
        assertThat(replay.getReplayed()).isTrue();
        assertThat(replay.toBuilder().setReplayed(false).build()).isEqualTo(r.get(1));
        // and the id stays usable for the reservation's transitions
        assertThat(restored.apply(Commands.commit(id).toByteArray(), t.index + 2, t.clockMs).getCode()).isEqualTo(ResultCode.OK);
    }

    @Test
    void reservationIdsRoundTripAndHaveOneSpelling() {
        assertThat(ReservationIds.parse(ReservationIds.format(ReservationIds.of(42, 0)))).isEqualTo(ReservationIds.of(42, 0));
        assertThat(ReservationIds.format(ReservationIds.of(42, 0))).isEqualTo("res-42");
        assertThat(ReservationIds.format(ReservationIds.of(42, 7))).isEqualTo("res-42-7");
        assertThat(ReservationIds.parse("res-42-7")).isEqualTo(ReservationIds.of(42, 7));
        assertThat(ReservationIds.of(42, 1023)).isLessThan(ReservationIds.of(43, 0));
        long largest = Long.MAX_VALUE >>> 10;
        assertThat(ReservationIds.parse("res-" + largest)).isEqualTo(ReservationIds.of(largest, 0));
        for (String bad : List.of("res-42-0", "res-42-07", "res-042", "res-42-1024", "res-42-", "res--1", "res-4a",
                "res-42-7-1", "res-", "rez-42", "res-" + "9".repeat(19), "res-" + ((Long.MAX_VALUE >>> 10) + 1),
                "res-" + ((1L << 54) + 42))) {
            assertThat(ReservationIds.parse(bad)).as(bad).isEqualTo(-1);
        }
    }
}
