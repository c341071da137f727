package org.inventory.raft;

/** A node of the cluster as the replicated directory knows it: its id, Raft endpoint and HTTP endpoint. */
public record Member(String nodeId, String raft, String http) {
}
