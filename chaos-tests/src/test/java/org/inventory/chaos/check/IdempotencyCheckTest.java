package org.inventory.chaos.check;

import org.inventory.chaos.check.CheckResult.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.inventory.chaos.check.HistoryBuilder.entry;
import static org.inventory.chaos.check.HistoryBuilder.wall;

class IdempotencyCheckTest {
    private static final String SKU = "chaos-1";

    /** c1's reserve answered at once; c2's timed out and the recovery pass got the same reservation back. */
    private static HistoryBuilder twoCarts() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 2);
        h.reserved(10, 20, "c1", SKU, "c1-1", "res-3", 3000);
        long c2 = h.reserve(11, "c2", SKU, 1, "c2-1");
        h.info(1000, c2, "reason", "timeout");
        h.ok(6000, c2, "reservation_id", "res-4", "expires_at_ms", wall(11) + 3000, "attempts", 2);
        h.ledger(7000, 7010, "tailer", SKU, 0,
                entry(1, "RECEIPT", 2, null, 2, 0, 0),
                entry(3, "HOLD", 1, "res-3", 2, 1, 0),
                entry(4, "HOLD", 1, "res-4", 2, 2, 0));
        return h;
    }

    @Test
    void oneReservationPerKeyPasses() {
        HistoryBuilder h = twoCarts();
        h.finalRead(9000, 9010, "res-3", SKU, 1, "EXPIRED", "c1-1");
        h.finalRead(9000, 9010, "res-4", SKU, 1, "EXPIRED", "c2-1");

        CheckResult r = IdempotencyCheck.check(h.build());

        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.PASS);
        assertThat(r.summary()).contains("0 duplicated", "0 unexplained");
    }

    @Test
    void aReplayReportingAnotherReservationIdFails() {
        HistoryBuilder h = new HistoryBuilder();
        long op = h.reserve(10, "c1", SKU, 1, "c1-1");
        h.ok(20, op, "reservation_id", "res-3", "expires_at_ms", wall(10) + 3000);
        h.ok(6000, op, "reservation_id", "res-9", "expires_at_ms", wall(5000) + 3000); // a late second completion

        CheckResult r = IdempotencyCheck.check(h.build());

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).singleElement().asString()
                .contains("c1-1", "res-3", "res-9", "op " + op + " ok at event 1", "duplicate");
    }

    @Test
    void twoKeysReportingOneReservationIdFail() {
        HistoryBuilder h = new HistoryBuilder();
        h.reserved(10, 20, "c1", SKU, "c1-1", "res-3", 3000);
        h.reserved(11, 21, "c2", SKU, "c2-1", "res-3", 3000);

        CheckResult r = IdempotencyCheck.check(h.build());

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).singleElement().asString().contains("res-3", "2 keys", "c1-1", "c2-1");
    }

    @Test
    void finalReadsSharingACartIdFail() {
        HistoryBuilder h = twoCarts();
        h.finalRead(9000, 9010, "res-3", SKU, 1, "EXPIRED", "c1-1");
        h.finalRead(9000, 9010, "res-4", SKU, 1, "EXPIRED", "c2-1");
        h.finalRead(9000, 9010, "res-7", SKU, 1, "EXPIRED", "c1-1"); // a second reservation for cart c1-1

        CheckResult r = IdempotencyCheck.check(h.build());

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).singleElement().asString()
                .contains("c1-1", "res-3", "res-7", "final read op", "duplicate");
    }

    @Test
    void aHoldNoKeyExplainsIsOnlyCountedUnlessTheFinalReadsCoveredIt() {
        HistoryBuilder h = twoCarts();
        h.reserve(12, "c3", SKU, 1, "c3-1"); // never completed: may be the unexplained hold
        h.ledger(7100, 7110, "tailer", SKU, 4, entry(5, "HOLD", 1, "res-5", 2, 3, 0));
        CheckResult r = IdempotencyCheck.check(h.build());
        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.PASS);
        assertThat(r.summary()).contains("1 unexplained", "res-5");

        h.finalReadNotFound(9000, 9010, "res-5");
        r = IdempotencyCheck.check(h.build());
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).singleElement().asString().contains("phantom", "res-5", "entry 5");
    }

    @Test
    void aReservationForACartNobodyUsedIsAPhantom() {
        HistoryBuilder h = twoCarts();
        h.finalRead(9000, 9010, "res-8", SKU, 1, "HELD", "ghost-1");

        CheckResult r = IdempotencyCheck.check(h.build());

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).singleElement().asString().contains("phantom", "res-8", "ghost-1");
    }

    @Test
    void aReceiptKeyReportingTwoOnHandsFails() {
        HistoryBuilder h = new HistoryBuilder();
        long op = h.invoke(0, "setup", "receipt", "sku", SKU, "quantity", 5, "key", "r-1");
        h.ok(100, op, "on_hand", 5);
        long resent = h.invoke(5000, "s1", "receipt", "sku", SKU, "quantity", 5, "key", "r-1");
        h.ok(5010, resent, "on_hand", 15); // the same key applied again: not a replay of the first result
        long again = h.invoke(0, "setup", "receipt", "sku", SKU, "quantity", 5, "key", "r-2");
        h.ok(200, again, "on_hand", 10);

        CheckResult r = IdempotencyCheck.check(h.build());

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).singleElement().asString()
                .contains("receipt key r-1", "on_hand 5", "on_hand 15", "op " + op + " ok at event", "op " + resent);
    }

    @Test
    void aKeyBothRefusedAndAcknowledgedFails() {
        HistoryBuilder h = new HistoryBuilder();
        long first = h.reserve(10, "c1", SKU, 1, "c1-1");
        h.fail(20, first, "code", "insufficient_stock");
        long second = h.reserve(30, "c1", SKU, 1, "c1-1");
        h.ok(40, second, "reservation_id", "res-3", "expires_at_ms", wall(30) + 3000);

        CheckResult r = IdempotencyCheck.check(h.build());

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).singleElement().asString().contains("c1-1", "insufficient_stock", "res-3");
    }
}
