package org.inventory.http;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.inventory.raft.LedgerReplica;
import org.inventory.raft.Member;

/**
 * Puts the initial members (--peers) into the replicated directory, from whichever of them leads: a node that joins
 * later knows no --peers and must still be able to name n1 (to remove it, say) and forward to it.
 */
@Context
final class DirectorySeeder {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "directory-seeder");
        t.setDaemon(true);
        return t;
    });

    DirectorySeeder(LedgerReplica replica, NodeSettings settings) {
        timer.scheduleWithFixedDelay(() -> {
            if (!replica.isLeader()) {
                return;
            }
            for (Peer p : settings.peers()) {
                Member m = new Member(p.nodeId(), p.raft(), p.http());
                boolean known = replica.directory().stream().anyMatch(d -> d.raft().equals(p.raft()));
                if (!known) {
                    replica.registerMember(m); // at worst proposed twice: the directory keeps the last, equal entry
                }
            }
        }, 1, 2, TimeUnit.SECONDS);
    }

    @PreDestroy
    void close() {
        timer.shutdownNow();
    }
}
