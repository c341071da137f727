package org.inventory.chaos.check;

import org.inventory.chaos.check.CheckResult.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.inventory.chaos.check.HistoryBuilder.entry;
import static org.inventory.chaos.check.HistoryBuilder.wall;

class NoOversellCheckTest {
    private static final String SKU = "chaos-1";

    @Test
    void oneUnitReservedCommittedAndLedgerConsistentPasses() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 1);
        h.reserved(10, 20, "c1", SKU, "c1-1", "res-1", 3000);
        h.committed(100, 110, "c1", "res-1", SKU);
        h.ledger(200, 210, "tailer", SKU, 0,
                entry(1, "RECEIPT", 1, null, 1, 0, 0),
                entry(2, "HOLD", 1, "res-1", 1, 1, 0),
                entry(3, "COMMIT", 1, "res-1", 1, 0, 1));

        CheckResult r = NoOversellCheck.check(h.build());

        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.PASS);
        assertThat(r.name()).isEqualTo("no-oversell");
    }

    @Test
    void twoAcknowledgedReservationsLiveAtOnceForOneUnitFail() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 1);
        h.reserved(10, 20, "c1", SKU, "c1-1", "res-1", 3000);
        h.reserved(15, 30, "c2", SKU, "c2-1", "res-2", 3000);

        CheckResult r = NoOversellCheck.check(h.build());

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).hasSize(1);
        assertThat(r.problems().get(0)).contains("sku " + SKU, "res-1", "res-2", "at event 5", "at most 1 units")
                .contains("reserve op");
    }

    @Test
    void aCommittedReservationStaysLivePastItsDeadline() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 1);
        h.reserved(10, 20, "c1", SKU, "c1-1", "res-1", 3000);
        h.committed(100, 110, "c1", "res-1", SKU);
        h.reserved(5000, 5010, "c2", SKU, "c2-1", "res-2", 3000); // long after res-1's deadline: still oversold

        CheckResult r = NoOversellCheck.check(h.build());

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems().get(0)).contains("res-1", "live until the end (committed)", "res-2");
    }

    @Test
    void anInfoReserveWhoseUnitWasReservedByAnotherAfterExpiryIsNotFlagged() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 1);
        long maybe = h.reserve(10, "c1", SKU, 1, "c1-1");
        h.info(1000, maybe, "reason", "timeout");
        h.reserved(4000, 4010, "c2", SKU, "c2-1", "res-2", 3000);
        // the recovery pass later learns the info reserve did apply, with a deadline long past
        h.ok(5000, maybe, "reservation_id", "res-1", "expires_at_ms", wall(10) + 3000, "attempts", 4);

        CheckResult r = NoOversellCheck.check(h.build());

        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aReleasedReservationThenAnotherReservingTheUnitIsNotFlagged() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 1);
        h.reserved(10, 20, "c1", SKU, "c1-1", "res-1", 3000);
        h.released(100, 130, "c1", "res-1", SKU, "RELEASED");
        h.reserved(105, 120, "c2", SKU, "c2-1", "res-2", 3000); // acked before the release answered: still fine

        CheckResult r = NoOversellCheck.check(h.build());

        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.PASS);
    }

    @Test
    void anExpiredReservationThenAnotherReservingTheUnitIsNotFlagged() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 1);
        h.reserved(10, 20, "c1", SKU, "c1-1", "res-1", 3000);
        h.reserved(3009, 3015, "c2", SKU, "c2-1", "res-2", 3000); // wall clock at res-1's deadline (minus 1 ms)
        h.commitRefused(3100, 3110, "c1", "res-1", SKU, "EXPIRED");

        CheckResult r = NoOversellCheck.check(h.build());

        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aReceiptInFlightMayHaveAppliedAndAnAcknowledgedAdjustmentCertainlyDid() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 1);
        long more = h.invoke(10, "s1", "receipt", "sku", SKU, "quantity", 1, "key", "s1-1");
        h.info(500, more, "reason", "timeout"); // may have applied: two units may exist
        h.reserved(20, 30, "c1", SKU, "c1-1", "res-1", 3000);
        h.reserved(25, 40, "c2", SKU, "c2-1", "res-2", 3000);
        assertThat(NoOversellCheck.check(h.build()).verdict()).isEqualTo(Verdict.PASS);

        long adjust = h.invoke(12, "s1", "adjust", "sku", SKU, "delta", -1, "key", "s1-2");
        h.ok(15, adjust, "on_hand", 1); // acknowledged before the reservations: at most one unit again
        CheckResult r = NoOversellCheck.check(h.build());
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems().get(0)).contains("at most 1 units");
    }

    @Test
    void anUnacknowledgedAdjustmentIsNotCounted() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 2);
        long adjust = h.invoke(10, "s1", "adjust", "sku", SKU, "delta", -1, "key", "s1-1");
        h.info(100, adjust, "reason", "timeout");
        h.reserved(20, 30, "c1", SKU, "c1-1", "res-1", 3000);
        h.reserved(25, 40, "c2", SKU, "c2-1", "res-2", 3000);

        assertThat(NoOversellCheck.check(h.build()).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aLedgerEntryHoldingMoreThanOnHandFails() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 1);
        h.ledger(200, 210, "tailer", SKU, 0,
                entry(1, "RECEIPT", 1, null, 1, 0, 0),
                entry(2, "HOLD", 1, "res-1", 1, 1, 0),
                entry(4, "HOLD", 1, "res-3", 1, 2, 0));

        CheckResult r = NoOversellCheck.check(h.build());

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).singleElement().asString().contains("sku " + SKU, "entry 4", "res-3", "op ");
    }
}
