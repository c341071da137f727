package org.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.inventory.ledger.proto.LedgerEntryType;
import org.inventory.ledger.proto.ReservationState;

/**
 * The invariants of contract.md §2, checked over the whole state with figures recomputed independently of the
 * code under test (its own table of what each ledger entry type does to the totals).
 */
final class LedgerInvariants {
    private LedgerInvariants() {
    }

    /** {on_hand, held, committed} deltas of one entry, written out again here rather than taken from Sku. */
    static long[] effect(LedgerEntryType type, long q) {
        return switch (type) {
            case RECEIPT, ADJUSTMENT -> new long[] {q, 0, 0};
            case HOLD -> new long[] {0, q, 0};
            case COMMIT -> new long[] {0, -q, q};
            case RELEASE, EXPIRY -> new long[] {0, -q, 0};
            case CANCEL -> new long[] {0, 0, -q};
            case FULFIL -> new long[] {-q, 0, -q};
            default -> throw new AssertionError("unexpected entry type " + type);
        };
    }

    static void check(Ledger ledger) {
        LedgerState s = ledger.state();
        Map<Sku, long[]> live = new HashMap<>();
        Map<String, Map<Sku, Long>> perCustomer = new HashMap<>();
        for (Reservation r : s.reservations.values()) {
            assertThat(r.skus.length).isEqualTo(r.quantities.length).isPositive();
            if (r.state == ReservationState.HELD) {
                assertThat(r.expiresAtMs).as("%s is HELD past its deadline", r.id).isGreaterThan(s.nowMs);
            }
            if (!r.isLive()) {
                assertThat(r.updatedAtMs).as("ended reservation kept past retention")
                        .isGreaterThanOrEqualTo(s.nowMs - s.settings.terminalReservationRetentionMs());
                continue;
            }
            for (int i = 0; i < r.skus.length; i++) {
                assertThat(s.skus.get(r.skus[i].name)).isSameAs(r.skus[i]);
                assertThat(r.quantities[i]).isPositive();
                live.computeIfAbsent(r.skus[i], k -> new long[2])[r.state == ReservationState.HELD ? 0 : 1] += r.quantities[i];
                perCustomer.computeIfAbsent(r.customer.id, k -> new HashMap<>()).merge(r.skus[i], r.quantities[i], Long::sum);
            }
        }
        for (Sku sku : s.skus.values()) {
            String name = sku.name;
            assertThat(sku.onHand).as("%s on_hand", name).isNotNegative();
            assertThat(sku.held).as("%s held", name).isNotNegative();
            assertThat(sku.committed).as("%s committed", name).isNotNegative();
            assertThat(sku.held + sku.committed).as("%s held + committed <= on_hand + backorder_limit", name)
                    .isLessThanOrEqualTo(sku.onHand + sku.backorderLimit);
            long[] held = live.getOrDefault(sku, new long[2]);
            assertThat(held[0]).as("%s held == sum of HELD reservations (no unit held twice)", name).isEqualTo(sku.held);
            assertThat(held[1]).as("%s committed == sum of COMMITTED reservations", name).isEqualTo(sku.committed);

            long onHand = sku.window.openingOnHand(), h = sku.window.openingHeld(), c = sku.window.openingCommitted();
            long previousIndex = 0;
            List<LedgerEntry> entries = sku.window.after(0, Integer.MAX_VALUE);
            for (LedgerEntry e : entries) {
                long[] d = effect(e.type(), e.quantity());
                onHand += d[0];
                h += d[1];
                c += d[2];
                assertThat(new long[] {e.onHandAfter(), e.heldAfter(), e.committedAfter()})
                        .as("%s entry %d totals-after follow from the entries before it", name, e.ledgerIndex())
                        .containsExactly(onHand, h, c);
                assertThat(e.ledgerIndex()).isGreaterThan(previousIndex).isLessThanOrEqualTo(s.lastLedgerIndex);
                assertThat(e.atMs()).isLessThanOrEqualTo(s.nowMs);
                previousIndex = e.ledgerIndex();
            }
            assertThat(new long[] {onHand, h, c}).as("%s totals == opening balance + ledger entries", name)
                    .containsExactly(sku.onHand, sku.held, sku.committed);
            assertThat(entries.size()).isLessThanOrEqualTo(s.settings.ledgerEntriesPerSku());
        }
        for (var customer : perCustomer.entrySet()) {
            CustomerAccount account = s.customers.accountFor(customer.getKey());
            for (var bySku : customer.getValue().entrySet()) {
                assertThat(account.liveQuantity(bySku.getKey())).as("customer %s live quantity of %s",
                        customer.getKey(), bySku.getKey().name).isEqualTo(bySku.getValue());
            }
        }
        assertThat(s.customers.size()).as("accounts of customers holding nothing are dropped").isEqualTo(perCustomer.size());
        long[] previous = {Long.MIN_VALUE};
        int[] inOrder = {0};
        s.idempotency.forEachInOrder(e -> {
            assertThat(e.recordedAtMs).isGreaterThanOrEqualTo(s.nowMs - s.settings.idempotencyRetentionMs());
            assertThat(e.recordedAtMs).as("recording order is time order").isGreaterThanOrEqualTo(previous[0]);
            assertThat(s.idempotency.get(e.key())).as("key %s found through its bucket", e.key()).isSameAs(e);
            previous[0] = e.recordedAtMs;
            inOrder[0]++;
        });
        assertThat(inOrder[0]).as("idempotency entries in order vs counted").isEqualTo(s.idempotency.size());
    }
}
