package org.inventory.chaos.check;

import org.inventory.chaos.check.CheckResult.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LostAckCheckTest {
    private static final String SKU = "chaos-1";

    /** Three reservations that end committed, released and expired, each read back so at the end. */
    private static HistoryBuilder threeOutcomes() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 3);
        h.reserved(10, 20, "c1", SKU, "c1-1", "res-1", 3000);
        h.reserved(11, 21, "c2", SKU, "c2-1", "res-2", 3000);
        h.reserved(12, 22, "c3", SKU, "c3-1", "res-3", 3000);
        h.committed(100, 110, "c1", "res-1", SKU);
        h.released(100, 110, "c2", "res-2", SKU, "RELEASED");
        return h;
    }

    @Test
    void everyAcknowledgedReservationReadInAnAllowedStatePasses() {
        HistoryBuilder h = threeOutcomes();
        h.finalRead(9000, 9010, "res-1", SKU, 1, "COMMITTED", "c1-1");
        h.finalRead(9000, 9010, "res-2", SKU, 1, "RELEASED", "c2-1");
        h.finalRead(9000, 9010, "res-3", SKU, 1, "EXPIRED", "c3-1");

        CheckResult r = LostAckCheck.check(h.build());

        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.PASS);
        assertThat(r.summary()).contains("3 acknowledged", "3 verified");
    }

    @Test
    void heldAfterACommitOkFails() {
        HistoryBuilder h = threeOutcomes();
        h.finalRead(9000, 9010, "res-1", SKU, 1, "HELD", "c1-1");
        h.finalRead(9000, 9010, "res-2", SKU, 1, "RELEASED", "c2-1");
        h.finalRead(9000, 9010, "res-3", SKU, 1, "HELD", "c3-1"); // no transition: HELD is possible

        CheckResult r = LostAckCheck.check(h.build());

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).singleElement().asString()
                .contains("res-1", "sku " + SKU, "key c1-1", "shows state HELD", "[COMMITTED]", "commit op");
    }

    @Test
    void aMissingReservationFails() {
        HistoryBuilder h = threeOutcomes();
        h.finalRead(9000, 9010, "res-1", SKU, 1, "COMMITTED", "c1-1");
        h.finalReadNotFound(9000, 9010, "res-2");
        // res-3 is never read although the history has a final phase

        CheckResult r = LostAckCheck.check(h.build());

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).hasSize(2);
        assertThat(r.problems()).anySatisfy(p -> assertThat(p).contains("res-2", "lost", "reservation_not_found"));
        assertThat(r.problems()).anySatisfy(p -> assertThat(p).contains("res-3", "never read"));
    }

    @Test
    void withoutAFinalPhaseItIsUnknown() {
        CheckResult r = LostAckCheck.check(threeOutcomes().build());

        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void anIndeterminateCommitAllowsEitherOutcome() {
        for (String state : new String[]{"HELD", "EXPIRED", "COMMITTED"}) {
            HistoryBuilder h = new HistoryBuilder();
            h.receipt(0, 5, SKU, 1);
            h.reserved(10, 20, "c1", SKU, "c1-1", "res-1", 3000);
            h.info(200, h.transition(100, "c1", "commit", "res-1", SKU), "reason", "timeout");
            h.finalRead(9000, 9010, "res-1", SKU, 1, state, "c1-1");

            assertThat(LostAckCheck.check(h.build()).verdict()).as(state).isEqualTo(Verdict.PASS);
        }
    }

    @Test
    void aCommitRefusedAsExpiredPinsExpired() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 1);
        h.reserved(10, 20, "c1", SKU, "c1-1", "res-1", 3000);
        h.commitRefused(3100, 3110, "c1", "res-1", SKU, "EXPIRED");
        h.finalRead(9000, 9010, "res-1", SKU, 1, "EXPIRED", "c1-1");
        assertThat(LostAckCheck.check(h.build()).verdict()).isEqualTo(Verdict.PASS);

        HistoryBuilder wrong = new HistoryBuilder();
        wrong.receipt(0, 5, SKU, 1);
        wrong.reserved(10, 20, "c1", SKU, "c1-1", "res-1", 3000);
        wrong.commitRefused(3100, 3110, "c1", "res-1", SKU, "EXPIRED");
        wrong.finalRead(9000, 9010, "res-1", SKU, 1, "HELD", "c1-1");
        CheckResult r = LostAckCheck.check(wrong.build());
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems().get(0)).contains("[EXPIRED]");
    }

    @Test
    void aReleaseThatFoundTheHoldExpiredPinsExpired() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 1);
        h.reserved(10, 20, "c1", SKU, "c1-1", "res-1", 3000);
        h.released(3100, 3110, "c1", "res-1", SKU, "EXPIRED");
        h.finalRead(9000, 9010, "res-1", SKU, 1, "RELEASED", "c1-1");

        CheckResult r = LostAckCheck.check(h.build());

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems().get(0)).contains("shows state RELEASED", "[EXPIRED]");
    }

    @Test
    void aCommitStillInFlightDuringTheReadMayOrMayNotShow() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 1);
        h.reserved(10, 20, "c1", SKU, "c1-1", "res-1", 3000);
        h.committed(100, 9005, "c1", "res-1", SKU); // answered while the read ran
        h.finalRead(9000, 9010, "res-1", SKU, 1, "HELD", "c1-1");

        assertThat(LostAckCheck.check(h.build()).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aReadOfAnotherSkuOrQuantityFails() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 1);
        h.reserved(10, 20, "c1", SKU, "c1-1", "res-1", 3000);
        h.finalRead(9000, 9010, "res-1", "chaos-2", 1, "EXPIRED", "c1-1");

        CheckResult r = LostAckCheck.check(h.build());

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems().get(0)).contains("res-1", "shows sku chaos-2");
    }

    @Test
    void onlyIndeterminateFinalReadsAreUnknown() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 1);
        h.reserved(10, 20, "c1", SKU, "c1-1", "res-1", 3000);
        h.info(9500, h.invoke(9000, "final", "read-reservation", "reservation_id", "res-1"), "reason", "timeout");

        CheckResult r = LostAckCheck.check(h.build());

        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.problems().get(0)).contains("res-1", "indeterminate");
    }

    @Test
    void aTransitionFindingTheAcknowledgedReservationGoneFails() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 1);
        h.reserved(10, 20, "c1", SKU, "c1-1", "res-1", 3000);
        h.fail(110, h.transition(100, "c1", "commit", "res-1", SKU), "code", "reservation_not_found");
        h.finalRead(9000, 9010, "res-1", SKU, 1, "EXPIRED", "c1-1");

        CheckResult r = LostAckCheck.check(h.build());

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems().get(0)).contains("res-1", "lost", "commit op");
    }
}
