package org.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.inventory.ledger.Commands.cancel;
import static org.inventory.ledger.Commands.commit;
import static org.inventory.ledger.Commands.extend;
import static org.inventory.ledger.Commands.fulfil;
import static org.inventory.ledger.Commands.line;
import static org.inventory.ledger.Commands.release;
import static org.inventory.ledger.Commands.reserve;
import static org.inventory.ledger.Commands.tick;
import static org.inventory.ledger.proto.ReservationState.CANCELLED;
import static org.inventory.ledger.proto.ReservationState.COMMITTED;
import static org.inventory.ledger.proto.ReservationState.EXPIRED;
import static org.inventory.ledger.proto.ReservationState.FULFILLED;
import static org.inventory.ledger.proto.ReservationState.HELD;
import static org.inventory.ledger.proto.ReservationState.RELEASED;

import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.LedgerCommand;
import org.inventory.ledger.proto.LedgerEntryType;
import org.inventory.ledger.proto.ReleaseReservation;
import org.inventory.ledger.proto.ResultCode;
import org.inventory.ledger.proto.SkuView;
import org.inventory.ledger.proto.UpsertSkuPolicy;
import org.junit.jupiter.api.Test;

class TransitionsTest {
    private final TestLedger t = new TestLedger();

    private SkuView sku() {
        return t.ledger.sku("s").orElseThrow();
    }

    @Test
    void commitMovesHeldToCommitted() {
        t.stock("s", 5);
        String id = t.reserveOk("c", "s", 2);
        t.advanceSeconds(10);
        CommandResult r = t.ok(commit(id));
        assertThat(r.getReservation().getState()).isEqualTo(COMMITTED);
        assertThat(r.getReservation().getUpdatedAtMs()).isEqualTo(t.clockMs);
        assertThat(sku().getHeld()).isZero();
        assertThat(sku().getCommitted()).isEqualTo(2);
        CommandResult again = t.ok(commit(id));
        assertThat(again.getChanged()).isFalse();
        assertThat(again.getReservation().getState()).isEqualTo(COMMITTED);
    }

    @Test
    void commitAfterExpiryIsRefusedWithTheStateItFound() {
        t.stock("s", 5);
        String id = t.reserveOk("c", "s", 2);
        t.advanceSeconds(600); // expires_at <= now: the hold is over
        CommandResult r = t.run(commit(id));
        assertThat(r.getCode()).isEqualTo(ResultCode.INVALID_TRANSITION);
        assertThat(r.getReservation().getState()).isEqualTo(EXPIRED);
        assertThat(sku().getHeld()).isZero();
        assertThat(sku().getCommitted()).isZero();
    }

    @Test
    void commitJustBeforeExpiryWins() {
        t.stock("s", 5);
        String id = t.reserveOk("c", "s", 2);
        t.clockMs += 600_000 - 1;
        t.ok(commit(id));
        t.advanceSeconds(3600);
        t.ok(tick());
        assertThat(t.ledger.reservation(id).orElseThrow().getState()).isEqualTo(COMMITTED);
    }

    @Test
    void tickExpiresDueHoldsInDeadlineOrder() {
        t.stock("s", 5);
        String a = t.ok(reserve(org.inventory.ledger.proto.Reserve.newBuilder().setCustomerId("a").setTtlSeconds(20),
                line("s", 1))).getReservation().getReservationId();
        String b = t.ok(reserve(org.inventory.ledger.proto.Reserve.newBuilder().setCustomerId("b").setTtlSeconds(10),
                line("s", 1))).getReservation().getReservationId();
        t.advanceSeconds(10);
        CommandResult r = t.ok(tick());
        assertThat(r.getChanged()).isTrue();
        assertThat(t.ledger.reservation(b).orElseThrow().getState()).isEqualTo(EXPIRED);
        assertThat(t.ledger.reservation(a).orElseThrow().getState()).isEqualTo(HELD);
        assertThat(sku().getHeld()).isEqualTo(1);
        t.advanceSeconds(10);
        t.ok(tick());
        assertThat(t.ledger.reservation(a).orElseThrow().getState()).isEqualTo(EXPIRED);
        assertThat(t.ledger.ledgerEntries("s", 0, 10).orElseThrow().entries()).extracting(LedgerEntry::type)
                .containsExactly(LedgerEntryType.RECEIPT, LedgerEntryType.HOLD, LedgerEntryType.HOLD,
                        LedgerEntryType.EXPIRY, LedgerEntryType.EXPIRY);
        assertThat(t.ok(tick()).getChanged()).isFalse();
    }

    @Test
    void expiredStockIsReservableByTheNextBuyer() {
        t.stock("s", 1);
        t.reserveOk("a", "s", 1);
        t.refused(reserve("b", line("s", 1)), ResultCode.INSUFFICIENT_STOCK);
        t.advanceSeconds(600);
        t.reserveOk("b", "s", 1); // the entry's own time expires the old hold first
    }

    @Test
    void releaseReturnsHeldStock() {
        t.stock("s", 5);
        String id = t.reserveOk("c", "s", 2);
        CommandResult r = t.ok(LedgerCommand.newBuilder().setReleaseReservation(
                ReleaseReservation.newBuilder().setReservationId(id).setReason("cart abandoned")).build());
        assertThat(r.getReservation().getState()).isEqualTo(RELEASED);
        assertThat(r.getReservation().getReason()).isEqualTo("cart abandoned");
        assertThat(sku().getHeld()).isZero();
        assertThat(t.ok(release(id)).getChanged()).isFalse();
    }

    @Test
    void releaseOfAnExpiredHoldIsANoOp() {
        t.stock("s", 5);
        String id = t.reserveOk("c", "s", 2);
        t.advanceSeconds(601);
        CommandResult r = t.ok(release(id));
        assertThat(r.getChanged()).isFalse();
        assertThat(r.getReservation().getState()).isEqualTo(EXPIRED);
    }

    @Test
    void releaseOfACommittedReservationIsRefused() {
        t.stock("s", 5);
        String id = t.reserveOk("c", "s", 2);
        t.ok(commit(id));
        CommandResult r = t.refused(release(id), ResultCode.INVALID_TRANSITION);
        assertThat(r.getReservation().getState()).isEqualTo(COMMITTED);
        assertThat(r.getDetail()).contains("cancelled, not released");
    }

    @Test
    void extendPushesTheDeadlineButNeverShortensIt() {
        t.stock("s", 5);
        String id = t.reserveOk("c", "s", 1);
        long firstDeadline = t.ledger.reservation(id).orElseThrow().getExpiresAtMs();
        t.advanceSeconds(500);
        CommandResult r = t.ok(extend(id, 300));
        assertThat(r.getReservation().getExpiresAtMs()).isEqualTo(t.clockMs + 300_000);
        assertThat(t.ok(extend(id, 1)).getChanged()).isFalse();
        t.clockMs = firstDeadline;
        t.ok(tick());
        assertThat(t.ledger.reservation(id).orElseThrow().getState()).isEqualTo(HELD);
        t.clockMs = r.getReservation().getExpiresAtMs();
        t.ok(tick());
        assertThat(t.ledger.reservation(id).orElseThrow().getState()).isEqualTo(EXPIRED);
    }

    @Test
    void extendRefusals() {
        t.stock("s", 5);
        String id = t.reserveOk("c", "s", 1);
        t.refused(extend(id, 0), ResultCode.INVALID_TTL);
        t.refused(extend(id, Limits.MAX_TTL_SECONDS + 1), ResultCode.INVALID_TTL);
        t.ok(commit(id));
        assertThat(t.refused(extend(id, 60), ResultCode.INVALID_TRANSITION).getReservation().getState()).isEqualTo(COMMITTED);
    }

    @Test
    void cancelReturnsCommittedStock() {
        t.stock("s", 5);
        String id = t.reserveOk("c", "s", 2);
        t.ok(commit(id));
        CommandResult r = t.ok(cancel(id));
        assertThat(r.getReservation().getState()).isEqualTo(CANCELLED);
        assertThat(sku().getCommitted()).isZero();
        assertThat(sku().getOnHand()).isEqualTo(5);
        assertThat(t.ok(cancel(id)).getChanged()).isFalse();
        t.refused(commit(id), ResultCode.INVALID_TRANSITION);
    }

    @Test
    void cancelOfAHeldReservationIsRefused() {
        t.stock("s", 5);
        String id = t.reserveOk("c", "s", 2);
        assertThat(t.refused(cancel(id), ResultCode.INVALID_TRANSITION).getDetail()).contains("released, not cancelled");
    }

    @Test
    void fulfilShipsCommittedStock() {
        t.stock("s", 5);
        String id = t.reserveOk("c", "s", 2);
        t.refused(fulfil(id), ResultCode.INVALID_TRANSITION);
        t.ok(commit(id));
        CommandResult r = t.ok(fulfil(id));
        assertThat(r.getReservation().getState()).isEqualTo(FULFILLED);
        assertThat(sku().getCommitted()).isZero();
        assertThat(sku().getOnHand()).isEqualTo(3);
        assertThat(t.ok(fulfil(id)).getChanged()).isFalse();
        t.refused(cancel(id), ResultCode.INVALID_TRANSITION);
        t.refused(release(id), ResultCode.INVALID_TRANSITION);
    }

    @Test
    void backorderedUnitsCannotShipBeforeTheyArrive() {
        t.ok(Commands.policy(UpsertSkuPolicy.newBuilder().setSku("s").setBackorderLimit(5)));
        t.ok(Commands.receive("s", 1));
        String id = t.reserveOk("c", "s", 3);
        t.ok(commit(id));
        t.refused(fulfil(id), ResultCode.WOULD_GO_NEGATIVE);
        t.ok(Commands.receive("s", 2));
        t.ok(fulfil(id));
        assertThat(sku().getOnHand()).isZero();
    }

    @Test
    void statesNeverMoveBackwards() {
        t.stock("s", 5);
        String released = t.reserveOk("c", "s", 1);
        t.ok(release(released));
        t.refused(commit(released), ResultCode.INVALID_TRANSITION);
        t.refused(extend(released, 60), ResultCode.INVALID_TRANSITION);
        t.refused(cancel(released), ResultCode.INVALID_TRANSITION);
        t.refused(fulfil(released), ResultCode.INVALID_TRANSITION);
    }

    @Test
    void unknownAndMalformedReservationIds() {
        t.stock("s", 5);
        t.refused(commit("res-999"), ResultCode.RESERVATION_NOT_FOUND);
        t.refused(commit("res-0"), ResultCode.RESERVATION_NOT_FOUND);
        t.refused(commit("res-01"), ResultCode.RESERVATION_NOT_FOUND);
        t.refused(commit("nonsense"), ResultCode.RESERVATION_NOT_FOUND);
        t.refused(commit(""), ResultCode.RESERVATION_NOT_FOUND);
        t.refused(commit("res-" + "9".repeat(40)), ResultCode.ID_TOO_LONG);
        t.refused(release("res-12345678901234567890"), ResultCode.RESERVATION_NOT_FOUND);
        String id = t.reserveOk("c", "s", 1);
        t.refused(LedgerCommand.newBuilder().setReleaseReservation(ReleaseReservation.newBuilder().setReservationId(id)
                .setReason("r".repeat(Limits.MAX_TEXT_LENGTH + 1))).build(), ResultCode.TEXT_TOO_LONG);
    }

    @Test
    void endedReservationsAreForgottenAfterTheirRetention() {
        TestLedger short_ = new TestLedger(new LedgerSettings(3_600_000, 60_000, 16));
        short_.stock("s", 5);
        String id = short_.reserveOk("c", "s", 1);
        short_.ok(release(id));
        short_.advanceSeconds(60);
        short_.ok(tick());
        assertThat(short_.ledger.reservation(id)).isPresent();
        short_.clockMs += 1;
        short_.ok(tick());
        assertThat(short_.ledger.reservation(id)).isEmpty();
        short_.refused(commit(id), ResultCode.RESERVATION_NOT_FOUND);
    }
}
