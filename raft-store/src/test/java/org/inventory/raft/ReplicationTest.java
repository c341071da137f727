package org.inventory.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.ReservationState;
import org.inventory.ledger.proto.ResultCode;
import org.junit.jupiter.api.Test;

class ReplicationTest {

    @Test
    void threeReplicasElectALeaderAndApplyTheSameLog() throws Exception {
        try (LocalGroup group = new LocalGroup(3)) {
            LedgerReplica leader = group.awaitLeader();
            assertThat(leader.term()).isPositive();
            leader.propose(Commands.createSku("tee")).get(10, TimeUnit.SECONDS);
            leader.propose(Commands.receive("tee", 5)).get(10, TimeUnit.SECONDS);
            CommandResult r = leader.propose(Commands.reserve("k1", "alice", "tee", 2)).get(10, TimeUnit.SECONDS);
            assertThat(r.getCode()).isEqualTo(ResultCode.OK);
            assertThat(r.getReservation().getState()).isEqualTo(ReservationState.HELD);

            String digest = group.awaitConverged();
            for (LedgerReplica replica : group.running()) {
                long held = replica.readLocal(l -> l.sku("tee").orElseThrow().getHeld());
                assertThat(held).isEqualTo(2);
                boolean known = replica.readLocal(l -> l.reservation(r.getReservation().getReservationId()).isPresent());
                assertThat(known).isTrue();
                assertThat(replica.leaderRaftAddress()).contains(leader.raftAddress());
            }
            assertThat(digest).hasSize(64);
        }
    }

    @Test
    void followersRefuseProposalsAndNameTheLeader() throws Exception {
        try (LocalGroup group = new LocalGroup(3)) {
            LedgerReplica leader = group.awaitLeader();
            LedgerReplica follower = group.running().stream().filter(r -> r != leader).findFirst().orElseThrow();
            org.awaitility.Awaitility.await().until(() -> follower.leaderRaftAddress().isPresent());
            assertThatThrownBy(() -> follower.propose(Commands.createSku("x")).join())
                    .isInstanceOf(CompletionException.class).cause().isInstanceOf(NotLeaderException.class)
                    .extracting(e -> ((NotLeaderException) e).leaderRaftAddress()).isEqualTo(leader.raftAddress());
        }
    }

    @Test
    void linearizableReadsOnAFollowerSeeAcknowledgedWrites() throws Exception {
        try (LocalGroup group = new LocalGroup(3)) {
            LedgerReplica leader = group.awaitLeader();
            LedgerReplica follower = group.running().stream().filter(r -> r != leader).findFirst().orElseThrow();
            leader.propose(Commands.createSku("tee")).get(10, TimeUnit.SECONDS);
            for (int i = 1; i <= 20; i++) {
                leader.propose(Commands.receive("tee", 1)).get(10, TimeUnit.SECONDS);
                long onHand = follower.readLinearizable(l -> l.sku("tee").orElseThrow().getOnHand(), Duration.ofSeconds(5))
                        .get(10, TimeUnit.SECONDS);
                assertThat(onHand).as("read after the %dth acknowledged receipt", i).isEqualTo(i);
            }
        }
    }

    @Test
    void theLeaderTicksSoHoldsExpireWithoutOtherTraffic() throws Exception {
        try (LocalGroup group = new LocalGroup(3, c -> c.withTickInterval(Duration.ofMillis(100)))) {
            LedgerReplica leader = group.awaitLeader();
            leader.propose(org.inventory.ledger.proto.LedgerCommand.newBuilder().setUpsertSkuPolicy(
                    org.inventory.ledger.proto.UpsertSkuPolicy.newBuilder().setSku("tee").setHoldTtlSeconds(1)).build())
                    .get(10, TimeUnit.SECONDS);
            leader.propose(Commands.receive("tee", 1)).get(10, TimeUnit.SECONDS);
            String id = leader.propose(Commands.reserve("k", "alice", "tee", 1)).get(10, TimeUnit.SECONDS)
                    .getReservation().getReservationId();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> group.running().stream()
                    .allMatch(r -> r.readLocal(l -> l.reservation(id).orElseThrow().getState()) == ReservationState.EXPIRED));
            assertThat(group.running()).allSatisfy(r -> assertThat(r.stalenessMs()).isLessThan(2_000));
        }
    }

    @Test
    void theMemberDirectoryIsReplicatedAndSurvivesASnapshotRestart() throws Exception {
        try (LocalGroup group = new LocalGroup(3)) {
            LedgerReplica leader = group.awaitLeader();
            Member m = new Member("n9", "127.0.0.1:7999", "127.0.0.1:8999");
            assertThat(leader.registerMember(m).get(10, TimeUnit.SECONDS).getCode()).isEqualTo(ResultCode.OK);
            org.awaitility.Awaitility.await().until(() -> group.running().stream().allMatch(r -> r.directory().contains(m)));
            int follower = group.indexOf(group.running().stream().filter(r -> r != leader).findFirst().orElseThrow());
            group.replicas.get(follower).snapshotNow().get(10, TimeUnit.SECONDS);
            group.stop(follower);
            LedgerReplica restarted = group.start(follower);
            org.awaitility.Awaitility.await().until(() -> restarted.directory().contains(m));
            assertThat(restarted.snapshotsLoaded()).isEqualTo(1);
        }
    }
}
