package org.inventory.ledger;

import java.util.EnumMap;
import java.util.Map;
import org.inventory.ledger.proto.AdjustmentReason;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.LedgerCommand;
import org.inventory.ledger.proto.ResultCode;

/**
 * What this replica's ledger has done since it started, for monitoring: reservations created and refused,
 * transitions, expired holds, replays, units adjusted per reason. Not part of the replicated state (not in
 * snapshots or the digest): like any process counter they start from zero when the process does.
 */
public final class LedgerCounters {
    long reservationsCreated;
    long reservationsRefusedInsufficientStock;
    long reservationsRefusedPurchaseLimit;
    long committed;
    long released;
    long expired;
    long cancelled;
    long fulfilled;
    long idempotentReplays;
    final long[] unitsAdjustedByReason = new long[AdjustmentReason.values().length];

    void count(LedgerCommand command, CommandResult result) {
        if (result.getReplayed()) {
            idempotentReplays++;
            return;
        }
        ResultCode code = result.getCode();
        switch (command.getKindCase()) {
            case RESERVE -> {
                if (code == ResultCode.OK) {
                    reservationsCreated++;
                } else if (code == ResultCode.INSUFFICIENT_STOCK) {
                    reservationsRefusedInsufficientStock++;
                } else if (code == ResultCode.PURCHASE_LIMIT_EXCEEDED) {
                    reservationsRefusedPurchaseLimit++;
                }
            }
            case COMMIT_RESERVATION -> committed += changed(result);
            case RELEASE_RESERVATION -> released += changed(result);
            case CANCEL_RESERVATION -> cancelled += changed(result);
            case FULFIL_RESERVATION -> fulfilled += changed(result);
            case ADJUST_STOCK -> {
                if (code == ResultCode.OK) {
                    unitsAdjustedByReason[command.getAdjustStock().getReasonCodeValue()] += Math.abs(command.getAdjustStock().getDelta());
                }
            }
            case RECONCILE_STOCK -> {
                if (code == ResultCode.OK) {
                    unitsAdjustedByReason[AdjustmentReason.RECONCILIATION_VALUE] += Math.abs(result.getStockChange().getDrift());
                }
            }
            default -> {
            }
        }
    }

    private static long changed(CommandResult r) {
        return r.getCode() == ResultCode.OK && r.getChanged() ? 1 : 0;
    }

    /** An immutable copy, taken under the caller's read guard. */
    public Snapshot snapshot() {
        Map<AdjustmentReason, Long> adjusted = new EnumMap<>(AdjustmentReason.class);
        for (AdjustmentReason r : AdjustmentReason.values()) {
            if (r != AdjustmentReason.UNRECOGNIZED && r != AdjustmentReason.ADJUSTMENT_REASON_UNSPECIFIED) {
                adjusted.put(r, unitsAdjustedByReason[r.getNumber()]);
            }
        }
        return new Snapshot(reservationsCreated, reservationsRefusedInsufficientStock, reservationsRefusedPurchaseLimit,
                committed, released, expired, cancelled, fulfilled, idempotentReplays, Map.copyOf(adjusted));
    }

    public record Snapshot(long reservationsCreated, long reservationsRefusedInsufficientStock,
                           long reservationsRefusedPurchaseLimit, long committed, long released, long expired,
                           long cancelled, long fulfilled, long idempotentReplays,
                           Map<AdjustmentReason, Long> unitsAdjustedByReason) {
    }
}
