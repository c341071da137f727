package org.inventory.raft;

import com.alipay.sofa.jraft.CliService;
import com.alipay.sofa.jraft.RaftServiceFactory;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.option.CliOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Membership changes of the group, through JRaft's CliService: it finds the leader from the configuration this
 * replica knows and waits until the change is committed. Those calls block, so they run on a thread of their own
 * and come back as futures; changes are serialised (JRaft refuses a second one while the first is in flight anyway).
 */
public final class Membership implements AutoCloseable {
    private final LedgerReplica replica;
    private final CliService cli;
    private final ExecutorService worker;

    public Membership(LedgerReplica replica) {
        this.replica = replica;
        CliOptions options = new CliOptions();
        options.setTimeoutMs(10_000);
        options.setMaxRetry(3);
        this.cli = RaftServiceFactory.createAndInitCliService(options);
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "membership-" + replica.raftAddress());
            t.setDaemon(true);
            return t;
        });
    }

    /** Adds a voter; completes once the new configuration is committed. */
    public CompletableFuture<Members> addVoter(String raftAddress) {
        return change(() -> cli.addPeer(group(), known(), peer(raftAddress)), m -> m.voters().contains(raftAddress));
    }

    /** Adds a learner: it receives the log (or a snapshot) but does not vote. */
    public CompletableFuture<Members> addLearner(String raftAddress) {
        return change(() -> cli.addLearners(group(), known(), List.of(peer(raftAddress))), m -> m.learners().contains(raftAddress));
    }

    /**
     * Turns a learner into a voter. JRaft's learner2Follower is two changes (remove the learner, then add the voter)
     * and the second is refused while the node has not caught up: then the learner is put back, so a too-early
     * promotion leaves the group as it was (answered as "not caught up yet, retry") instead of one member short.
     * A node in neither role (a promotion cut between its two changes) is added as a voter, finishing it.
     */
    public CompletableFuture<Members> promote(String raftAddress) {
        return change(() -> {
            Members members = fromLeader();
            if (members.voters().contains(raftAddress)) {
                return Status.OK();
            }
            if (!members.learners().contains(raftAddress)) {
                // JRaft promotes in two steps (drop the learner, add the voter); a leader change or a crash between
                // them leaves the node in neither role, where refusing would strand it. Finish the promotion: JRaft
                // catches the node up before the configuration changes, and fails the call if it cannot.
                return cli.addPeer(group(), known(), peer(raftAddress));
            }
            Status removed = cli.removeLearners(group(), known(), List.of(peer(raftAddress)));
            if (!removed.isOk()) {
                return removed;
            }
            Status added = cli.addPeer(group(), known(), peer(raftAddress));
            if (!added.isOk()) {
                Status restored = cli.addLearners(group(), known(), List.of(peer(raftAddress)));
                if (!restored.isOk()) {
                    return new Status(RaftError.EINTERNAL, "promotion of %s failed (%s) and it could not be made a learner "
                            + "again (%s): add it back with add-member --learner", raftAddress, added, restored);
                }
            }
            return added;
        }, m -> m.voters().contains(raftAddress));
    }

    /**
     * Removes a voter or a learner. Refuses to remove the last voter, or a voter whose removal would leave fewer
     * live voters than the new configuration's majority. "Live" is the leader's view (heard from within its lease),
     * so a voter that died in the last election timeout still counts as live: check {@link #liveVoters} first.
     */
    public CompletableFuture<Members> remove(String raftAddress) {
        return change(() -> {
            Members members = fromLeader();
            if (members.learners().contains(raftAddress)) {
                return cli.removeLearners(group(), known(), List.of(peer(raftAddress)));
            }
            if (!members.voters().contains(raftAddress)) {
                throw new MembershipChangeRefusedException(raftAddress + " is not a member of the group");
            }
            if (members.voters().size() == 1) {
                throw new MembershipChangeRefusedException("refusing to remove the last voter " + raftAddress);
            }
            Set<String> remaining = new HashSet<>(members.voters());
            remaining.remove(raftAddress);
            Set<String> alive = new HashSet<>();
            for (PeerId p : cli.getAlivePeers(group(), known())) {
                alive.add(p.getEndpoint().toString());
            }
            alive.retainAll(remaining);
            int majority = remaining.size() / 2 + 1;
            if (alive.size() < majority) {
                throw new MembershipChangeRefusedException("removing " + raftAddress + " would leave " + alive.size()
                        + " live voters of " + remaining.size() + ", fewer than the " + majority + " a quorum needs");
            }
            return cli.removePeer(group(), known(), peer(raftAddress));
        }, m -> !m.contains(raftAddress));
    }

    /** Hands leadership to a voter. */
    public CompletableFuture<Members> transferLeader(String raftAddress) {
        return change(() -> cli.transferLeader(group(), known(), peer(raftAddress)), m -> false);
    }

    /** Takes a snapshot on the given member now. */
    public CompletableFuture<Members> snapshot(String raftAddress) {
        return change(() -> cli.snapshot(group(), peer(raftAddress)), m -> false);
    }

    private CompletableFuture<Members> change(Supplier<Status> operation, java.util.function.Predicate<Members> alreadyDone) {
        return CompletableFuture.supplyAsync(() -> {
            Status status = withRetries(operation, alreadyDone);
            if (!status.isOk()) {
                RaftError error = status.getRaftError();
                if (error == RaftError.EPERM || error == RaftError.EINVAL || error == RaftError.EEXISTS
                        || error == RaftError.ENOENT || error == RaftError.EBUSY) {
                    throw new MembershipChangeRefusedException(status.getErrorMsg() + " (" + error + ")");
                }
                throw new ReplicaUnavailableException("membership change failed: " + status);
            }
            return fromLeader();
        }, worker);
    }

    /**
     * Runs a CLI call, asking again (up to ~2 s) when it failed on the way: right after an election or a transfer
     * the replica it asked may have stopped leading. Before asking again it checks whether the change is already
     * in place (the failed call may have gone through), so a retry never reports a done change as an error.
     */
    private Status withRetries(Supplier<Status> operation, java.util.function.Predicate<Members> alreadyDone) {
        for (int attempt = 1; ; attempt++) {
            try {
                if (attempt > 1 && alreadyDone.test(fromLeader())) {
                    return Status.OK();
                }
                return operation.get();
            } catch (MembershipChangeRefusedException refused) {
                throw refused;
            } catch (RuntimeException e) {
                if (attempt == 10) {
                    throw new ReplicaUnavailableException("membership call failed: " + e);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new ReplicaUnavailableException("interrupted while waiting for a leader");
                }
            }
        }
    }

    /**
     * The membership as the leader has it (this replica may not have applied the change yet). Right after a change
     * (a leadership transfer above all) the group may be between leaders for a moment: ask again briefly, then
     * settle for what this replica knows.
     */
    private Members fromLeader() {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                Configuration conf = known();
                return new Members(cli.getPeers(group(), conf).stream().map(p -> p.getEndpoint().toString()).sorted().toList(),
                        cli.getLearners(group(), conf).stream().map(p -> p.getEndpoint().toString()).sorted().toList());
            } catch (RuntimeException noLeaderYet) { // IllegalStateException or JRaftException, depending on where it failed
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return replica.members();
    }

    /** Voters the leader heard from within its lease (what a removal's quorum check counts as alive). */
    public CompletableFuture<List<String>> liveVoters() {
        return CompletableFuture.supplyAsync(() -> cli.getAlivePeers(group(), known()).stream()
                .map(p -> p.getEndpoint().toString()).sorted().toList(), worker);
    }

    private String group() {
        return replica.groupId();
    }

    private Configuration known() {
        Members m = replica.members();
        Configuration conf = new Configuration();
        m.voters().forEach(v -> conf.addPeer(peer(v)));
        m.learners().forEach(l -> conf.addLearner(peer(l)));
        return conf;
    }

    private static PeerId peer(String raftAddress) {
        PeerId peer = PeerId.parsePeer(raftAddress);
        if (peer == null) {
            throw new MembershipChangeRefusedException("not a raft address (host:port): " + raftAddress);
        }
        return peer;
    }

    @Override
    public void close() {
        worker.shutdownNow();
        cli.shutdown();
    }
}
