package org.inventory.chaos.check;

import org.inventory.chaos.check.CheckResult.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.inventory.chaos.check.HistoryBuilder.entry;

class LedgerChainCheckTest {
    private static final String SKU = "chaos-1";

    /** Stock 2, one reservation committed, another expired; the tailer reads it all in two pages. */
    private static HistoryBuilder committedAndExpired() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 2);
        h.reserved(10, 20, "c1", SKU, "c1-1", "res-3", 3000);
        h.committed(100, 110, "c1", "res-3", SKU);
        h.reserved(200, 210, "c2", SKU, "c2-1", "res-9", 3000);
        h.ledger(300, 310, "tailer", SKU, 0,
                entry(1, "RECEIPT", 2, null, 2, 0, 0),
                entry(3, "HOLD", 1, "res-3", 2, 1, 0),
                entry(5, "COMMIT", 1, "res-3", 2, 0, 1),
                entry(9, "HOLD", 1, "res-9", 2, 1, 1));
        h.ledger(3300, 3310, "tailer", SKU, 9,
                entry(12, "EXPIRY", 1, "res-9", 2, 0, 1));
        return h;
    }

    @Test
    void aChainThatFollowsPasses() {
        HistoryBuilder h = committedAndExpired();
        h.ledger(3400, 3410, "tailer", SKU, 12); // nothing more: the capture reaches the end
        h.readSku(9000, 9010, "final", SKU, 2, 0, 1);
        h.ledger(9100, 9110, "final", SKU, 12);

        CheckResult r = LedgerChainCheck.check(h.build());

        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.PASS);
        assertThat(r.name()).isEqualTo("ledger-entries");
        assertThat(r.summary()).contains("5 ledger entries", "compared with the ledger: 1");
    }

    @Test
    void aBreakBetweenEntriesOfOnePageFails() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 2);
        h.ledger(300, 310, "tailer", SKU, 0,
                entry(1, "RECEIPT", 2, null, 2, 0, 0),
                entry(3, "HOLD", 1, "res-3", 2, 1, 0),
                entry(5, "COMMIT", 1, "res-3", 2, 1, 1)); // held should have dropped to 0

        CheckResult r = LedgerChainCheck.check(h.build());

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).singleElement().asString()
                .contains("sku " + SKU, "entry 5 COMMIT", "entry 3 HOLD", "expected on_hand 2, held 0, committed 1",
                        "ledger op", "event 3");
    }

    @Test
    void aBreakAcrossPagesIsAFailureWhenThePageWasShort() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 2);
        h.ledger(300, 310, "tailer", SKU, 0,
                entry(1, "RECEIPT", 2, null, 2, 0, 0),
                entry(3, "HOLD", 1, "res-3", 2, 1, 0));
        // one entry after 3, far fewer than the window holds: nothing after 3 can have fallen out, so a RELEASE of
        // res-3 cannot be hiding in between and held must have been 2
        h.ledger(400, 410, "tailer", SKU, 3,
                entry(8, "HOLD", 1, "res-8", 2, 1, 0));

        CheckResult r = LedgerChainCheck.check(h.build());

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).singleElement().asString().contains("entry 8");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBreakBeforeAFullWindowIsOnlyAPossibleGap() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 2);
        h.ledger(300, 310, "tailer", SKU, 0,
                entry(1, "RECEIPT", 2, null, 2, 0, 0),
                entry(3, "HOLD", 1, "res-3", 2, 1, 0));
        // a page as long as the window: entries after 3 may have fallen out before it was read
        java.util.List<java.util.Map<String, Object>> full = new java.util.ArrayList<>();
        for (int i = 0; i < LedgerChainCheck.WINDOW; i++) {
            full.add(entry(100 + i, "RECEIPT", 1, null, 3 + i, 0, 0));
        }
        h.ledger(400, 410, "tailer", SKU, 3, full.toArray(new java.util.Map[0]));

        CheckResult r = LedgerChainCheck.check(h.build());

        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.problems()).singleElement().asString().contains("gap?", "entry 100", "entry 3");
    }

    @Test
    void theFirstEntryMustStartFromZerosWhenProvablyTheFirst() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 2);
        h.ledger(300, 310, "tailer", SKU, 0, entry(1, "RECEIPT", 2, null, 3, 0, 0));

        CheckResult r = LedgerChainCheck.check(h.build());

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).singleElement().asString().contains("zeros", "entry 1");
    }

    @Test
    void theFirstEntryIsNotJudgedWhenEarlierOnesMayHaveFallenOut() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 1000);
        for (int i = 0; i < 130; i++) { // up to 260 entries: more than the server keeps
            h.reserved(10 + i, 11 + i, "c1", SKU, "c1-" + i, "res-" + (10 + i), 3000);
        }
        h.ledger(300, 310, "tailer", SKU, 0, entry(40, "HOLD", 1, "res-40", 1000, 7, 0));

        CheckResult r = LedgerChainCheck.check(h.build());

        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.PASS);
    }

    @Test
    void twoReadsOfOneEntryMustAgree() {
        HistoryBuilder h = new HistoryBuilder();
        h.ledger(300, 310, "tailer", SKU, 0, entry(1, "RECEIPT", 2, null, 2, 0, 0));
        h.ledger(400, 410, "final", SKU, 0, entry(1, "RECEIPT", 3, null, 3, 0, 0));

        CheckResult r = LedgerChainCheck.check(h.build());

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).singleElement().asString().contains("entry 1 read differently");
    }

    @Test
    void aFinalReadSkuDisagreeingWithTheLedgersEndFails() {
        HistoryBuilder h = committedAndExpired();
        h.readSku(9000, 9010, "final", SKU, 2, 1, 1); // the expiry of res-9 is missing from the read
        h.ledger(9100, 9110, "final", SKU, 12);

        CheckResult r = LedgerChainCheck.check(h.build());

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).singleElement().asString()
                .contains("final read-sku", "on_hand 2, held 1, committed 1", "entry 12 EXPIRY");
    }

    @Test
    void aFinalReadSkuIsNotComparedWhenTheCaptureMayNotReachTheEnd() {
        HistoryBuilder h = committedAndExpired();
        h.readSku(9000, 9010, "final", SKU, 2, 1, 1);
        // no empty ledger page after the read: entries after 12 may exist

        CheckResult r = LedgerChainCheck.check(h.build());

        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.PASS);
        assertThat(r.summary()).contains("not comparable (capture not proven complete): 1");
    }

    @Test
    void aFinalReadSkuMayShowAnyStateBetweenWhatExistedBeforeItAndTheEnd() {
        HistoryBuilder h = new HistoryBuilder();
        h.receipt(0, 5, SKU, 2);
        h.ledger(300, 310, "tailer", SKU, 0,
                entry(1, "RECEIPT", 2, null, 2, 0, 0),
                entry(3, "HOLD", 1, "res-3", 2, 1, 0));
        h.readSku(9000, 9010, "final", SKU, 2, 1, 0); // before the expiry below was booked
        h.ledger(9100, 9110, "final", SKU, 0,
                entry(1, "RECEIPT", 2, null, 2, 0, 0),
                entry(3, "HOLD", 1, "res-3", 2, 1, 0),
                entry(4, "EXPIRY", 1, "res-3", 2, 0, 0));
        h.ledger(9200, 9210, "final", SKU, 4);

        CheckResult r = LedgerChainCheck.check(h.build());

        assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.PASS);
        assertThat(r.summary()).contains("compared with the ledger: 1");
    }
}
