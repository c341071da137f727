package org.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.inventory.ledger.proto.AdjustmentReason;
import org.junit.jupiter.api.Test;

class LedgerCountersTest {

    @Test
    void countsWhatHappened() {
        TestLedger t = new TestLedger();
        t.stock("s", 5);
        String a = t.reserveOk("a", "s", 2);
        t.ok(Commands.keyed("k", Commands.reserve("b", Commands.line("s", 1))));
        t.run(Commands.keyed("k", Commands.reserve("b", Commands.line("s", 1)))); // replay
        t.run(Commands.reserve("c", Commands.line("s", 3)));                        // not enough left
        t.ok(Commands.commit(a));
        t.ok(Commands.commit(a));                                                   // no-op: not counted again
        t.ok(Commands.adjust("s", -1, AdjustmentReason.DAMAGED));
        t.ok(Commands.reconcile("s", 6, "wms"));
        t.advanceSeconds(601);
        t.ok(Commands.tick());                                                      // b's hold expires

        LedgerCounters.Snapshot c = t.ledger.counters();
        assertThat(c.reservationsCreated()).isEqualTo(2);
        assertThat(c.reservationsRefusedInsufficientStock()).isEqualTo(1);
        assertThat(c.idempotentReplays()).isEqualTo(1);
        assertThat(c.committed()).isEqualTo(1);
        assertThat(c.expired()).isEqualTo(1);
        assertThat(c.unitsAdjustedByReason()).containsEntry(AdjustmentReason.DAMAGED, 1L)
                .containsEntry(AdjustmentReason.RECONCILIATION, 2L);
        assertThat(t.ledger.unitsHeld()).isZero();
    }
}
