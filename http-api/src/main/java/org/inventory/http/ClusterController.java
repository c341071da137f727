package org.inventory.http;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.inventory.raft.LedgerReplica;
import org.inventory.raft.Members;

/** What this node knows of the cluster, and its state digest (no token needed). */
@Controller("/v1/cluster")
final class ClusterController {
    private final LedgerReplica replica;
    private final NodeSettings settings;
    private final NodeDirectory directory;

    ClusterController(LedgerReplica replica, NodeSettings settings, NodeDirectory directory) {
        this.replica = replica;
        this.settings = settings;
        this.directory = directory;
    }

    @Get
    Map<String, Object> cluster() {
        Optional<String> leaderRaft = replica.leaderRaftAddress();
        Members members = replica.members();
        List<Map<String, Object>> list = new ArrayList<>();
        for (String raft : members.voters()) {
            list.add(member(raft, leaderRaft.filter(raft::equals).isPresent() ? "LEADER" : "FOLLOWER"));
        }
        for (String raft : members.learners()) {
            list.add(member(raft, "LEARNER"));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("group", replica.groupId());
        out.put("leader", leaderRaft.flatMap(directory::byRaft).map(Peer::nodeId).orElse(null));
        out.put("term", replica.term());
        out.put("self", settings.nodeId());
        out.put("members", list);
        return out;
    }

    private Map<String, Object> member(String raft, String role) {
        Optional<Peer> peer = directory.byRaft(raft);
        boolean self = raft.equals(settings.raft());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node_id", peer.map(Peer::nodeId).orElse(self ? settings.nodeId() : null));
        m.put("role", self && replica.isLeader() ? "LEADER" : role);
        m.put("raft", raft);
        m.put("http", peer.map(Peer::http).orElse(self ? settings.http() : null));
        // only this node's own applied index is known here; the leader's view of the others comes with invctl status
        m.put("applied_index", self ? replica.appliedIndex() : null);
        m.put("lag", self ? Math.max(0, replica.committedIndex() - replica.appliedIndex()) : null);
        return m;
    }

    /**
     * O(1) and lock-free: the digest's inputs as of the last applied batch are a published value (the state machine
     * keeps the digest up to date as it applies), so no request for it waits for apply or holds it up, and none
     * keeps the event loop for longer than one SHA-256 of 88 bytes.
     */
    @Get("/digest")
    Map<String, Object> digest() {
        if (replica.loading()) {
            throw new ApiException(io.micronaut.http.HttpStatus.SERVICE_UNAVAILABLE, "not_ready",
                    "this node is still loading its state; retry").retryAfter(1);
        }
        org.inventory.ledger.DigestInputs d = replica.digest();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("applied_index", d.appliedIndex());
        out.put("digest", d.digestHex());
        return out;
    }
}
