package org.inventory.chaos;

import org.inventory.chaos.check.CheckResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chaos suite. By default a short run (about two and a half minutes of faults under load, five nodes); with
 * {@code -Pchaos -Dchaos.duration=PT10M -Dchaos.seed=N} a long one. The report of every run is in
 * {@code chaos-tests/target/chaos/<run>/report.md}.
 */
class ChaosIT {

    @Test
    void lastUnitRacesSurviveKillsPausesPartitionsAndMembershipChanges() throws Exception {
        ChaosRun.Outcome outcome = ChaosRun.run(ChaosSettings.fromSystemProperties());

        assertThat(outcome.results())
                .as("checks of %s (report.md there)", outcome.dir().toAbsolutePath())
                .allSatisfy(r -> assertThat(r.verdict()).as(r.name() + ": " + r.summary() + " " + r.problems())
                        .isEqualTo(CheckResult.Verdict.PASS));
        assertThat(String.join("\n", outcome.faults()))
                .as("the schedule plays every kind of fault")
                .contains("kill", "pause", "partition-", "membership", "transfer-leader");
    }
}
