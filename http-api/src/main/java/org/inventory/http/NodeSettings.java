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
                           Optional<Tokens> tokens, Optional<NodeTls> tls) {

    public NodeSettings(String nodeId, String http, String raft, List<Peer> peers, boolean join, Path dataDir,
                        Optional<Tokens> tokens) {
        this(nodeId, http, raft, peers, join, dataDir, tokens, Optional.empty());
    }

    public NodeSettings {
        peers = List.copyOf(peers);
        if (!join && peers.stream().noneMatch(p -> p.nodeId().equals(nodeId))) {
            throw new IllegalArgumentException("--peers must include this node (" + nodeId + ") unless it --join s");
        }
    }

    /** The URL of {@code path} on the node serving HTTP at {@code hostPort}: every node speaks HTTPS when this one does. */
    String url(String hostPort, String path) {
        return (tls.isPresent() ? "https://" : "http://") + hostPort + path;
    }

    /** A client for calls to peers: mutual TLS with the cluster CA when TLS is on. */
    java.net.http.HttpClient peerClient(java.time.Duration connectTimeout) {
        java.net.http.HttpClient.Builder b = java.net.http.HttpClient.newBuilder().connectTimeout(connectTimeout);
        return tls.map(t -> t.secure(b)).orElse(b).build();
    }

    List<String> initialVoters() {
        return join ? List.of() : peers.stream().map(Peer::raft).toList();
    }
}
