package org.inventory.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.inventory.chaos.check.CheckResult.Verdict;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckTest {
    private static final String SKU = "chaos-1";
    private static final long BUDGET = 1_000_000;

    private static CheckResult check(TestHistory h) {
        CheckResult r = LinearizabilityCheck.check(h.events(), BUDGET);
        System.out.println(r.verdict() + " " + r.summary());
        r.problems().forEach(p -> System.out.println("  " + p));
        return r;
    }

    @Test
    void validConcurrentHistoryPasses() {
        TestHistory h = new TestHistory();
        h.receipt(SKU, 2, 2);
        long a = h.invokeReserve("c1", SKU, 1, 3);
        long b = h.invokeReserve("c2", SKU, 1, 3);
        long read = h.invokeRead("c3", SKU);
        h.reserveOk(b, "res-b");
        h.readOk(read, 2, 1, 0); // saw b's hold, not yet a's
        h.reserveOk(a, "res-a");
        long commit = h.invokeCommit("c1", SKU, "res-a", 1);
        long release = h.invokeRelease("c2", SKU, "res-b", 1);
        h.ok(release, "state", "RELEASED");
        h.ok(commit, "state", "COMMITTED");
        h.read("c3", SKU, 2, 0, 1);

        CheckResult r = check(h);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.name()).isEqualTo("linearizability");
        assertThat(r.summary()).startsWith("1 SKU, 7 operations");
    }

    @Test
    void twoReservationsOfTheLastUnitIsAnOversell() {
        TestHistory h = new TestHistory();
        h.receipt(SKU, 1, 1);
        long a = h.invokeReserve("c1", SKU, 1, 3);
        long b = h.invokeReserve("c2", SKU, 1, 3);
        h.reserveOk(a, "res-a");
        h.reserveOk(b, "res-b");

        CheckResult r = check(h);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).singleElement().asString()
                .contains("SKU chaos-1 is not linearizable")
                .contains("op " + b + " (c2 reserve") // the second one to complete is the one that cannot be placed
                .contains("on_hand=1 held=1 committed=0");
    }

    @Test
    void readShowingAHoldNoOrderAllowsFails() {
        TestHistory h = new TestHistory();
        h.receipt(SKU, 5, 5);
        h.reserve("c1", SKU, 2, "res-a");
        long read = h.read("c2", SKU, 5, 3, 0); // only 2 were ever held

        CheckResult r = check(h);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).singleElement().asString().contains("op " + read + " (c2 read-sku");
    }

    @Test
    void commitAfterTheReleaseCompletedIsATransitionBackwards() {
        TestHistory h = new TestHistory();
        h.receipt(SKU, 3, 3);
        h.reserve("c1", SKU, 1, "res-a");
        long release = h.invokeRelease("c1", SKU, "res-a", 1);
        h.ok(release, "state", "RELEASED");
        long commit = h.invokeCommit("c2", SKU, "res-a", 1);
        h.ok(commit, "state", "COMMITTED");

        CheckResult r = check(h);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).singleElement().asString().contains("res-a");
    }

    @Test
    void expiryObservedBeforeExpiresAtCouldBeReachedFails() {
        TestHistory h = new TestHistory();
        h.receipt(SKU, 3, 3);
        h.reserve("c1", SKU, 1, "res-a"); // ttl 3 s
        h.sleep(1_000);
        long commit = h.invokeCommit("c1", SKU, "res-a", 1);
        h.fail(commit, "code", "invalid_transition", "state", "EXPIRED");

        CheckResult r = check(h);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).singleElement().asString()
                .contains("res-a").contains("op " + commit).contains("cannot have expired yet");
    }

    @Test
    void expiryObservedAfterExpiresAtPasses() {
        TestHistory h = new TestHistory();
        h.receipt(SKU, 1, 1);
        h.reserve("c1", SKU, 1, "res-a");
        h.read("c9", SKU, 1, 1, 0);
        h.sleep(3_000);
        long read = h.invokeRead("c9", SKU);
        long commit = h.invokeCommit("c1", SKU, "res-a", 1);
        h.fail(commit, "code", "invalid_transition", "state", "EXPIRED");
        h.readOk(read, 1, 0, 0);
        h.reserve("c2", SKU, 1, "res-b"); // the expired unit is available again

        CheckResult r = check(h);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.summary()).contains("1 synthesized expiries");
    }

    @Test
    void holdNobodyReleasedMayExpireUnseen() {
        TestHistory h = new TestHistory();
        h.receipt(SKU, 1, 1);
        h.reserve("c1", SKU, 1, "res-a"); // abandoned
        h.sleep(3_500);
        h.read("c9", SKU, 1, 0, 0);
        h.reserve("c2", SKU, 1, "res-b");
        assertThat(check(h).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void holdGoneBeforeItsDeadlineFails() {
        TestHistory h = new TestHistory();
        h.receipt(SKU, 1, 1);
        h.reserve("c1", SKU, 1, "res-a"); // abandoned, but cannot expire for 3 s
        h.sleep(1_000);
        long read = h.read("c9", SKU, 1, 0, 0);
        CheckResult r = check(h);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).singleElement().asString().contains("op " + read);
    }

    @Test
    void indeterminateReserveSeenByALaterReadPasses() {
        TestHistory h = new TestHistory();
        h.receipt(SKU, 2, 2);
        long lost = h.invokeReserve("c1", SKU, 1, 3);
        h.info(lost);
        h.read("c2", SKU, 2, 1, 0); // it took effect
        h.reserve("c3", SKU, 1, "res-b");
        long refused = h.invokeReserve("c4", SKU, 1, 3);
        h.fail(refused, "code", "insufficient_stock");
        CheckResult r = check(h);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void indeterminateReserveNeverSeenPasses() {
        TestHistory h = new TestHistory();
        h.receipt(SKU, 2, 2);
        long lost = h.invokeReserve("c1", SKU, 1, 3); // no completion at all
        h.read("c2", SKU, 2, 0, 0);
        h.reserve("c3", SKU, 2, "res-b"); // needs both units: the lost one never happened
        assertThat(check(h).verdict()).isEqualTo(Verdict.PASS);
        assertThat(lost).isPositive();
    }

    @Test
    void indeterminateReserveThatTookEffectMayLaterExpireUnseen() {
        TestHistory h = new TestHistory();
        h.receipt(SKU, 1, 1);
        long lost = h.invokeReserve("c1", SKU, 1, 3);
        h.info(lost);
        h.read("c2", SKU, 1, 1, 0); // it took effect
        h.sleep(3_500);
        h.read("c2", SKU, 1, 0, 0); // and expired
        h.reserve("c3", SKU, 1, "res-b");
        assertThat(check(h).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void concurrencyWhereOnlyOneOrderWorksPasses() {
        TestHistory h = new TestHistory();
        h.receipt(SKU, 1, 1);
        h.reserve("c0", SKU, 1, "res-a");
        // all three overlap; only release, read, reserve explains them
        long reserve = h.invokeReserve("c1", SKU, 1, 3);
        long read = h.invokeRead("c2", SKU);
        long release = h.invokeRelease("c0", SKU, "res-a", 1);
        h.reserveOk(reserve, "res-b");
        h.readOk(read, 1, 0, 0);
        h.ok(release, "state", "RELEASED");
        assertThat(check(h).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void thatOrderIsNotAvailableWhenTheReadCompletesFirst() {
        TestHistory h = new TestHistory();
        h.receipt(SKU, 1, 1);
        h.reserve("c0", SKU, 1, "res-a");
        long read = h.invokeRead("c2", SKU);
        h.readOk(read, 1, 0, 0); // before the release was even invoked
        long release = h.invokeRelease("c0", SKU, "res-a", 1);
        h.ok(release, "state", "RELEASED");
        assertThat(check(h).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void indeterminateCommitMayHaveHappened() {
        TestHistory h = new TestHistory();
        h.receipt(SKU, 2, 2);
        h.reserve("c1", SKU, 1, "res-a");
        long commit = h.invokeCommit("c1", SKU, "res-a", 1);
        h.info(commit);
        h.read("c2", SKU, 2, 0, 1);
        long again = h.invokeCommit("c1", SKU, "res-a", 1);
        h.ok(again, "state", "COMMITTED");
        assertThat(check(h).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void recoveryCompletionAfterInfoCounts() {
        TestHistory h = new TestHistory();
        long receipt = h.invoke("setup", "receipt", "sku", SKU, "quantity", 5, "key", "k1");
        h.info(receipt);
        h.read("c2", SKU, 0, 0, 0);
        h.ok(receipt, "on_hand", 5); // the recovery pass got the answer
        h.read("c2", SKU, 5, 0, 0);
        assertThat(check(h).verdict()).isEqualTo(Verdict.PASS);

        TestHistory wrong = new TestHistory();
        long r2 = wrong.invoke("setup", "receipt", "sku", SKU, "quantity", 5, "key", "k1");
        wrong.info(r2);
        wrong.ok(r2, "on_hand", 6); // no state gives 6
        assertThat(check(wrong).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void adjustmentsFollowTheReservedFloor() {
        TestHistory h = new TestHistory();
        h.receipt(SKU, 3, 3);
        h.reserve("c1", SKU, 2, "res-a");
        long refused = h.invoke("s1", "adjust", "sku", SKU, "delta", -2, "key", "a1");
        h.fail(refused, "code", "would_go_negative"); // 1 left < 2 held
        long ok = h.invoke("s1", "adjust", "sku", SKU, "delta", -1, "key", "a2");
        h.ok(ok, "on_hand", 2);
        assertThat(check(h).verdict()).isEqualTo(Verdict.PASS);

        TestHistory bad = new TestHistory();
        bad.receipt(SKU, 3, 3);
        bad.reserve("c1", SKU, 2, "res-a");
        long tooMuch = bad.invoke("s1", "adjust", "sku", SKU, "delta", -2, "key", "a1");
        bad.ok(tooMuch, "on_hand", 1);
        assertThat(check(bad).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void reservesFollowTheLedgerClock() {
        TestHistory h = new TestHistory();
        h.receipt(SKU, 5, 5);
        long a = h.invokeReserve("c1", SKU, 1, 3);
        h.ok(a, "reservation_id", "res-a", "expires_at_ms", h.now() + 3_000, "attempts", 1); // made now
        h.sleep(1_000);
        long b = h.invokeReserve("c2", SKU, 1, 3);
        // made 500 ms before res-a, by the ledger's clock: so applied before it, yet invoked after it completed
        h.ok(b, "reservation_id", "res-b", "expires_at_ms", h.now() - 1_500 + 3_000, "attempts", 1);
        CheckResult r = check(h);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.problems()).singleElement().asString().contains("op " + b);
    }

    @Test
    void aReserveMadeAfterADeadlineComesAfterThatExpiry() {
        for (long heldSeen : new long[] {1, 2}) {
            TestHistory h = new TestHistory();
            h.receipt(SKU, 5, 5);
            long a = h.invokeReserve("c1", SKU, 1, 1);
            h.reserveOk(a, "res-a"); // abandoned: due in 1 s
            h.sleep(1_500);
            h.reserve("c2", SKU, 1, "res-b"); // made after res-a was due: res-a expired first
            h.read("c3", SKU, 5, heldSeen, 0);
            CheckResult r = check(h);
            assertThat(r.verdict()).as("held %d", heldSeen).isEqualTo(heldSeen == 1 ? Verdict.PASS : Verdict.FAIL);
        }
    }

    @Test
    void budgetOfOneStepIsUnknown() {
        TestHistory h = new TestHistory();
        h.receipt(SKU, 2, 2);
        h.reserve("c1", SKU, 1, "res-a");
        h.read("c2", SKU, 2, 1, 0);
        CheckResult r = LinearizabilityCheck.check(h.events(), 1);
        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.problems()).singleElement().asString().contains("SKU chaos-1").contains("budget of 1 steps");
    }

    @Test
    void opLackingWhatTheModelNeedsMakesItsSkuUnknown() {
        TestHistory h = new TestHistory();
        h.receipt(SKU, 2, 2);
        long read = h.invokeRead("c2", SKU);
        h.ok(read, "on_hand", 2);
        h.receipt("other", 1, 1);
        CheckResult r = check(h);
        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.problems()).singleElement().asString().contains("lacks on_hand, held and committed");
    }

    @Test
    void commitOfAReservationNoReserveReturnedIsUnknown() {
        TestHistory h = new TestHistory();
        h.receipt(SKU, 2, 2);
        long commit = h.invokeCommit("c1", SKU, "res-x", 1);
        h.ok(commit, "state", "COMMITTED");
        CheckResult r = check(h);
        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.problems()).singleElement().asString().contains("res-x");
    }

    @Test
    void otherOperationsAreIgnoredAndSkusAreIndependent() {
        TestHistory h = new TestHistory();
        long start = h.invoke("nemesis", "start", "kind", "kill", "nodes", List.of("n1"));
        h.receipt("a", 1, 1);
        h.receipt("b", 1, 1);
        h.reserve("c1", "a", 1, "res-a");
        h.reserve("c2", "b", 1, "res-b"); // would oversell if both were one SKU
        h.ok(start, "kind", "kill");
        long ledger = h.invoke("tailer", "ledger", "sku", "a", "after", 0);
        h.ok(ledger, "entries", List.of());
        CheckResult r = check(h);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.summary()).startsWith("2 SKUs, 4 operations");
    }
}
