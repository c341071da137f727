package org.inventory.ledger;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.inventory.ledger.proto.AdjustmentReason;
import org.inventory.ledger.proto.LedgerEntryType;
import org.inventory.ledger.proto.ReservationState;
import org.inventory.ledger.proto.ResultCode;

/**
 * Everything the ledger remembers, and the few moves that keep its parts in step (booking entries, ending
 * reservations). Command handlers read and change it; nothing here reads a clock or any other outside input.
 * Not thread-safe: one thread applies, and readers must be kept out while it does.
 */
final class LedgerState {
    final LedgerSettings settings;
    /** By name; add with {@link #addSku}. */
    final Map<String, Sku> skus = new HashMap<>();
    /** The same SKUs in the order they were created (none is ever removed), for a snapshot to copy in one go. */
    private final java.util.ArrayList<Sku> skusInCreationOrder = new java.util.ArrayList<>();
    final ReservationTable<Reservation> reservations = new ReservationTable<>();
    final HoldExpiryQueue expiries = new HoldExpiryQueue();
    /** Terminal reservations in the order they ended (= ledger time order), for pruning. */
    final ArrayDeque<Reservation> ended = new ArrayDeque<>();
    final CustomerAccounts customers = new CustomerAccounts();
    /** Kept up to date by every change below and in the command handlers: reading it is O(1). */
    final StateDigest digest = new StateDigest();
    final IdempotencyTable idempotency = new IdempotencyTable(digest);
    /** SKUs whose totals or policy changed since the last drain: the browse path's change feed (not state). */
    final java.util.Set<String> changedSkus = new java.util.LinkedHashSet<>();

    /** Snapshots taken and still being frozen elsewhere: told before a record they hold changes (SnapshotCapture). */
    final java.util.List<SnapshotCapture> capturing = new java.util.ArrayList<>(1);

    long nowMs;
    long lastAppliedIndex;
    long lastLedgerIndex;

    private final java.util.function.Consumer<Reservation> expire =
            r -> end(r, ReservationState.EXPIRED, LedgerEntryType.EXPIRY, "");

    LedgerState(LedgerSettings settings) {
        this.settings = settings;
    }

    /** Adds a SKU not yet known; false (and nothing changed) when one of that name is. */
    boolean addSku(Sku sku) {
        if (skus.putIfAbsent(sku.name, sku) != null) {
            return false;
        }
        skusInCreationOrder.add(sku);
        return true;
    }

    Sku[] skusInCreationOrder() {
        return skusInCreationOrder.toArray(new Sku[0]);
    }

    /** Advances the clock for a new log entry and lets everything whose time has come go. */
    int begin(long logIndex, long leaderTimeMs) {
        if (logIndex <= lastAppliedIndex) {
            throw new IllegalStateException("log index " + logIndex + " already applied (last " + lastAppliedIndex + ")");
        }
        lastAppliedIndex = logIndex;
        nowMs = Math.max(nowMs, leaderTimeMs);
        int expired = expiries.expireDue(nowMs, expire);
        pruneEnded(nowMs - settings.terminalReservationRetentionMs());
        idempotency.pruneRecordedBefore(nowMs - settings.idempotencyRetentionMs());
        return expired;
    }

    private void pruneEnded(long cutoffMs) {
        Reservation oldest;
        while ((oldest = ended.peekFirst()) != null && oldest.updatedAtMs < cutoffMs) {
            ended.pollFirst();
            digest.reservation(-1, oldest);
            reservations.remove(oldest.id);
        }
    }

    /** Every change to a reservation's state, deadline, last update or reason is preceded by this. */
    void beforeChange(Reservation r) {
        for (int i = capturing.size() - 1; i >= 0; i--) {
            if (!capturing.get(i).beforeChange(r)) {
                capturing.remove(i);
            }
        }
    }

    /** Every change to a SKU's totals, policy or ledger entries is preceded by this. */
    void beforeChange(Sku sku) {
        for (int i = capturing.size() - 1; i >= 0; i--) {
            if (!capturing.get(i).beforeChange(sku)) {
                capturing.remove(i);
            }
        }
    }

    long book(Sku sku, LedgerEntryType type, long quantity, long reservationId, AdjustmentReason reason, String note) {
        beforeChange(sku);
        long ledgerIndex = ++lastLedgerIndex;
        changedSkus.add(sku.name);
        if (sku.window.full()) {
            sku.window.digest(digest, -1, sku.nameHash, 0); // about to fold into the opening balance
        }
        sku.book(ledgerIndex, lastAppliedIndex, nowMs, type, quantity, reservationId, reason, note);
        sku.window.digest(digest, 1, sku.nameHash, sku.window.size() - 1);
        digest.updateSku(sku);
        return ledgerIndex;
    }

    /** Books one entry per line of {@code r}. */
    void bookLines(Reservation r, LedgerEntryType type) {
        for (int i = 0; i < r.skus.length; i++) {
            book(r.skus[i], type, r.quantities[i], r.id, AdjustmentReason.ADJUSTMENT_REASON_UNSPECIFIED, "");
        }
    }

    /** Moves a live reservation to a terminal state, returning its stock and its customer's allowance. */
    void end(Reservation r, ReservationState terminal, LedgerEntryType entryType, String reason) {
        beforeChange(r);
        bookLines(r, entryType);
        customers.release(r);
        digest.reservation(-1, r);
        r.state = terminal;
        r.updatedAtMs = nowMs;
        r.reason = reason;
        digest.reservation(1, r);
        ended.addLast(r);
    }

    Sku sku(String field, String name) {
        Sku sku = skus.get(name);
        if (sku == null) {
            throw Refusal.ofField(ResultCode.SKU_NOT_FOUND, field, "unknown sku " + name);
        }
        return sku;
    }

    Reservation reservation(String field, String id) {
        if (id.length() > Limits.MAX_RESERVATION_ID_LENGTH) {
            throw Refusal.ofField(ResultCode.ID_TOO_LONG, field,
                    field + " is longer than " + Limits.MAX_RESERVATION_ID_LENGTH + " characters");
        }
        long numeric = ReservationIds.parse(id);
        Reservation r = numeric < 0 ? null : reservations.get(numeric);
        if (r == null) {
            throw Refusal.ofField(ResultCode.RESERVATION_NOT_FOUND, field, "unknown reservation " + id);
        }
        return r;
    }
}
