package org.inventory.raft;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.RaftGroupService;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.closure.ReadIndexClosure;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.entity.Task;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.rpc.RpcServer;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.inventory.ledger.Ledger;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.LedgerCommand;
import org.inventory.ledger.proto.Tick;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica of the ledger's Raft group: SOFAJRaft with its RocksDB log, the {@link LedgerStateMachine}, and the
 * leader's tick. Proposals and linearizable reads return futures and never block the caller.
 */
public final class LedgerReplica implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerReplica.class);
    /** How often freshness is confirmed: the floor of a healthy replica's staleness figure. */
    static final Duration FRESHNESS_PROBE_INTERVAL = Duration.ofMillis(100);
    private static final byte[] TICK = LedgerCommand.newBuilder().setTick(Tick.getDefaultInstance()).build().toByteArray();

    private final ReplicaConfig config;
    private final LedgerStateMachine fsm;
    private final LeaderTicker ticker;
    private final RaftGroupService service;
    /** Null until JRaft's node has started: opening the log and loading the latest snapshot take seconds. */
    private volatile Node node;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();
    private final GroupCommit groupCommit;
    private final LeaderClock clock;
    private final Freshness freshness;

    private LedgerReplica(ReplicaConfig config) throws IOException {
        this(config, true, r -> { });
    }

    private LedgerReplica(ReplicaConfig config, boolean nowOnThisThread, java.util.function.Consumer<LedgerReplica> beforeStart)
            throws IOException {
        this.config = config;
        this.groupCommit = new GroupCommit(this::propose, config.groupCommitInFlight());
        PeerId self = PeerId.parsePeer(config.raftAddress());
        if (self == null) {
            throw new IllegalArgumentException("not a raft address (host:port): " + config.raftAddress());
        }
        Configuration voters = new Configuration();
        for (String voter : config.initialVoters()) {
            PeerId peer = PeerId.parsePeer(voter);
            if (peer == null) {
                throw new IllegalArgumentException("not a raft address (host:port): " + voter);
            }
            voters.addPeer(peer);
        }
        // JRaft's RocksDB log refuses to start when the parent of its directory is missing
        Files.createDirectories(config.dataDir());

        this.ticker = new LeaderTicker(config.raftAddress(), config.tickInterval(), this::proposeTick);
        this.clock = new LeaderClock(config.time(), config.maxClockStep(), this::appliedLedgerTimeMs);
        this.fsm = new LedgerStateMachine(config.ledgerSettings(), new LeadershipListener() {
            @Override
            public void leaderStarted(long term) {
                clock.leaderStarted();
                ticker.leaderStarted(term);
            }

            @Override
            public void leaderStopped() {
                ticker.leaderStopped();
            }
        });

        NodeOptions options = new NodeOptions();
        options.setFsm(fsm);
        options.setInitialConf(voters);
        options.setElectionTimeoutMs((int) config.electionTimeout().toMillis());
        options.setSnapshotIntervalSecs((int) config.snapshotInterval().toSeconds());
        options.setLogUri(config.dataDir().resolve("log").toString());
        options.setRaftMetaUri(config.dataDir().resolve("raft_meta").toString());
        options.setSnapshotUri(config.dataDir().resolve("snapshot").toString());
        options.setRaftOptions(raftOptions(config));

        VmSignalGuard.loadJraftKeepingVmHandlers();
        RpcServer rpcServer = RaftPort.listeningOn(self.getEndpoint());
        this.service = new RaftGroupService(config.groupId(), self, options, rpcServer);
        this.freshness = new Freshness(config.raftAddress(), config.time(), FRESHNESS_PROBE_INTERVAL, this::askReadIndex);
        beforeStart.accept(this);
        if (nowOnThisThread) {
            startNode();
            started.join();
        } else {
            Thread starting = new Thread(this::startNode, "replica-start-" + config.raftAddress());
            starting.setDaemon(true);
            starting.start();
        }
    }

    private void startNode() {
        try {
            Node started = service.start();
            if (started == null) {
                throw new IOException("raft node " + config.raftAddress() + " failed to start (see the log above)");
            }
            node = started;
            freshness.start();
            this.started.complete(null);
        } catch (Throwable e) {
            ticker.close();
            this.started.completeExceptionally(e);
        }
    }

    /**
     * Throughput-minded options: the log is fsynced once per append batch (never per request in our code), entries
     * are applied in batches, and replication is pipelined.
     */
    public static RaftOptions raftOptions(ReplicaConfig config) {
        RaftOptions r = new RaftOptions();
        r.setSync(config.sync());
        // a vote or term forgotten in a power loss lets a node vote twice in one term: two leaders
        r.setSyncMeta(config.sync());
        r.setApplyBatch(128);
        r.setReplicatorPipeline(true);
        r.setMaxReplicatorInflightMsgs(256);
        r.setDisruptorBufferSize(16_384);
        // RocksDB's per-operation statistics cost CPU on every log append and nobody reads them here
        r.setOpenStatistics(false);
        return r;
    }

    public static LedgerReplica start(ReplicaConfig config) throws IOException {
        try {
            return new LedgerReplica(config);
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /**
     * Starts the replica on a thread of its own and returns at once: until the node has opened its log and loaded
     * its latest snapshot ({@link #loading()}), it answers every proposal and read as unavailable, leads nothing
     * and knows no leader, so a node can serve its health and metrics while it loads. {@link #started()} completes
     * then, or fails with why the node could not start.
     */
    public static LedgerReplica startInBackground(ReplicaConfig config) throws IOException {
        return new LedgerReplica(config, false, r -> { });
    }

    /** As {@link #startInBackground(ReplicaConfig)}, with {@code beforeStart} run first (tests set their hooks there). */
    static LedgerReplica startInBackground(ReplicaConfig config, java.util.function.Consumer<LedgerReplica> beforeStart)
            throws IOException {
        return new LedgerReplica(config, false, beforeStart);
    }

    /** True until the node has started (its log opened and its latest snapshot loaded). */
    public boolean loading() {
        return node == null;
    }

    public CompletableFuture<Void> started() {
        return started.copy();
    }

    /** The started node, or why there is none yet. */
    private Node running() {
        Node n = node;
        if (n == null) {
            throw new ReplicaUnavailableException(started.isCompletedExceptionally()
                    ? config.raftAddress() + " failed to start" : config.raftAddress() + " is still loading its state");
        }
        return n;
    }

    // ------------------------------------------------------------------ writes

    /**
     * Proposes a ledger command. Completes with the ledger's result once the entry is committed and applied here;
     * fails with {@link NotLeaderException} when this replica does not lead, or {@link ReplicaUnavailableException}
     * when the outcome is unknown (retry under the same idempotency key).
     */
    public CompletableFuture<CommandResult> propose(byte[] command) {
        return propose(command, 1);
    }

    /**
     * Proposes a command that carries {@code reservations} reservations (a batch): admission control counts what
     * waits in reservations, not in log entries.
     */
    public CompletableFuture<CommandResult> propose(byte[] command, int reservations) {
        Proposal proposal = new Proposal(this::leaderRaftAddressOrNull);
        Node node = this.node;
        if (node == null || !node.isLeader()) {
            proposal.future.completeExceptionally(new NotLeaderException(leaderRaftAddressOrNull(),
                    config.raftAddress() + (node == null ? " is still loading its state" : " is not the leader")));
            return proposal.future;
        }
        pending.addAndGet(reservations);
        proposal.future.whenComplete((r, e) -> pending.addAndGet(-reservations));
        node.apply(new Task(LogEntryCodec.encode(clock.stampMs(), command), proposal));
        return proposal.future;
    }

    public CompletableFuture<CommandResult> propose(LedgerCommand command) {
        return propose(command.toByteArray());
    }

    /**
     * Proposes one reservation under its idempotency key, coalesced with the reservations that arrive while the log
     * is busy into one entry ({@link GroupCommit}); completes with this reservation's own result, exactly what
     * {@code propose(LedgerCommand{idempotencyKey, reserve})} would have answered.
     */
    public CompletableFuture<CommandResult> proposeReservation(String idempotencyKey, org.inventory.ledger.proto.Reserve reserve) {
        if (idempotencyKey.isEmpty()) {
            throw new IllegalArgumentException("a coalesced reservation needs its idempotency key");
        }
        Node node = this.node;
        if (node == null || !node.isLeader()) {
            return CompletableFuture.failedFuture(new NotLeaderException(leaderRaftAddressOrNull(),
                    config.raftAddress() + (node == null ? " is still loading its state" : " is not the leader")));
        }
        return groupCommit.submit(idempotencyKey, reserve);
    }

    /**
     * Records a member's node id and HTTP address in the replicated directory (leader only). The member must be in
     * form ({@link Addresses}) and its Raft address no other member's: refused here, before it reaches the log (and
     * refused again by every replica should such an entry reach it anyway).
     */
    public CompletableFuture<CommandResult> registerMember(Member member) {
        Addresses.member(member.nodeId(), member.raft(), member.http());
        if (!fsm.directory.canPut(member)) {
            throw new IllegalArgumentException("Raft address " + member.raft() + " belongs to another member");
        }
        Proposal proposal = new Proposal(this::leaderRaftAddressOrNull);
        Node node = this.node;
        if (node == null || !node.isLeader()) {
            proposal.future.completeExceptionally(new NotLeaderException(leaderRaftAddressOrNull(),
                    config.raftAddress() + (node == null ? " is still loading its state" : " is not the leader")));
            return proposal.future;
        }
        node.apply(new Task(LogEntryCodec.encodeMember(clock.stampMs(), member), proposal));
        return proposal.future;
    }

    /** The replicated member directory (members registered through {@link #registerMember}). */
    public java.util.Collection<Member> directory() {
        return fsm.directory.all();
    }

    /** Changes whenever the member directory does. */
    public long directoryVersion() {
        return fsm.directory.version();
    }

    private long appliedLedgerTimeMs() {
        return fsm.appliedLedgerTimeMs();
    }

    private void proposeTick() {
        Node node = this.node;
        if (node != null && node.isLeader()) {
            propose(TICK).exceptionally(e -> {
                LOG.debug("tick not applied: {}", e.toString());
                return null;
            });
        }
    }

    // ------------------------------------------------------------------ reads

    /**
     * This replica's state digest and the applied index it is at, as of the last applied batch: no lock, O(1)
     * ({@code DigestInputs.digestHex()} computes the digest itself).
     */
    public org.inventory.ledger.DigestInputs digest() {
        running(); // the empty ledger's digest while loading would be no replica's
        return fsm.digest();
    }

    /** How long the last snapshot held up apply (capturing the state), and how long writing it took beside apply (ms). */
    public long[] lastSnapshotMillis() {
        long[] ns = fsm.lastSnapshotTimes();
        return new long[] {ns[0] / 1_000_000, ns[1] / 1_000_000};
    }

    LedgerStateMachine fsm() {
        return fsm;
    }

    /** Reads this replica's applied state as it is now: fast, possibly behind the leader. */
    public <T> T readLocal(Function<Ledger, T> reader) {
        running(); // an empty ledger while loading is not this replica's state
        return fsm.read(reader);
    }

    /**
     * An upper bound, in ms, on how far behind a local read may be: the time since this replica's applied index was
     * last confirmed to have reached the leader's commit index ({@link Freshness}); as true on a leader as on a
     * follower.
     */
    public long stalenessMs() {
        return freshness.stalenessMs();
    }

    private void askReadIndex(long timeoutMs, java.util.function.Consumer<Boolean> confirmed) {
        running().readIndex(new byte[0], new ReadIndexClosure(timeoutMs) {
            @Override
            public void run(Status status, long index, byte[] requestContext) {
                confirmed.accept(status.isOk());
            }
        });
    }

    /**
     * Reads state that includes every write acknowledged before this call (Raft ReadIndex; works on followers too).
     * Fails with {@link ReplicaUnavailableException} when the read index cannot be confirmed within {@code timeout}.
     */
    public <T> CompletableFuture<T> readLinearizable(Function<Ledger, T> reader, Duration timeout) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Node node = this.node;
        if (node == null) {
            return CompletableFuture.failedFuture(new ReplicaUnavailableException(config.raftAddress() + " is still loading its state"));
        }
        node.readIndex(new byte[0], new ReadIndexClosure(timeout.toMillis()) {
            @Override
            public void run(Status status, long index, byte[] requestContext) {
                if (status.isOk()) {
                    // JRaft calls back only once this replica has applied up to the read index
                    try {
                        future.complete(fsm.read(reader));
                    } catch (RuntimeException e) {
                        future.completeExceptionally(e);
                    }
                } else {
                    future.completeExceptionally(new ReplicaUnavailableException("read index not confirmed: " + status));
                }
            }
        });
        return future;
    }

    /** Takes a snapshot on this replica now (and lets JRaft compact the log before it). */
    public CompletableFuture<Void> snapshotNow() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Node node = this.node;
        if (node == null) {
            return CompletableFuture.failedFuture(new ReplicaUnavailableException(config.raftAddress() + " is still loading its state"));
        }
        node.snapshot(status -> {
            if (status.isOk()) {
                done.complete(null);
            } else {
                done.completeExceptionally(new ReplicaUnavailableException("snapshot failed: " + status));
            }
        });
        return done;
    }

    /** Asks this replica, which must be the leader, to hand leadership to {@code raftAddress}. */
    public void transferLeadershipTo(String raftAddress) {
        PeerId peer = PeerId.parsePeer(raftAddress);
        if (peer == null) {
            throw new IllegalArgumentException("not a raft address (host:port): " + raftAddress);
        }
        Status status = running().transferLeadershipTo(peer);
        if (!status.isOk()) {
            if (status.getRaftError() == com.alipay.sofa.jraft.error.RaftError.EPERM) {
                throw new NotLeaderException(leaderRaftAddressOrNull(), "cannot transfer leadership: " + status.getErrorMsg());
            }
            throw new ReplicaUnavailableException("cannot transfer leadership to " + raftAddress + ": " + status);
        }
    }

    /**
     * Confirms with a quorum that this replica's view is current and returns the log index a linearizable read
     * must see (ReadIndex); on a leader this is what a follower whose own ReadIndex failed can ask for instead.
     */
    public CompletableFuture<Long> confirmReadIndex(Duration timeout) {
        CompletableFuture<Long> future = new CompletableFuture<>();
        Node node = this.node;
        if (node == null) {
            return CompletableFuture.failedFuture(new ReplicaUnavailableException(config.raftAddress() + " is still loading its state"));
        }
        node.readIndex(new byte[0], new ReadIndexClosure(timeout.toMillis()) {
            @Override
            public void run(Status status, long index, byte[] requestContext) {
                if (status.isOk()) {
                    future.complete(index);
                } else {
                    future.completeExceptionally(new ReplicaUnavailableException("read index not confirmed: " + status));
                }
            }
        });
        return future;
    }

    /**
     * DANGEROUS: makes {@code voters} this replica's configuration without asking anyone (JRaft resetPeers), for a
     * group that lost its quorum for good. Writes the lost majority acknowledged but this replica never received
     * are gone. Run it on every survivor with the same list.
     */
    public void forceResetVoters(java.util.List<String> voters) {
        Configuration conf = new Configuration();
        for (String v : voters) {
            PeerId peer = PeerId.parsePeer(v);
            if (peer == null) {
                throw new IllegalArgumentException("not a raft address (host:port): " + v);
            }
            conf.addPeer(peer);
        }
        Status status = running().resetPeers(conf);
        if (!status.isOk()) {
            throw new ReplicaUnavailableException("reset refused: " + status);
        }
        LOG.warn("configuration FORCED to {} on {}: acknowledged writes the old majority held may be lost", voters, config.raftAddress());
    }

    // ------------------------------------------------------------------ observation

    /**
     * True once this replica leads and has applied every entry of earlier terms (JRaft calls onLeaderStart only
     * then), so its local state is complete and its term is known.
     */
    public boolean isLeader() {
        Node node = this.node;
        return node != null && fsm.leaderTerm() > 0 && node.isLeader();
    }

    public Optional<String> leaderRaftAddress() {
        return Optional.ofNullable(leaderRaftAddressOrNull());
    }

    private String leaderRaftAddressOrNull() {
        Node node = this.node;
        PeerId leader = node == null ? null : node.getLeaderId();
        return leader == null || leader.isEmpty() ? null : leader.getEndpoint().toString();
    }

    /** The latest term in which this replica led or followed a leader. */
    public long term() {
        return fsm.knownTerm();
    }

    /** 0 while loading. */
    public long appliedIndex() {
        Node node = this.node;
        return node == null ? 0 : node.getLastAppliedLogIndex();
    }

    /** 0 while loading. */
    public long committedIndex() {
        Node node = this.node;
        return node == null ? 0 : node.getLastCommittedIndex();
    }

    /** Non-null once the state machine stopped applying (a bug or an unreadable entry); the replica is then unusable. */
    public Optional<String> failure() {
        if (started.isCompletedExceptionally()) {
            return Optional.of("failed to start: " + started.handle((v, e) -> e.toString()).join());
        }
        return Optional.ofNullable(fsm.failure()).map(e -> e.getStatus().toString());
    }

    public String raftAddress() {
        return config.raftAddress();
    }

    public String groupId() {
        return config.groupId();
    }

    /**
     * Registers the one listener told which SKUs' availability may have changed, after each applied batch. It runs
     * on the state machine's thread: it must only hand the work off.
     */
    public void onSkusChanged(java.util.function.Consumer<java.util.Set<String>> listener) {
        fsm.onSkusChanged(listener);
    }

    /**
     * Figures for monitoring, since this replica started.
     *
     * @param pendingProposals      reservations and other commands proposed here and not yet answered, or waiting
     *                              for a coalesced entry
     * @param coalescedEntries      entries group commit proposed
     * @param coalescedReservations single reservations those entries carried
     */
    public record Stats(int pendingProposals, long leaderChanges, long appliedEntries, long applyNanos, int snapshotsLoaded,
                        long coalescedEntries, long coalescedReservations) {
    }

    public Stats stats() {
        return new Stats(pending.get() + groupCommit.waiting(), fsm.leaderChanges(), fsm.appliedEntries(), fsm.applyNanos(),
                fsm.snapshotsLoaded(), groupCommit.entries(), groupCommit.reservations());
    }

    /** How many snapshots this replica loaded since it started (restart, or catch-up sent by the leader). */
    public int snapshotsLoaded() {
        return fsm.snapshotsLoaded();
    }

    /**
     * The membership this replica knows: the configuration in its log (JRaft's current one, learners included), or
     * the initial voters before it has any (a replica waiting to join knows none). JRaft tells the state machine
     * only about voter changes, so this asks the node rather than keeping track of callbacks.
     */
    public Members members() {
        Node node = this.node;
        com.alipay.sofa.jraft.conf.Configuration conf = node == null ? null : ((com.alipay.sofa.jraft.core.NodeImpl) node).getCurrentConf();
        if (conf == null || conf.isEmpty()) {
            return new Members(config.initialVoters(), java.util.List.of());
        }
        return new Members(conf.getPeers().stream().map(p -> p.getEndpoint().toString()).sorted().toList(),
                conf.getLearners().stream().map(p -> p.getEndpoint().toString()).sorted().toList());
    }

    Node node() {
        return node;
    }

    /** Stops the replica (no leadership transfer: to the others it is as if it crashed, minus the lost fsyncs). */
    @Override
    public void close() {
        try {
            started.handle((v, e) -> null).join(); // JRaft's start cannot be interrupted: let it end, then stop
        } catch (java.util.concurrent.CancellationException ignored) {
            // not started
        }
        ticker.close();
        freshness.close();
        service.shutdown();
        fsm.shutdown();
        try {
            service.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
