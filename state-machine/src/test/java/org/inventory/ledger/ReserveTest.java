package org.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.inventory.ledger.Commands.line;
import static org.inventory.ledger.Commands.policy;
import static org.inventory.ledger.Commands.reserve;

import java.util.stream.IntStream;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.LedgerEntryType;
import org.inventory.ledger.proto.ReservationLine;
import org.inventory.ledger.proto.ReservationState;
import org.inventory.ledger.proto.Reserve;
import org.inventory.ledger.proto.ResultCode;
import org.inventory.ledger.proto.UpsertSkuPolicy;
import org.junit.jupiter.api.Test;

class ReserveTest {
    private final TestLedger t = new TestLedger();

    @Test
    void reserveHoldsStockUntilTheTtl() {
        t.stock("s", 5);
        CommandResult r = t.ok(reserve("alice", line("s", 2)));
        var v = r.getReservation();
        assertThat(v.getReservationId()).isEqualTo("res-" + t.index);
        assertThat(v.getState()).isEqualTo(ReservationState.HELD);
        assertThat(v.getCustomerId()).isEqualTo("alice");
        assertThat(v.getCreatedAtMs()).isEqualTo(t.clockMs);
        assertThat(v.getExpiresAtMs()).isEqualTo(t.clockMs + 600_000);
        assertThat(v.getLinesList()).containsExactly(line("s", 2));
        assertThat(t.ledger.sku("s").orElseThrow().getHeld()).isEqualTo(2);
        assertThat(t.ledger.reservation(v.getReservationId()).orElseThrow()).isEqualTo(v);
        LedgerEntry hold = t.ledger.ledgerEntries("s", 1, 10).orElseThrow().entries().get(0);
        assertThat(hold.type()).isEqualTo(LedgerEntryType.HOLD);
        assertThat(hold.reservationId()).isEqualTo(ReservationIds.of(t.index, 0));
    }

    @Test
    void ttlComesFromTheRequestOrTheShortestSkuPolicy() {
        t.ok(policy(UpsertSkuPolicy.newBuilder().setSku("a").setHoldTtlSeconds(300)));
        t.ok(policy(UpsertSkuPolicy.newBuilder().setSku("b").setHoldTtlSeconds(120)));
        t.ok(Commands.receive("a", 5));
        t.ok(Commands.receive("b", 5));
        assertThat(t.ok(reserve("c", line("a", 1), line("b", 1))).getReservation().getExpiresAtMs())
                .isEqualTo(t.clockMs + 120_000);
        assertThat(t.ok(reserve(Reserve.newBuilder().setCustomerId("c").setTtlSeconds(30), line("a", 1)))
                .getReservation().getExpiresAtMs()).isEqualTo(t.clockMs + 30_000);
    }

    @Test
    void multiLineReservationIsAllOrNothing() {
        t.stock("a", 5);
        t.stock("b", 1);
        t.stock("c", 0);
        CommandResult r = t.refused(reserve("x", line("a", 2), line("b", 2), line("c", 1)), ResultCode.INSUFFICIENT_STOCK);
        assertThat(r.getShortage().getLinesList()).extracting(l -> l.getSku() + ":" + l.getRequested() + "/" + l.getSellable())
                .containsExactly("b:2/1", "c:1/0");
        assertThat(t.ledger.sku("a").orElseThrow().getHeld()).isZero();
        t.ok(reserve("x", line("a", 2), line("b", 1)));
        assertThat(t.ledger.sku("a").orElseThrow().getHeld()).isEqualTo(2);
        assertThat(t.ledger.sku("b").orElseThrow().getHeld()).isEqualTo(1);
    }

    @Test
    void theLastUnitGoesToExactlyOneBuyer() {
        t.stock("ps5", 1);
        t.ok(reserve("first", line("ps5", 1)));
        CommandResult late = t.refused(reserve("second", line("ps5", 1)), ResultCode.INSUFFICIENT_STOCK);
        assertThat(late.getShortage().getLines(0).getSellable()).isZero();
    }

    @Test
    void backorderLimitLetsReservationsPassOnHand() {
        t.ok(policy(UpsertSkuPolicy.newBuilder().setSku("s").setBackorderLimit(3)));
        t.ok(Commands.receive("s", 2));
        t.ok(reserve("c", line("s", 5)));
        t.refused(reserve("d", line("s", 1)), ResultCode.INSUFFICIENT_STOCK);
    }

    @Test
    void purchaseLimitCountsHeldAndCommittedPerCustomer() {
        t.ok(policy(UpsertSkuPolicy.newBuilder().setSku("s").setMaxPerCustomer(2)));
        t.ok(Commands.receive("s", 10));
        String first = t.reserveOk("bob", "s", 1);
        t.ok(Commands.commit(first));
        t.reserveOk("bob", "s", 1);
        CommandResult r = t.refused(reserve("bob", line("s", 1)), ResultCode.PURCHASE_LIMIT_EXCEEDED);
        assertThat(r.getPurchaseLimit().getAlreadyHeldOrCommitted()).isEqualTo(2);
        assertThat(r.getPurchaseLimit().getMaxPerCustomer()).isEqualTo(2);
        t.reserveOk("carol", "s", 2); // others are not affected
        t.ok(Commands.cancel(first));
        t.reserveOk("bob", "s", 1); // a cancelled purchase frees the allowance
    }

    @Test
    void aSingleRequestOverThePurchaseLimitIsRefusedEvenWithStock() {
        t.ok(policy(UpsertSkuPolicy.newBuilder().setSku("s").setMaxPerCustomer(2)));
        t.ok(Commands.receive("s", 10));
        t.refused(reserve("bob", line("s", 3)), ResultCode.PURCHASE_LIMIT_EXCEEDED);
    }

    @Test
    void unknownSkuIsNotFoundAndNamesTheLine() {
        t.stock("a", 5);
        CommandResult r = t.refused(reserve("c", line("a", 1), line("ghost", 1)), ResultCode.SKU_NOT_FOUND);
        assertThat(r.getField()).isEqualTo("lines[1].sku");
    }

    @Test
    void badReservationsAreRefusedWithPreciseCodes() {
        t.stock("a", 5);
        t.stock("b", 5);
        t.refused(reserve("c"), ResultCode.NO_LINES);
        ReservationLine[] tooMany = IntStream.range(0, Limits.MAX_LINES + 1).mapToObj(i -> line("s" + i, 1))
                .toArray(ReservationLine[]::new);
        t.refused(reserve("c", tooMany), ResultCode.TOO_MANY_LINES);
        assertThat(t.refused(reserve("c", line("a", 1), line("a", 2)), ResultCode.DUPLICATE_SKU).getField()).isEqualTo("lines[1].sku");
        assertThat(t.refused(reserve("c", line("a", 0)), ResultCode.INVALID_QUANTITY).getField()).isEqualTo("lines[0].quantity");
        t.refused(reserve("c", line("a", -1)), ResultCode.INVALID_QUANTITY);
        t.refused(reserve("c", line("a", Limits.MAX_QUANTITY + 1)), ResultCode.QUANTITY_OUT_OF_RANGE);
        t.refused(reserve("c", line("a", Long.MAX_VALUE)), ResultCode.QUANTITY_OUT_OF_RANGE);
        t.refused(reserve("c", line("bad sku", 1)), ResultCode.INVALID_ID);
        assertThat(t.refused(reserve("", line("a", 1)), ResultCode.INVALID_ID).getField()).isEqualTo("customer_id");
        t.refused(reserve("x".repeat(Limits.MAX_CUSTOMER_ID_LENGTH + 1), line("a", 1)), ResultCode.ID_TOO_LONG);
        t.refused(reserve("tab\tin", line("a", 1)), ResultCode.INVALID_ID);
        assertThat(t.refused(reserve(Reserve.newBuilder().setCustomerId("c").setCartId("k".repeat(Limits.MAX_CART_ID_LENGTH + 1)),
                line("a", 1)), ResultCode.ID_TOO_LONG).getField()).isEqualTo("cart_id");
        t.refused(reserve(Reserve.newBuilder().setCustomerId("c").setTtlSeconds(-1), line("a", 1)), ResultCode.INVALID_TTL);
        t.refused(reserve(Reserve.newBuilder().setCustomerId("c").setTtlSeconds(Limits.MAX_TTL_SECONDS + 1), line("a", 1)),
                ResultCode.INVALID_TTL);
    }

    @Test
    void fiftyLinesAreAllowed() {
        ReservationLine[] lines = IntStream.range(0, Limits.MAX_LINES).mapToObj(i -> {
            t.stock("s" + i, 1);
            return line("s" + i, 1);
        }).toArray(ReservationLine[]::new);
        assertThat(t.ok(reserve("c", lines)).getReservation().getLinesCount()).isEqualTo(50);
    }
}
