package org.inventory.raft;

import java.util.List;

/** A group's membership: voters decide, learners only follow. Addresses are Raft endpoints, "host:port". */
public record Members(List<String> voters, List<String> learners) {
    public Members {
        voters = List.copyOf(voters);
        learners = List.copyOf(learners);
    }

    public boolean contains(String raftAddress) {
        return voters.contains(raftAddress) || learners.contains(raftAddress);
    }
}
