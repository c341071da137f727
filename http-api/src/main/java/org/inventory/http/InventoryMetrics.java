package org.inventory.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;
import java.util.function.ToDoubleFunction;
import org.inventory.ledger.LedgerCounters;
import org.inventory.ledger.proto.AdjustmentReason;
import org.inventory.raft.LedgerReplica;

/**
 * Raft and ledger figures for Prometheus: who leads, how far the log is applied and committed, what is waiting,
 * and what the ledger did (reservations created and refused, commits, releases, expired holds = carts abandoned,
 * replays, units adjusted per reason), plus how stale this replica's browse reads may be.
 */
@Singleton
final class InventoryMetrics implements MeterBinder {
    private final LedgerReplica replica;

    InventoryMetrics(LedgerReplica replica) {
        this.replica = replica;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("raft_term", replica, LedgerReplica::term).description("latest term this node led or followed in").register(registry);
        Gauge.builder("raft_is_leader", replica, r -> r.isLeader() ? 1 : 0).register(registry);
        Gauge.builder("raft_applied_index", replica, LedgerReplica::appliedIndex).register(registry);
        Gauge.builder("raft_commit_index", replica, LedgerReplica::committedIndex).register(registry);
        Gauge.builder("raft_pending_proposals", replica, r -> r.stats().pendingProposals())
                .description("proposals waiting for commit and apply on this node").register(registry);
        FunctionCounter.builder("raft_leader_changes", replica, r -> r.stats().leaderChanges())
                .description("leaders this node has followed or been since it started").register(registry);
        FunctionCounter.builder("raft_applied_entries", replica, r -> r.stats().appliedEntries()).register(registry);
        FunctionCounter.builder("raft_apply_seconds", replica, r -> r.stats().applyNanos() / 1e9)
                .description("time the state machine spent applying entries").register(registry);
        FunctionCounter.builder("raft_snapshots_loaded", replica, r -> r.stats().snapshotsLoaded()).register(registry);
        FunctionCounter.builder("raft_group_commit_entries", replica, r -> r.stats().coalescedEntries())
                .description("log entries group commit proposed, each carrying the single reservations that arrived together").register(registry);
        FunctionCounter.builder("raft_group_commit_reservations", replica, r -> r.stats().coalescedReservations())
                .description("single reservations those entries carried (÷ entries = reservations per entry)").register(registry);
        Gauge.builder("inventory_staleness_ms", replica, LedgerReplica::stalenessMs)
                .description("how far behind this replica's stale reads may be").register(registry);
        Gauge.builder("ledger_units_held", replica, r -> r.loading() ? Double.NaN : r.readLocal(l -> l.unitsHeld())).register(registry);
        Gauge.builder("ledger_idempotency_keys", replica, r -> r.loading() ? Double.NaN : r.readLocal(l -> l.idempotencyKeyCount())).register(registry);

        counter(registry, "ledger_reservations_acknowledged", "reservations created (a name ending in _created would clash with OpenMetrics)", LedgerCounters.Snapshot::reservationsCreated);
        FunctionCounter.builder("ledger_reservations_refused", replica, r -> counters(r).reservationsRefusedInsufficientStock())
                .tag("reason", "insufficient_stock").register(registry);
        FunctionCounter.builder("ledger_reservations_refused", replica, r -> counters(r).reservationsRefusedPurchaseLimit())
                .tag("reason", "purchase_limit_exceeded").register(registry);
        counter(registry, "ledger_reservations_committed", "holds turned into purchases", LedgerCounters.Snapshot::committed);
        counter(registry, "ledger_reservations_released", "holds given back", LedgerCounters.Snapshot::released);
        counter(registry, "ledger_reservations_expired", "holds that ran out (leaked holds: carts abandoned)", LedgerCounters.Snapshot::expired);
        counter(registry, "ledger_reservations_cancelled", "purchases cancelled, stock returned", LedgerCounters.Snapshot::cancelled);
        counter(registry, "ledger_reservations_fulfilled", "purchases shipped", LedgerCounters.Snapshot::fulfilled);
        counter(registry, "ledger_idempotent_replays", "retries answered from the first result", LedgerCounters.Snapshot::idempotentReplays);
        for (AdjustmentReason reason : AdjustmentReason.values()) {
            if (reason == AdjustmentReason.UNRECOGNIZED || reason == AdjustmentReason.ADJUSTMENT_REASON_UNSPECIFIED) {
                continue;
            }
            FunctionCounter.builder("ledger_adjusted_units", replica, r -> counters(r).unitsAdjustedByReason().getOrDefault(reason, 0L))
                    .tag("reason", reason.name()).description("units added or removed by adjustments, per reason").register(registry);
        }
    }

    private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<LedgerCounters.Snapshot> value) {
        FunctionCounter.builder(name, replica, r -> value.applyAsDouble(counters(r))).description(description).register(registry);
    }

    private static LedgerCounters.Snapshot counters(LedgerReplica r) {
        return r.readLocal(l -> l.counters());
    }
}
