package org.inventory.http;

import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.inventory.raft.LedgerReplica;
import org.inventory.raft.Member;

/**
 * Node id, Raft and HTTP address of every member this node knows: the replicated directory (members added at
 * runtime) over the initial --peers.
 */
@Singleton
final class NodeDirectory {
    private final LedgerReplica replica;
    private final NodeSettings settings;

    NodeDirectory(LedgerReplica replica, NodeSettings settings) {
        this.replica = replica;
        this.settings = settings;
    }

    Map<String, Peer> byRaft() {
        Map<String, Peer> all = new LinkedHashMap<>();
        settings.peers().forEach(p -> all.put(p.raft(), p));
        all.putIfAbsent(settings.raft(), new Peer(settings.nodeId(), settings.raft(), settings.http()));
        for (Member m : replica.directory()) {
            all.put(m.raft(), new Peer(m.nodeId(), m.raft(), m.http()));
        }
        return all;
    }

    Optional<Peer> byRaft(String raft) {
        return Optional.ofNullable(byRaft().get(raft));
    }

    Optional<Peer> byNodeId(String nodeId) {
        return byRaft().values().stream().filter(p -> p.nodeId().equals(nodeId)).findFirst();
    }

    Optional<Peer> leader() {
        return replica.leaderRaftAddress().flatMap(this::byRaft);
    }

    /** The last answer of {@link #leaderNodeId}, valid while the leader's address and the directory stay the same. */
    private record LeaderName(String raft, long directoryVersion, String nodeId) {
    }

    private volatile LeaderName leaderName = new LeaderName(null, -1, "");

    /**
     * The leader's node id, or "" when none is known: what every response's X-Inventory-Leader says. Remembered
     * until the leader or the directory changes, because rebuilding the directory for every response was a
     * measurable share of a request's garbage.
     */
    String leaderNodeId() {
        String raft = replica.leaderRaftAddress().orElse(null);
        long version = replica.directoryVersion();
        LeaderName last = leaderName;
        if (java.util.Objects.equals(raft, last.raft()) && version == last.directoryVersion()) {
            return last.nodeId();
        }
        String nodeId = raft == null ? "" : byRaft(raft).map(Peer::nodeId).orElse("");
        leaderName = new LeaderName(raft, version, nodeId);
        return nodeId;
    }
}
