package org.inventory.raft.bench;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.RaftGroupService;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.core.StateMachineAdapter;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.entity.Task;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.rpc.RaftRpcServerFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.inventory.raft.ReplicaConfig;

/**
 * The engine ceiling: a three-node SOFAJRaft group whose state machine only counts entries, started with the very
 * options {@code LedgerReplica} uses. What the ledger group reaches below this is the price of our own layer.
 */
final class CounterGroup implements AutoCloseable {
    static final class CounterFsm extends StateMachineAdapter {
        long applied;
        volatile long leaderTerm = -1;

        @Override
        public void onApply(Iterator it) {
            while (it.hasNext()) {
                applied++;
                Closure done = it.done();
                if (done != null) {
                    done.run(Status.OK());
                }
                it.next();
            }
        }

        @Override
        public void onLeaderStart(long term) {
            leaderTerm = term;
        }

        @Override
        public void onLeaderStop(Status status) {
            leaderTerm = -1;
        }
    }

    private final List<RaftGroupService> services = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<CounterFsm> fsms = new ArrayList<>();

    CounterGroup(List<String> addresses, Path root, boolean sync) throws IOException {
        Configuration conf = new Configuration();
        addresses.forEach(a -> conf.addPeer(PeerId.parsePeer(a)));
        for (int i = 0; i < addresses.size(); i++) {
            Path dir = root.resolve("c" + i);
            Files.createDirectories(dir);
            ReplicaConfig config = ReplicaConfig.of(addresses.get(i), addresses, dir).withSync(sync);
            NodeOptions options = new NodeOptions();
            CounterFsm fsm = new CounterFsm();
            options.setFsm(fsm);
            options.setInitialConf(conf);
            options.setElectionTimeoutMs((int) config.electionTimeout().toMillis());
            options.setLogUri(dir.resolve("log").toString());
            options.setRaftMetaUri(dir.resolve("raft_meta").toString());
            options.setSnapshotUri(dir.resolve("snapshot").toString());
            options.setRaftOptions(org.inventory.raft.LedgerReplica.raftOptions(config));
            PeerId self = PeerId.parsePeer(addresses.get(i));
            RaftGroupService service = new RaftGroupService(config.groupId() + "-counter", self, options,
                    RaftRpcServerFactory.createRaftRpcServer(self.getEndpoint()));
            services.add(service);
            nodes.add(service.start());
            fsms.add(fsm);
        }
    }

    Node awaitLeader() throws InterruptedException {
        while (true) {
            for (int i = 0; i < nodes.size(); i++) {
                if (fsms.get(i).leaderTerm > 0 && nodes.get(i).isLeader()) {
                    return nodes.get(i);
                }
            }
            Thread.sleep(20);
        }
    }

    static CompletableFuture<Void> propose(Node leader, byte[] payload) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        leader.apply(new Task(ByteBuffer.wrap(payload), status -> {
            if (status.isOk()) {
                done.complete(null);
            } else {
                done.completeExceptionally(new IllegalStateException(status.toString()));
            }
        }));
        return done;
    }

    @Override
    public void close() throws InterruptedException {
        for (RaftGroupService s : services) {
            s.shutdown();
        }
        for (RaftGroupService s : services) {
            s.join();
        }
    }
}
