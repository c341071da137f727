package org.inventory.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
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

            assertCaughtUp(group, group.start(victim), 20);
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

    @Test
    void aReplicaStartedInTheBackgroundAnswersNothingFromItsLedgerUntilItsSnapshotIsLoaded() throws Exception {
        try (LocalGroup group = new LocalGroup(3)) {
            LedgerReplica leader = group.awaitLeader();
            leader.propose(Commands.createSku("tee")).get(10, TimeUnit.SECONDS);
            leader.propose(Commands.receive("tee", 5)).get(10, TimeUnit.SECONDS);
            leader.propose(Commands.reserve("k", "alice", "tee", 2)).get(10, TimeUnit.SECONDS);
            int victim = snapshotAndStopAFollower(group, leader);

            CountDownLatch loading = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            LedgerReplica restarting = LedgerReplica.startInBackground(group.config(victim), r -> r.fsm().beforeSnapshotLoad = () -> {
                loading.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            group.replicas.set(victim, restarting);
            try {
                assertThat(loading.await(20, TimeUnit.SECONDS)).as("the restart reached its snapshot").isTrue();
                assertThat(restarting.loading()).isTrue();
                assertThat(restarting.started()).isNotDone();
                // its ledger is empty until loaded: no read may see it, no write may be taken
                assertThatThrownBy(() -> restarting.readLocal(l -> l.sku("tee")))
                        .isInstanceOf(ReplicaUnavailableException.class).hasMessageContaining("still loading");
                assertThatThrownBy(() -> restarting.readLinearizable(l -> l.sku("tee"), Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ReplicaUnavailableException.class);
                assertThatThrownBy(() -> restarting.propose(Commands.receive("tee", 1)).get(5, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(NotLeaderException.class)
                        .hasMessageContaining("still loading");
                assertThatThrownBy(restarting::digest).isInstanceOf(ReplicaUnavailableException.class);
                assertThatThrownBy(() -> restarting.snapshotNow().get(5, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ReplicaUnavailableException.class);
                assertThat(restarting.isLeader()).isFalse();
                assertThat(restarting.leaderRaftAddress()).isEmpty();
                assertThat(restarting.appliedIndex()).isZero();
                assertThat(restarting.failure()).isEmpty();
                assertThat(restarting.members().voters()).containsExactlyInAnyOrderElementsOf(group.addresses);
                // the others go on without it
                leader.propose(Commands.reserve("k2", "bob", "tee", 1)).get(10, TimeUnit.SECONDS);
            } finally {
                release.countDown();
            }
            restarting.started().get(20, TimeUnit.SECONDS);
            assertThat(restarting.loading()).isFalse();
            assertCaughtUp(group, restarting, 3);
        }
    }

    @Test
    void aReplicaThatCannotLoadItsSnapshotSaysWhyAndNeverServes() throws Exception {
        try (LocalGroup group = new LocalGroup(3)) {
            LedgerReplica leader = group.awaitLeader();
            leader.propose(Commands.createSku("tee")).get(10, TimeUnit.SECONDS);
            int victim = snapshotAndStopAFollower(group, leader);
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(group.root.resolve("n" + (victim + 1)).resolve("snapshot"))) {
                for (java.nio.file.Path f : files.filter(f -> f.getFileName().toString().equals(LedgerStateMachine.SNAPSHOT_FILE)).toList()) {
                    byte[] bytes = java.nio.file.Files.readAllBytes(f);
                    bytes[bytes.length / 2] ^= 0x40;
                    java.nio.file.Files.write(f, bytes);
                }
            }

            LedgerReplica broken = LedgerReplica.startInBackground(group.config(victim));
            group.replicas.set(victim, broken);
            assertThatThrownBy(() -> broken.started().get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            assertThat(broken.loading()).isTrue();
            assertThat(broken.failure()).hasValueSatisfying(f -> assertThat(f).startsWith("failed to start"));
            assertThatThrownBy(() -> broken.readLocal(l -> l.sku("tee")))
                    .isInstanceOf(ReplicaUnavailableException.class).hasMessageContaining("failed to start");
        }
    }

    /** Snapshots a follower once the group agrees, stops it, and returns its index. */
    private static int snapshotAndStopAFollower(LocalGroup group, LedgerReplica leader) throws Exception {
        int victim = group.indexOf(group.running().stream().filter(r -> r != leader).findFirst().orElseThrow());
        group.awaitConverged();
        group.replicas.get(victim).snapshotNow().get(10, TimeUnit.SECONDS);
        group.stop(victim);
        return victim;
    }

    /** The restarted replica reaches the group's digest and holds {@code held} units of "tee". */
    private static void assertCaughtUp(LocalGroup group, LedgerReplica restarted, long held) {
        String digest = group.awaitConverged();
        String restartedDigest = restarted.readLocal(l -> l.digestHex());
        assertThat(restartedDigest).isEqualTo(digest);
        long heldNow = restarted.readLocal(l -> l.sku("tee").orElseThrow().getHeld());
        assertThat(heldNow).isEqualTo(held);
    }
}
