package org.inventory.http;

import java.util.ArrayList;
import java.util.List;

/** A member of the cluster: its node id, Raft endpoint and HTTP endpoint (both "host:port"). */
public record Peer(String nodeId, String raft, String http) {

    /** Parses {@code n1=RAFTHOST:PORT@HTTPHOST:PORT,n2=...} (contract.md §1). */
    public static List<Peer> parseList(String text) {
        List<Peer> peers = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return peers;
        }
        for (String item : text.split(",")) {
            String s = item.trim();
            int eq = s.indexOf('=');
            int at = s.indexOf('@');
            if (eq < 1 || at < eq + 2 || at == s.length() - 1) {
                throw new IllegalArgumentException("peer '" + s + "' is not NODE_ID=RAFTHOST:PORT@HTTPHOST:PORT");
            }
            peers.add(new Peer(s.substring(0, eq), hostPort(s.substring(eq + 1, at)), hostPort(s.substring(at + 1))));
        }
        return peers;
    }

    static String hostPort(String text) {
        return org.inventory.raft.Addresses.hostPort(text);
    }
}
