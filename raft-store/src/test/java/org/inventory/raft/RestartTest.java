package org.inventory.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RestartTest {

    @Test
    void aStoppedReplicaRecoversFromSnapshotPlusLogToTheSameDigest() throws Exception {
        try (LocalGroup group = new LocalGroup(3)) {
            LedgerReplica leader = group.awaitLeader();
            leader.propose(Commands.createSku("tee")).get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 30; i++) {
                leader.propose(Commands.receive("tee", 1)).get(10, TimeUnit.SECONDS);
            }
            int victim = group.indexOf(group.running().stream().filter(r -> r != leader).findFirst().orElseThrow());
            group.awaitConverged();
            group.replicas.get(victim).snapshotNow().get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 10; i++) {
                leader.propose(Commands.reserve("k" + i, "c" + i, "tee", 1)).get(10, TimeUnit.SECONDS);
            }
            group.awaitConverged();
            group.stop(victim);
            for (int i = 10; i < 20; i++) {
                leader.propose(Commands.reserve("k" + i, "c" + i, "tee", 1)).get(10, TimeUnit.SECONDS); // while it is down
            }

            LedgerReplica restarted = group.start(victim);
            String digest = group.awaitConverged();
            String restartedDigest = restarted.readLocal(l -> l.digestHex());
            assertThat(restartedDigest).isEqualTo(digest);
            long held = restarted.readLocal(l -> l.sku("tee").orElseThrow().getHeld());
            assertThat(held).isEqualTo(20);
        }
    }

    @Test
    void theWholeGroupRestartsFromItsDataDirectories() throws Exception {
        try (LocalGroup group = new LocalGroup(3)) {
            LedgerReplica leader = group.awaitLeader();
            leader.propose(Commands.createSku("tee")).get(10, TimeUnit.SECONDS);
            leader.propose(Commands.receive("tee", 4)).get(10, TimeUnit.SECONDS);
            leader.propose(Commands.reserve("k", "alice", "tee", 3)).get(10, TimeUnit.SECONDS);
            String before = group.awaitConverged();
            long appliedBefore = leader.appliedIndex();
            for (int i = 0; i < 3; i++) {
                group.stop(i);
            }
            for (int i = 0; i < 3; i++) {
                group.start(i);
            }
            LedgerReplica again = group.awaitLeader();
            org.awaitility.Awaitility.await().until(() -> group.running().stream().allMatch(r -> r.appliedIndex() > appliedBefore));
            group.awaitConverged();
            long held = again.readLocal(l -> l.sku("tee").orElseThrow().getHeld());
            assertThat(held).isEqualTo(3);
            assertThat(before).hasSize(64);
        }
    }
}
