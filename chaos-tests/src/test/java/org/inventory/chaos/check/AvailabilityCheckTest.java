package org.inventory.chaos.check;

import org.inventory.chaos.check.CheckResult.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AvailabilityCheckTest {
    private static final String SKU = "chaos-1";

    @Test
    void recoveryTimesAreMeasuredFromTheFaultToTheFirstWriteInvokedAfterIt() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 10);
        long kill = h.fault(1000, 1010, 4000, 4500, "kill", true, "n1");
        h.reserved(990, 1800, "c1", SKU, "c1-1", "res-3", 3000); // in flight before the kill: not counted
        h.reserve(1100, "c2", SKU, 1, "c2-1"); // never answered
        h.reserved(1200, 1500, "c3", SKU, "c3-1", "res-4", 3000);
        h.fault(5000, 5010, 6000, 6010, "pause", true, "n2");
        h.committed(5050, 5300, "c3", "res-4", SKU);
        h.fault(7000, 7010, 8000, 8010, "kill", false, "n3"); // a follower: not a leader fault

        List<AvailabilityCheck.LeaderFault> faults = AvailabilityCheck.leaderFaults(h.build());
        CheckResult r = AvailabilityCheck.check(h.build());

        assertThat(faults).hasSize(2);
        assertThat(faults.get(0).kind()).isEqualTo("kill");
        assertThat(faults.get(0).faultOp()).isEqualTo(kill);
        assertThat(faults.get(0).recoveryMs()).as("from the kill in place (1010) to c3's ok").isEqualTo(490.0);
        assertThat(faults.get(1).kind()).isEqualTo("pause");
        assertThat(faults.get(1).recoveryMs()).isEqualTo(290.0);
        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.PASS);
        assertThat(r.summary()).contains("2 leader fault(s)", "kill: n=1 min 490 ms, median 490 ms, max 490 ms",
                "pause: n=1 min 290 ms");
    }

    @Test
    void aLeaderKillAfterWhichNoWriteEverSucceedsFails() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 10);
        long kill = h.fault(1000, 1010, 4000, 4500, "kill", true, "n1");
        h.info(3000, h.reserve(1100, "c2", SKU, 1, "c2-1"), "reason", "timeout");
        h.fail(5100, h.reserve(5000, "c3", SKU, 1, "c3-1"), "code", "insufficient_stock");

        CheckResult r = AvailabilityCheck.check(h.build());

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).singleElement().asString().contains("leader kill op " + kill, "none succeeded");
        assertThat(AvailabilityCheck.leaderFaults(h.build()).get(0).recovered()).isFalse();
    }

    @Test
    void aFaultAfterWhichNoWriteWasTriedIsOnlyListed() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 10);
        h.fault(1000, 1010, 4000, 4500, "kill", true, "n1");

        CheckResult r = AvailabilityCheck.check(h.build());

        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.summary()).contains("no write tried after");
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(AvailabilityCheck.stats(List.of(400.0, 100.0, 200.0, 900.0)))
                .isEqualTo("n=4 min 100 ms, median 300 ms, max 900 ms");
    }
}
