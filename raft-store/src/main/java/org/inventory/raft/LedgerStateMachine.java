package org.inventory.raft;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.core.StateMachineAdapter;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.error.RaftException;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotReader;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotWriter;
import java.io.BufferedInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.inventory.ledger.Ledger;
import org.inventory.ledger.LedgerSettings;
import org.inventory.ledger.proto.CommandResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds committed log entries to the {@link Ledger}, in order, on JRaft's state machine thread, and completes the
 * proposals of entries this replica proposed. Readers share the ledger through a read/write lock taken once per
 * batch of entries, so a read never sees half a command.
 */
final class LedgerStateMachine extends StateMachineAdapter {
    static final String SNAPSHOT_FILE = "ledger.snap";
    /** How much of a snapshot is written before it is synced (IncrementalSync). */
    static final long SNAPSHOT_BYTES_PER_SYNC = 8L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(LedgerStateMachine.class);

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final LeadershipListener leadership;
    final MemberDirectory directory = new MemberDirectory();
    private volatile java.util.function.Consumer<java.util.Set<String>> skuListener = skus -> { };
    private Ledger ledger;
    /** Ledger time after the last applied batch: where a leader's next stamp starts from (LeaderClock). */
    private volatile long appliedLedgerTimeMs;
    private volatile long leaderTerm = -1;
    private volatile long knownTerm;
    private volatile RaftException failure;
    private final java.util.concurrent.atomic.AtomicInteger snapshotsLoaded = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong leaderChanges = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong appliedEntries = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong applyNanos = new java.util.concurrent.atomic.AtomicLong();
    /** The digest's inputs after the last applied batch: readers take it without the lock (DigestInputs). */
    private volatile org.inventory.ledger.DigestInputs digest;
    /** Writes snapshots so that apply goes on meanwhile; JRaft never asks for a second one before the first is done. */
    private final java.util.concurrent.ExecutorService snapshotWriter = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "snapshot-writer");
        t.setDaemon(true);
        return t;
    });
    /** Runs on the writer thread before a snapshot is written (tests hold a snapshot there). */
    volatile Runnable beforeSnapshotWrite = () -> { };
    /** Runs before a snapshot is loaded (tests hold a restarting replica there). */
    volatile Runnable beforeSnapshotLoad = () -> { };
    private final java.util.concurrent.atomic.AtomicLong lastSnapshotPauseNanos = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong lastSnapshotWriteNanos = new java.util.concurrent.atomic.AtomicLong();

    LedgerStateMachine(LedgerSettings settings, LeadershipListener leadership) {
        this.ledger = new Ledger(settings);
        this.digest = ledger.digestInputs();
        this.leadership = leadership;
    }

    @Override
    public void onApply(Iterator it) {
        List<Proposal> applied = new ArrayList<>();
        java.util.Set<String> changedSkus = java.util.Set.of();
        long started = System.nanoTime();
        long entries = 0;
        lock.writeLock().lock();
        try {
            while (it.hasNext()) {
                LogEntryCodec.Decoded entry = LogEntryCodec.decode(it.getData());
                if (entry.refused() != null || entry.member() != null) {
                    CommandResult answer = applyDirectoryEntry(entry, it.getIndex());
                    entries++;
                    if (it.done() instanceof Proposal proposal) {
                        proposal.result = answer;
                        applied.add(proposal);
                    }
                    it.next();
                    continue;
                }
                if (entry.command() == null) {
                    // a newer build wrote this log: applying around the entry would make this replica diverge
                    it.setErrorAndRollback(1, new Status(RaftError.EINVAL,
                            "log entry %d is not in a format this build reads; upgrade this replica", it.getIndex()));
                    return;
                }
                CommandResult result;
                try {
                    result = ledger.apply(entry.command(), it.getIndex(), entry.leaderTimeMs());
                } catch (RuntimeException bug) {
                    LOG.error("applying log entry {} failed; this replica stops applying", it.getIndex(), bug);
                    it.setErrorAndRollback(1, new Status(RaftError.ESTATEMACHINE, "apply of entry %d failed: %s",
                            it.getIndex(), bug));
                    return;
                }
                entries++;
                Closure done = it.done();
                if (done instanceof Proposal proposal) {
                    proposal.result = result;
                    applied.add(proposal);
                }
                it.next();
            }
        } finally {
            changedSkus = ledger.drainChangedSkus();
            digest = ledger.digestInputs();
            appliedLedgerTimeMs = ledger.nowMs();
            lock.writeLock().unlock();
            appliedEntries.addAndGet(entries);
            applyNanos.addAndGet(System.nanoTime() - started);
            // completed outside the lock: whatever the callers chain onto their futures must not hold up readers
            for (Proposal p : applied) {
                p.run(Status.OK());
            }
            if (!changedSkus.isEmpty()) {
                skuListener.accept(changedSkus);
            }
        }
    }

    /**
     * A member directory entry: recorded, or — malformed, or taking another member's Raft address — refused the
     * same way by every replica (they all read the same bytes), logged and skipped, so that applying goes on.
     */
    private CommandResult applyDirectoryEntry(LogEntryCodec.Decoded entry, long index) {
        String refused = entry.refused() != null ? entry.refused()
                : directory.canPut(entry.member()) ? null : "Raft address " + entry.member().raft() + " belongs to another member";
        if (refused != null) {
            LOG.warn("log entry {}: directory entry refused, every replica skips it: {}", index, refused);
            return CommandResult.newBuilder().setCode(org.inventory.ledger.proto.ResultCode.INVALID_VALUE).setDetail(refused)
                    .setLogIndex(index).build();
        }
        directory.put(entry.member());
        return CommandResult.newBuilder().setCode(org.inventory.ledger.proto.ResultCode.OK).setChanged(true).setLogIndex(index).build();
    }

    /** Told, on this thread and after each batch, which SKUs' availability may have changed: keep it quick. */
    void onSkusChanged(java.util.function.Consumer<java.util.Set<String>> listener) {
        this.skuListener = listener;
    }

    <T> T read(Function<Ledger, T> reader) {
        lock.readLock().lock();
        try {
            return reader.apply(ledger);
        } finally {
            lock.readLock().unlock();
        }
    }

    long leaderTerm() {
        return leaderTerm;
    }

    /** The latest term this replica led or followed a leader in (0 before it ever saw a leader). */
    long knownTerm() {
        return knownTerm;
    }

    @Override
    public void onStartFollowing(com.alipay.sofa.jraft.entity.LeaderChangeContext ctx) {
        knownTerm = Math.max(knownTerm, ctx.getTerm());
        leaderChanges.incrementAndGet();
    }

    /** Leaders this replica has followed or been since it started. */
    long leaderChanges() {
        return leaderChanges.get();
    }

    long appliedEntries() {
        return appliedEntries.get();
    }

    /** Time spent applying entries (lock held), in nanoseconds, since start. */
    long applyNanos() {
        return applyNanos.get();
    }

    RaftException failure() {
        return failure;
    }

    /**
     * Called on the state machine thread, between batches, where the ledger is consistent: the state is captured
     * there (references to its records, nothing copied), frozen a slice at a time between batches, and written,
     * fsynced and handed to JRaft on the snapshot writer's thread while this one goes on applying. JRaft lets {@code done} run on any thread.
     */
    @Override
    public void onSnapshotSave(SnapshotWriter writer, Closure done) {
        long started = System.nanoTime();
        org.inventory.ledger.SnapshotCapture capture = ledger.captureSnapshot();
        java.util.Collection<Member> members = directory.all();
        long captured = System.nanoTime();
        lastSnapshotPauseNanos.set(captured - started);
        try {
            snapshotWriter.execute(() -> writeSnapshot(writer, done, capture, members, captured));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            capture.abandon();
            done.run(new Status(RaftError.ESHUTDOWN, "the replica is stopping"));
        }
    }

    private void writeSnapshot(SnapshotWriter writer, Closure done, org.inventory.ledger.SnapshotCapture capture,
                               java.util.Collection<Member> members, long captured) {
        Path file = Path.of(writer.getPath(), SNAPSHOT_FILE);
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            beforeSnapshotWrite.run();
            capture.writeTo(new IncrementalSync(out, SNAPSHOT_BYTES_PER_SYNC), this::betweenBatches);
            out.getFD().sync();
        } catch (IOException | RuntimeException e) {
            capture.abandon(); // apply must not go on preserving records for a capture nobody writes
            LOG.error("writing snapshot {} failed", file, e);
            done.run(new Status(RaftError.EIO, "writing snapshot %s failed: %s", file, e));
            return;
        }
        try {
            MemberDirectory.write(members, Path.of(writer.getPath(), MemberDirectory.SNAPSHOT_FILE));
        } catch (IOException e) {
            done.run(new Status(RaftError.EIO, "writing the member directory failed: %s", e));
            return;
        }
        lastSnapshotWriteNanos.set(System.nanoTime() - captured);
        if (writer.addFile(SNAPSHOT_FILE) && writer.addFile(MemberDirectory.SNAPSHOT_FILE)) {
            LOG.info("snapshot at applied index {}: captured in {} ms on the apply thread, written in {} ms beside it",
                    capture.lastAppliedIndex(), lastSnapshotPauseNanos.get() / 1_000_000, lastSnapshotWriteNanos.get() / 1_000_000);
            done.run(Status.OK());
        } else {
            done.run(new Status(RaftError.EIO, "could not register %s with the snapshot", file));
        }
    }

    /** Runs one slice of a snapshot's freezing where no batch is being applied: under the readers' lock. */
    private void betweenBatches(Runnable slice) {
        lock.readLock().lock();
        try {
            slice.run();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** How long the last snapshot held up apply (the capture), and how long its writing took beside it, in ns. */
    long[] lastSnapshotTimes() {
        return new long[] {lastSnapshotPauseNanos.get(), lastSnapshotWriteNanos.get()};
    }

    org.inventory.ledger.DigestInputs digest() {
        return digest;
    }

    void shutdown() {
        snapshotWriter.shutdown();
    }

    @Override
    public boolean onSnapshotLoad(SnapshotReader reader) {
        beforeSnapshotLoad.run();
        if (reader.getFileMeta(SNAPSHOT_FILE) == null) {
            LOG.error("snapshot {} has no {}", reader.getPath(), SNAPSHOT_FILE);
            return false;
        }
        Ledger loaded;
        long started = System.nanoTime();
        Path file = Path.of(reader.getPath(), SNAPSHOT_FILE);
        try {
            loaded = Ledger.readVerifiedSnapshot(() -> new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        } catch (IOException e) {
            LOG.error("snapshot {} is unreadable", reader.getPath(), e);
            return false;
        }
        if (reader.getFileMeta(MemberDirectory.SNAPSHOT_FILE) != null) {
            try {
                directory.replaceFrom(Path.of(reader.getPath(), MemberDirectory.SNAPSHOT_FILE));
            } catch (IOException e) {
                LOG.error("snapshot {} has an unreadable member directory", reader.getPath(), e);
                return false;
            }
        }
        lock.writeLock().lock();
        try {
            ledger = loaded;
            digest = loaded.digestInputs();
            appliedLedgerTimeMs = loaded.nowMs();
        } finally {
            lock.writeLock().unlock();
        }
        snapshotsLoaded.incrementAndGet();
        skuListener.accept(java.util.Set.copyOf(loaded.skuNames())); // everything may have changed
        LOG.info("loaded snapshot at applied index {} in {} ms ({} SKUs, {} reservations, {} idempotency keys)",
                loaded.lastAppliedIndex(), (System.nanoTime() - started) / 1_000_000, loaded.skuNames().size(),
                loaded.reservationCount(), loaded.idempotencyKeyCount());
        return true;
    }

    long appliedLedgerTimeMs() {
        return appliedLedgerTimeMs;
    }

    /** How many snapshots this replica loaded since it started (on restart, or sent by a leader to catch up). */
    int snapshotsLoaded() {
        return snapshotsLoaded.get();
    }

    @Override
    public void onLeaderStart(long term) {
        leaderTerm = term;
        knownTerm = Math.max(knownTerm, term);
        leaderChanges.incrementAndGet();
        leadership.leaderStarted(term);
    }

    @Override
    public void onLeaderStop(Status status) {
        leaderTerm = -1;
        leadership.leaderStopped();
    }

    @Override
    public void onError(RaftException e) {
        failure = e;
        LOG.error("the replica stopped applying: {}", e.getStatus(), e);
    }
}
