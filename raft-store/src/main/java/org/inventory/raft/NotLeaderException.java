package org.inventory.raft;

/** A proposal or leader-only operation reached a replica that is not the leader. */
public final class NotLeaderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String leaderRaftAddress;

    public NotLeaderException(String leaderRaftAddress, String message) {
        super(message);
        this.leaderRaftAddress = leaderRaftAddress;
    }

    /** The leader this replica knows of, as "host:port" of its Raft endpoint, or null when none is known. */
    public String leaderRaftAddress() {
        return leaderRaftAddress;
    }
}
