package org.inventory.chaos.check;

import org.inventory.chaos.check.CheckResult.Verdict;
import org.inventory.chaos.history.Op;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.inventory.chaos.check.HistoryBuilder.entry;

/**
 * The whole checker, as a run uses it ({@link Checks#all}), fed the history of a tiny run that is correct, then the
 * same history with an oversell, a lost acknowledgement and a duplicate reservation in turn: each must turn the
 * verdict to FAIL, through the checks that own that property.
 */
class CheckersCatchViolationsTest {
    private static final String SKU = "chaos-1";

    /**
     * One unit received; c1 reserves it and pays; c2 is refused; the final reads, the ledger and one digest round
     * agree. {@code tamper} changes what the run observed before the final phase is recorded.
     */
    private static List<Op> run(Consumer<HistoryBuilder> tamper, boolean c1Lost) {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 10, SKU, 1);
        h.reserved(100, 120, "c1", SKU, "c1-1", "res-7", 3_000);
        h.committed(200, 220, "c1", "res-7", SKU);
        h.fail(320, h.reserve(300, "c2", SKU, 1, "c2-1"), "code", "insufficient_stock");
        tamper.accept(h);
        if (c1Lost) {
            h.finalReadNotFound(10_000, 10_010, "res-7");
        } else {
            h.finalRead(10_000, 10_010, "res-7", SKU, 1, "COMMITTED", "c1-1");
        }
        return h.build();
    }

    private static Map<String, Verdict> verdicts(List<Op> history) {
        return Checks.all(history, null).stream()
                .collect(Collectors.toMap(CheckResult::name, CheckResult::verdict));
    }

    private static List<Op> correct() {
        return run(h -> {
            h.readSku(10_100, 10_110, "final", SKU, 1, 0, 1);
            h.ledger(10_200, 10_210, "tailer", SKU, 0, entry(1, "RECEIPT", 1, null, 1, 0, 0),
                    entry(2, "HOLD", 1, "res-7", 1, 1, 0), entry(3, "COMMIT", 1, "res-7", 1, 0, 1));
            h.ledger(10_300, 10_310, "tailer", SKU, 3);
            h.digest(10_400, 10_410, "n1", 1, List.of("n1"), 40, "abc");
        }, false);
    }

    @Test
    void theCorrectRunPassesEveryCheck() {
        assertThat(verdicts(correct())).containsEntry("no-oversell", Verdict.PASS)
                .containsEntry("no-lost-ack", Verdict.PASS).containsEntry("idempotency", Verdict.PASS)
                .containsEntry("linearizability", Verdict.PASS).containsEntry("ledger-entries", Verdict.PASS)
                .containsEntry("convergence", Verdict.PASS).containsEntry("expected-responses", Verdict.PASS);
    }

    @Test
    void anOversellIsCaught() {
        // c3 is acknowledged the unit c1 already paid for
        List<Op> history = run(h -> {
            h.reserved(400, 420, "c3", SKU, "c3-1", "res-9", 3_000);
            h.committed(500, 520, "c3", "res-9", SKU);
            h.finalRead(10_050, 10_060, "res-9", SKU, 1, "COMMITTED", "c3-1");
            h.readSku(10_100, 10_110, "final", SKU, 1, 0, 2);
        }, false);

        Map<String, Verdict> v = verdicts(history);
        assertThat(v).containsEntry("no-oversell", Verdict.FAIL).containsEntry("linearizability", Verdict.FAIL);
    }

    @Test
    void aLostAcknowledgementIsCaught() {
        List<Op> history = run(h -> h.readSku(10_100, 10_110, "final", SKU, 1, 0, 0), true);

        assertThat(verdicts(history)).containsEntry("no-lost-ack", Verdict.FAIL);
    }

    @Test
    void aDuplicateReservationFromOneKeyIsCaught() {
        // c1's key produced a second reservation (as a retry applied twice would), which then expired unseen
        List<Op> history = run(h -> {
            h.finalRead(10_050, 10_060, "res-8", SKU, 1, "EXPIRED", "c1-1");
            h.readSku(10_100, 10_110, "final", SKU, 1, 0, 1);
        }, false);

        assertThat(verdicts(history)).containsEntry("idempotency", Verdict.FAIL);
    }
}
