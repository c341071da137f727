package org.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.inventory.ledger.proto.LedgerEntryType;
import org.junit.jupiter.api.Test;

class LedgerEntriesTest {

    @Test
    void ledgerIndexesAreSharedAcrossSkusAndPagesFollowThem() {
        TestLedger t = new TestLedger();
        t.stock("a", 1);
        t.stock("b", 1);
        for (int i = 0; i < 5; i++) {
            t.ok(Commands.receive("a", 1));
        }
        var first = t.ledger.ledgerEntries("a", 0, 4).orElseThrow();
        assertThat(first.entries()).extracting(LedgerEntry::ledgerIndex).containsExactly(1L, 3L, 4L, 5L);
        assertThat(first.next()).isEqualTo(5);
        var second = t.ledger.ledgerEntries("a", first.next(), 4).orElseThrow();
        assertThat(second.entries()).extracting(LedgerEntry::ledgerIndex).containsExactly(6L, 7L);
        assertThat(second.next()).isZero();
        assertThat(t.ledger.ledgerEntries("b", 0, 10).orElseThrow().entries()).extracting(LedgerEntry::ledgerIndex)
                .containsExactly(2L);
        assertThat(t.ledger.ledgerEntries("ghost", 0, 10)).isEmpty();
    }

    @Test
    void multiLineReservationsBookOneEntryPerLineUnderOneLogIndex() {
        TestLedger t = new TestLedger();
        t.stock("a", 3);
        t.stock("b", 3);
        t.ok(Commands.reserve("c", Commands.line("a", 1), Commands.line("b", 2)));
        LedgerEntry a = t.ledger.ledgerEntries("a", 1, 10).orElseThrow().entries().get(0);
        LedgerEntry b = t.ledger.ledgerEntries("b", 2, 10).orElseThrow().entries().get(0);
        assertThat(a.logIndex()).isEqualTo(b.logIndex()).isEqualTo(t.index);
        assertThat(a.ledgerIndex()).isNotEqualTo(b.ledgerIndex());
        assertThat(a.reservationId()).isEqualTo(b.reservationId()).isEqualTo(ReservationIds.of(t.index, 0));
        assertThat(b.quantity()).isEqualTo(2);
        assertThat(b.heldAfter()).isEqualTo(2);
    }

    @Test
    void oldEntriesFoldIntoTheOpeningBalance() {
        TestLedger t = new TestLedger(new LedgerSettings(1000, 1000, 4));
        t.stock("s", 10);
        for (int i = 0; i < 3; i++) {
            t.ok(Commands.commit(t.reserveOk("c" + i, "s", 1)));
        }
        var entries = t.ledger.ledgerEntries("s", 0, 100).orElseThrow().entries();
        assertThat(entries).hasSize(4);
        assertThat(entries.get(0).type()).isEqualTo(LedgerEntryType.HOLD);
        long[] opening = t.ledger.openingBalance("s").orElseThrow();
        // receipt, hold c0, commit c0 were dropped: the opening balance is the totals after that commit
        assertThat(opening).containsExactly(10, 0, 1);
        var last = entries.get(entries.size() - 1);
        var sku = t.ledger.sku("s").orElseThrow();
        assertThat(new long[] {last.onHandAfter(), last.heldAfter(), last.committedAfter()})
                .containsExactly(sku.getOnHand(), sku.getHeld(), sku.getCommitted());
    }

    @Test
    void anUnboundedLimitReturnsEverythingRetained() {
        TestLedger t = new TestLedger();
        t.stock("a", 1);
        t.ok(Commands.receive("a", 1));
        var page = t.ledger.ledgerEntries("a", 0, Integer.MAX_VALUE).orElseThrow();
        assertThat(page.entries()).hasSize(2);
        assertThat(page.next()).isZero();
    }

    @Test
    void limitMustBePositive() {
        TestLedger t = new TestLedger();
        t.stock("a", 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.ledger.ledgerEntries("a", 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
