package org.inventory.chaos.check;

import org.inventory.chaos.check.CheckResult.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConvergenceCheckTest {
    private static final List<String> NODES = List.of("n1", "n2", "n3");

    @Test
    void aLastRoundWhereAllAgreePassesWhateverEarlierRoundsShowed() {
        HistoryBuilder h = new HistoryBuilder();
        h.digest(9000, 9010, "n1", 1, NODES, 500, "aaa");
        h.digest(9000, 9010, "n2", 1, NODES, 480, "bbb"); // still catching up
        h.digest(9000, 9010, "n3", 1, NODES, 500, "aaa");
        h.digest(9500, 9510, "n1", 2, NODES, 500, "aaa");
        h.digest(9500, 9510, "n2", 2, NODES, 500, "aaa");
        h.digest(9500, 9510, "n3", 2, NODES, 500, "aaa");

        CheckResult r = ConvergenceCheck.check(h.build());

        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.PASS);
        assertThat(r.summary()).contains("round 2", "3 ok of 3", "1 distinct");
    }

    @Test
    void digestsThatDifferFail() {
        HistoryBuilder h = new HistoryBuilder();
        h.digest(9500, 9510, "n1", 2, NODES, 500, "aaa");
        h.digest(9500, 9510, "n2", 2, NODES, 500, "ccc");
        h.digest(9500, 9510, "n3", 2, NODES, 500, "aaa");

        CheckResult r = ConvergenceCheck.check(h.build());

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).singleElement().asString()
                .contains("round 2", "differ", "n1: applied_index 500, digest aaa", "n2: applied_index 500, digest ccc");
    }

    @Test
    void aNodeWithoutAnOkAnswerFails() {
        HistoryBuilder h = new HistoryBuilder();
        h.digest(9500, 9510, "n1", 1, NODES, 500, "aaa");
        h.digest(9500, 9510, "n2", 1, NODES, 500, "aaa");
        long n3 = h.invokeOn(9500, "final", "n3", "digest", "round", 1, "nodes", NODES);
        h.info(9600, n3, "reason", "connection refused");

        CheckResult r = ConvergenceCheck.check(h.build());

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).singleElement().asString().contains("no ok answer from [n3]", "n3: info");
    }

    @Test
    void noDigestsIsUnknown() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, "chaos-1", 1);

        assertThat(ConvergenceCheck.check(h.build()).verdict()).isEqualTo(Verdict.UNKNOWN);
    }
}
