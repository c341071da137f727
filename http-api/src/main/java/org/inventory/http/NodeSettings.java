package org.inventory.http;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Who this node is and how it reaches the others (contract.md §1).
 *
 * @param tokens empty only when the node was started with --insecure-no-auth
 */
public record NodeSettings(String nodeId, String http, String raft, List<Peer> peers, boolean join, Path dataDir,
                           Optional<Tokens> tokens) {

    public NodeSettings {
        peers = List.copyOf(peers);
        if (!join && peers.stream().noneMatch(p -> p.nodeId().equals(nodeId))) {
            throw new IllegalArgumentException("--peers must include this node (" + nodeId + ") unless it --join s");
        }
    }

    List<String> initialVoters() {
        return join ? List.of() : peers.stream().map(Peer::raft).toList();
    }
}
