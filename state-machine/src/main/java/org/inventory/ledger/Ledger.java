package org.inventory.ledger;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import org.inventory.ledger.proto.BatchResults;
import org.inventory.ledger.proto.BatchedReservation;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.LedgerCommand;
import org.inventory.ledger.proto.ReserveBatch;
import org.inventory.ledger.proto.ReservationView;
import org.inventory.ledger.proto.ResultCode;
import org.inventory.ledger.proto.SkuView;

/**
 * The reservation ledger: the deterministic state machine every replica applies, in log order.
 *
 * <p>{@link #apply} depends only on the current state, the command bytes, the entry's log index and the
 * leader's timestamp. Ledger time is {@code max(previous time, leader timestamp)}; holds expire on that time alone,
 * at the start of the first entry whose time has reached their deadline.
 *
 * <p>Not thread-safe. One thread applies; readers must not run concurrently with {@code apply} (the Raft layer
 * guards this). Every read returns immutable values.
 */
public final class Ledger {
    private final LedgerState state;
    private final Fingerprints fingerprints = new Fingerprints();
    private final LedgerCounters counters = new LedgerCounters();

    public Ledger() {
        this(LedgerSettings.DEFAULT);
    }

    public Ledger(LedgerSettings settings) {
        this(new LedgerState(settings));
    }

    private Ledger(LedgerState state) {
        this.state = state;
    }

    /** Applies one log entry. Malformed bytes are refused with {@code MALFORMED_COMMAND} (the clock still moves). */
    public CommandResult apply(byte[] command, long logIndex, long leaderTimeMs) {
        int expired = state.begin(logIndex, leaderTimeMs);
        counters.expired += expired;
        LedgerCommand parsed;
        try {
            parsed = LedgerCommand.parseFrom(command);
        } catch (InvalidProtocolBufferException e) {
            return malformed("command bytes are not a LedgerCommand: " + e.getMessage());
        }
        return execute(parsed, expired);
    }

    private CommandResult execute(LedgerCommand command, int expiredOnEntry) {
        CommandResult result = run(command, expiredOnEntry);
        counters.count(command, result);
        return result;
    }

    public CommandResult apply(LedgerCommand command, long logIndex, long leaderTimeMs) {
        int expired = state.begin(logIndex, leaderTimeMs);
        counters.expired += expired;
        return execute(command, expired);
    }

    private CommandResult run(LedgerCommand command, int expiredOnEntry) {
        return switch (command.getKindCase()) {
            case KIND_NOT_SET -> malformed("command has no kind (written by a newer version?)");
            case RESERVE_BATCH -> reserveBatch(command);
            default -> runOne(command, 0, expiredOnEntry);
        };
    }

    /**
     * One command under its idempotency key (if it has one): a retry with the same payload replays the first
     * result, another payload is refused; {@code slot} numbers the reservation it may create within the entry.
     */
    private CommandResult runOne(LedgerCommand command, int slot, int expiredOnEntry) {
        String key = command.getIdempotencyKey();
        byte[] fingerprint = null;
        if (!key.isEmpty()) {
            try {
                Validation.printableId("idempotency_key", key, Limits.MAX_IDEMPOTENCY_KEY_LENGTH, true);
            } catch (Refusal refusal) {
                return refusal.result().setLogIndex(state.lastAppliedIndex).build();
            }
            fingerprint = fingerprints.of(command);
            IdempotencyTable.Entry first = state.idempotency.get(key);
            if (first != null) {
                return first.samePayload(fingerprint) ? replay(key, first) : keyReused(key);
            }
        }
        CommandResult.Builder result;
        try {
            result = dispatch(command, slot, expiredOnEntry);
        } catch (Refusal refusal) {
            result = refusal.result();
        }
        CommandResult done = result.setLogIndex(state.lastAppliedIndex).build();
        if (fingerprint != null && isKeptForReplay(done.getCode())) {
            Reservation created = command.getKindCase() == LedgerCommand.KindCase.RESERVE && done.getCode() == ResultCode.OK
                    ? state.reservations.get(ReservationIds.of(state.lastAppliedIndex, slot)) : null;
            state.idempotency.record(key, created != null
                    ? IdempotencyTable.Entry.ofCreated(key, fingerprint, state.nowMs, created)
                    : IdempotencyTable.Entry.ofResult(key, fingerprint, state.nowMs, done.toByteArray()));
        }
        return done;
    }

    /**
     * A batch of reservations in one entry: each item runs exactly as the command {idempotency_key, reserve} would
     * on its own (same fingerprint, so a single call and a batch item replay each other), in item order, and one
     * item's refusal leaves the others alone. The batch as a whole is refused only when it is not a batch at all.
     */
    private CommandResult reserveBatch(LedgerCommand command) {
        if (!command.getIdempotencyKey().isEmpty()) {
            return refused(ResultCode.INVALID_VALUE, "idempotency_key",
                    "a batch carries an idempotency key per item, not one for the whole batch");
        }
        ReserveBatch batch = command.getReserveBatch();
        int n = batch.getItemsCount();
        if (n == 0) {
            return refused(ResultCode.EMPTY_BATCH, "reservations", "a batch needs at least one reservation");
        }
        if (n > Limits.MAX_BATCH) {
            return refused(ResultCode.BATCH_TOO_LARGE, "reservations",
                    "a batch takes at most " + Limits.MAX_BATCH + " reservations, got " + n);
        }
        BatchResults.Builder results = BatchResults.newBuilder();
        for (int i = 0; i < n; i++) {
            BatchedReservation item = batch.getItems(i);
            CommandResult r;
            if (item.getIdempotencyKey().isEmpty()) {
                r = refused(ResultCode.MISSING_FIELD, "idempotency_key", "every batch item needs its own idempotency_key");
            } else {
                LedgerCommand single = LedgerCommand.newBuilder().setIdempotencyKey(item.getIdempotencyKey())
                        .setReserve(item.getReserve()).build();
                r = runOne(single, i, 0);
                counters.count(single, r);
            }
            results.addResults(r);
        }
        return CommandResult.newBuilder().setCode(ResultCode.OK).setChanged(true).setBatch(results)
                .setLogIndex(state.lastAppliedIndex).build();
    }

    private CommandResult.Builder dispatch(LedgerCommand c, int slot, int expiredOnEntry) {
        return switch (c.getKindCase()) {
            case UPSERT_SKU_POLICY -> StockCommands.upsertPolicy(state, c.getUpsertSkuPolicy());
            case RECEIVE_STOCK -> StockCommands.receive(state, c.getReceiveStock());
            case ADJUST_STOCK -> StockCommands.adjust(state, c.getAdjustStock());
            case RECONCILE_STOCK -> StockCommands.reconcile(state, c.getReconcileStock());
            case RESERVE -> ReservationCommands.reserve(state, c.getReserve(), slot);
            case COMMIT_RESERVATION -> ReservationCommands.commit(state, c.getCommitReservation());
            case RELEASE_RESERVATION -> ReservationCommands.release(state, c.getReleaseReservation());
            case EXTEND_RESERVATION -> ReservationCommands.extend(state, c.getExtendReservation());
            case CANCEL_RESERVATION -> ReservationCommands.cancel(state, c.getCancelReservation());
            case FULFIL_RESERVATION -> ReservationCommands.fulfil(state, c.getFulfilReservation());
            case TICK -> CommandResult.newBuilder().setCode(ResultCode.OK).setChanged(expiredOnEntry > 0)
                    .setDetail(expiredOnEntry + " holds expired");
            case KIND_NOT_SET, RESERVE_BATCH -> throw new IllegalStateException("handled before dispatch");
        };
    }

    /**
     * Outcomes of a command that ran are kept, refusals included (a retry after a timeout must see the same
     * "insufficient stock"). Refusals of the request itself are not: nothing ran, so a corrected retry may reuse the key.
     */
    static boolean isKeptForReplay(ResultCode code) {
        return code.getNumber() < ResultCode.IDEMPOTENCY_KEY_REUSED.getNumber();
    }

    private CommandResult replay(String key, IdempotencyTable.Entry first) {
        Reservation created = first.created();
        if (created != null) {
            return ReservationCommands.created(created).setReplayed(true).build();
        }
        try {
            return CommandResult.parseFrom(first.result()).toBuilder().setReplayed(true).build();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored result of key " + key + " is unreadable", e);
        }
    }

    private CommandResult keyReused(String key) {
        return CommandResult.newBuilder().setCode(ResultCode.IDEMPOTENCY_KEY_REUSED).setField("idempotency_key")
                .setDetail("idempotency key " + key + " was first used with a different payload")
                .setLogIndex(state.lastAppliedIndex).build();
    }

    private CommandResult refused(ResultCode code, String field, String detail) {
        return CommandResult.newBuilder().setCode(code).setField(field).setDetail(detail)
                .setLogIndex(state.lastAppliedIndex).build();
    }

    private CommandResult malformed(String detail) {
        return CommandResult.newBuilder().setCode(ResultCode.MALFORMED_COMMAND).setDetail(detail)
                .setLogIndex(state.lastAppliedIndex).build();
    }

    /** For the invariant checks of this module's tests, which look at the whole state. */
    LedgerState state() {
        return state;
    }

    // ------------------------------------------------------------------ reads

    public long lastAppliedIndex() {
        return state.lastAppliedIndex;
    }

    /** Ledger time: the largest leader timestamp applied so far. */
    public long nowMs() {
        return state.nowMs;
    }

    public LedgerSettings settings() {
        return state.settings;
    }

    /** What this replica's ledger did since the process started (monitoring; not replicated state). */
    public LedgerCounters.Snapshot counters() {
        return counters.snapshot();
    }

    /**
     * The SKUs whose availability may have changed since the last call (totals or policy), and forgets them: the
     * feed that pushes availability changes to stream subscribers. Not part of the replicated state.
     */
    public java.util.Set<String> drainChangedSkus() {
        if (state.changedSkus.isEmpty()) {
            return java.util.Set.of();
        }
        java.util.Set<String> changed = java.util.Set.copyOf(state.changedSkus);
        state.changedSkus.clear();
        return changed;
    }

    /** Units currently held (not yet committed) across all SKUs. */
    public long unitsHeld() {
        long held = 0;
        for (Sku s : state.skus.values()) {
            held += s.held;
        }
        return held;
    }

    public Optional<SkuView> sku(String sku) {
        Sku s = state.skus.get(sku);
        return s == null ? Optional.empty() : Optional.of(s.view());
    }

    public Optional<Availability> availability(String sku) {
        Sku s = state.skus.get(sku);
        return s == null ? Optional.empty() : Optional.of(s.availability());
    }

    public Optional<ReservationView> reservation(String reservationId) {
        long id = ReservationIds.parse(reservationId);
        Reservation r = id < 0 ? null : state.reservations.get(id);
        return r == null ? Optional.empty() : Optional.of(r.view());
    }

    /**
     * A page of a SKU's retained ledger entries after a ledger index, oldest first.
     *
     * @param next the ledger index to pass as {@code afterLedgerIndex} for the following page, or 0 when none follows
     */
    public record LedgerPage(List<LedgerEntry> entries, long next) {
    }

    public Optional<LedgerPage> ledgerEntries(String sku, long afterLedgerIndex, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        Sku s = state.skus.get(sku);
        if (s == null) {
            return Optional.empty();
        }
        // one more than asked tells whether another page follows
        List<LedgerEntry> page = s.window.after(afterLedgerIndex, limit == Integer.MAX_VALUE ? limit : limit + 1);
        if (page.size() > limit) {
            List<LedgerEntry> shown = List.copyOf(page.subList(0, limit));
            return Optional.of(new LedgerPage(shown, shown.get(limit - 1).ledgerIndex()));
        }
        return Optional.of(new LedgerPage(List.copyOf(page), 0));
    }

    /** The totals a SKU's ledger window opens with: its totals before the oldest retained entry. */
    public Optional<long[]> openingBalance(String sku) {
        Sku s = state.skus.get(sku);
        return s == null ? Optional.empty()
                : Optional.of(new long[] {s.window.openingOnHand(), s.window.openingHeld(), s.window.openingCommitted()});
    }

    public List<String> skuNames() {
        return state.skus.keySet().stream().sorted().toList();
    }

    public int skuCount() {
        return state.skus.size();
    }

    /** Reservations still remembered: live ones and ended ones within their retention. */
    public int reservationCount() {
        return state.reservations.size();
    }

    public int idempotencyKeyCount() {
        return state.idempotency.size();
    }

    // ------------------------------------------------------------------ snapshot and digest

    /** Writes the whole state (settings, clock and idempotency table included) in the checksummed snapshot format. */
    public void writeSnapshot(OutputStream out) throws IOException {
        LedgerSnapshot.write(state, out);
    }

    /**
     * Takes the state as it is now, to be written with {@link SnapshotCapture#writeTo(OutputStream, SnapshotCapture.Slices)}
     * on another thread while this ledger goes on applying: the same bytes {@link #writeSnapshot} would write now.
     * Call it on the applying thread; until the capture is written (or abandoned), apply preserves for it what it
     * changes.
     */
    public SnapshotCapture captureSnapshot() {
        return SnapshotCapture.of(state);
    }

    /** Reads a snapshot written by {@link #writeSnapshot}; refuses a corrupt, truncated or unknown-version one. */
    public static Ledger readSnapshot(InputStream in) throws IOException {
        return new Ledger(LedgerSnapshot.read(in));
    }

    /** Where a snapshot can be read from, more than once. */
    @FunctionalInterface
    public interface SnapshotSource {
        InputStream open() throws IOException;
    }

    /**
     * Reads a snapshot whose checksum is verified first, in a pass that builds nothing: what a replica loading a
     * snapshot file uses, so that a corrupt header is refused before its counts size anything (a second read of
     * the file, at CRC32C speed).
     */
    public static Ledger readVerifiedSnapshot(SnapshotSource source) throws IOException {
        try (InputStream in = source.open()) {
            LedgerSnapshot.verifyChecksum(in);
        }
        try (InputStream in = source.open()) {
            return readSnapshot(in);
        }
    }

    /**
     * The state digest (SHA-256 over the header and the incrementally kept sum of every record's hash: see
     * StateDigest), O(1): equal on two replicas exactly when their states are equal.
     */
    public byte[] digest() {
        return state.digest.value(state);
    }

    /**
     * Recomputes the digest from every record and compares it with the one kept up to date: false means a record
     * changed without the digest hearing of it (a bug, or memory corruption). O(state).
     */
    public boolean verifyDigest() {
        StateDigest scratch = new StateDigest();
        scratch.recompute(state, false);
        return scratch.sameSums(state.digest);
    }

    public String digestHex() {
        return java.util.HexFormat.of().formatHex(digest());
    }

    /**
     * The digest's inputs as they are now, immutable: what a reader on another thread turns into {@link #digest()}
     * ({@link DigestInputs#digestHex()}) without holding up the thread that applies.
     */
    public DigestInputs digestInputs() {
        return state.digest.inputs(state);
    }
}
