package org.inventory.http;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.inventory.raft.LedgerReplica;

/** Every response says who leads (as this node knows it) and how far this node has applied the log. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ClusterHeadersFilter {
    private final LedgerReplica replica;
    private final NodeDirectory directory;

    ClusterHeadersFilter(LedgerReplica replica, NodeDirectory directory) {
        this.replica = replica;
        this.directory = directory;
    }

    @ResponseFilter
    void addHeaders(MutableHttpResponse<?> response) {
        response.header("X-Inventory-Leader", directory.leaderNodeId());
        response.header("X-Inventory-Applied-Index", String.valueOf(replica.appliedIndex()));
    }
}
