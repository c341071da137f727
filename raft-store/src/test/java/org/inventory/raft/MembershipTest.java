package org.inventory.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MembershipTest {

    @Test
    void aNewLearnerCatchesUpBySnapshotIsPromotedAndAgrees() throws Exception {
        try (LocalGroup group = new LocalGroup(3)) {
            LedgerReplica leader = group.awaitLeader();
            leader.propose(Commands.createSku("tee")).get(10, TimeUnit.SECONDS);
            leader.propose(Commands.receive("tee", 100)).get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 20; i++) {
                leader.propose(Commands.reserve("k" + i, "c" + i, "tee", 1)).get(10, TimeUnit.SECONDS);
            }
            group.awaitConverged();
            // JRaft compacts the log up to the previous snapshot: two snapshots leave no early entries anywhere
            for (LedgerReplica r : group.running()) {
                r.snapshotNow().get(10, TimeUnit.SECONDS);
            }
            leader.propose(Commands.receive("tee", 1)).get(10, TimeUnit.SECONDS);
            group.awaitConverged();
            for (LedgerReplica r : group.running()) {
                r.snapshotNow().get(10, TimeUnit.SECONDS);
            }

            String newcomer = "127.0.0.1:" + LocalGroup.freePort();
            try (LedgerReplica joining = LedgerReplica.start(ReplicaConfig.of(newcomer, List.of(), group.root.resolve("n4")));
                 Membership membership = new Membership(group.running().get(0))) {
                // writes keep flowing while it joins
                Thread writer = new Thread(() -> {
                    for (int i = 20; i < 60; i++) {
                        try {
                            Checkout.proposeUntilAnswered(group, Commands.reserve("k" + i, "c" + i, "tee", 1), Duration.ofSeconds(20));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                writer.start();
                Members withLearner = membership.addLearner(newcomer).get(20, TimeUnit.SECONDS);
                assertThat(withLearner.learners()).containsExactly(newcomer);
                await().atMost(Duration.ofSeconds(30)).until(() -> joining.snapshotsLoaded() >= 1);

                Members promoted = membership.promote(newcomer).get(20, TimeUnit.SECONDS);
                assertThat(promoted.voters()).contains(newcomer).hasSize(4);
                assertThat(promoted.learners()).isEmpty();
                writer.join();

                // the leader ticks every 500 ms: compare all four at one applied index, not against an earlier digest
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
                    List<LedgerReplica> all = new java.util.ArrayList<>(group.running());
                    all.add(joining);
                    return all.stream().map(r -> r.readLocal(l -> l.lastAppliedIndex() + "/" + l.digestHex())).distinct().count() == 1;
                });
                long held = joining.readLocal(l -> l.sku("tee").orElseThrow().getHeld());
                assertThat(held).isEqualTo(60);
                await().until(() -> joining.members().voters().contains(newcomer));
            }
        }
    }

    @Test
    void aPromotionCutBetweenItsTwoChangesIsFinishedByPromotingAgain() throws Exception {
        try (LocalGroup group = new LocalGroup(3)) {
            LedgerReplica leader = group.awaitLeader();
            leader.propose(Commands.createSku("tee")).get(10, TimeUnit.SECONDS);
            String newcomer = "127.0.0.1:" + LocalGroup.freePort();
            try (LedgerReplica joining = LedgerReplica.start(ReplicaConfig.of(newcomer, List.of(), group.root.resolve("n4")));
                 Membership membership = new Membership(leader)) {
                membership.addLearner(newcomer).get(20, TimeUnit.SECONDS);
                // the first half of JRaft's learner-to-voter change, as a leader change would leave it
                Members neither = membership.remove(newcomer).get(20, TimeUnit.SECONDS);
                assertThat(neither.voters()).doesNotContain(newcomer);
                assertThat(neither.learners()).doesNotContain(newcomer);

                Members promoted = membership.promote(newcomer).get(30, TimeUnit.SECONDS);

                assertThat(promoted.voters()).hasSize(4).contains(newcomer);
                assertThat(promoted.learners()).isEmpty();
            }
        }
    }

    @Test
    void aVoterCanBeAddedDirectlyAndRemovedAgain() throws Exception {
        try (LocalGroup group = new LocalGroup(3)) {
            LedgerReplica leader = group.awaitLeader();
            leader.propose(Commands.createSku("tee")).get(10, TimeUnit.SECONDS);
            String newcomer = "127.0.0.1:" + LocalGroup.freePort();
            try (LedgerReplica joining = LedgerReplica.start(ReplicaConfig.of(newcomer, List.of(), group.root.resolve("n4")));
                 Membership membership = new Membership(leader)) {
                Members grown = membership.addVoter(newcomer).get(20, TimeUnit.SECONDS);
                assertThat(grown.voters()).hasSize(4).contains(newcomer);
                await().atMost(Duration.ofSeconds(20)).until(() -> joining.readLocal(l -> l.sku("tee").isPresent()));
                assertThatThrownBy(() -> membership.addLearner(newcomer).join())
                        .as("a voter cannot also be a learner").cause().isInstanceOf(RuntimeException.class);
                Members shrunk = membership.remove(newcomer).get(20, TimeUnit.SECONDS);
                assertThat(shrunk.voters()).hasSize(3).doesNotContain(newcomer);
            }
            // the group still commits with its three voters
            assertThat(Checkout.proposeUntilAnswered(group, Commands.receive("tee", 1), Duration.ofSeconds(20)).getCode())
                    .isEqualTo(org.inventory.ledger.proto.ResultCode.OK);
        }
    }

    @Test
    void removalsThatWouldBreakQuorumAreRefused() throws Exception {
        try (LocalGroup group = new LocalGroup(3)) {
            LedgerReplica leader = group.awaitLeader();
            int down = group.indexOf(group.running().stream().filter(r -> r != leader).findFirst().orElseThrow());
            String downAddress = group.addresses.get(down);
            group.stop(down);
            String other = group.running().stream().filter(r -> r != leader).findFirst().orElseThrow().raftAddress();
            try (Membership membership = new Membership(leader)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> !membership.liveVoters().get().contains(downAddress));
                // 3 voters, one down: removing a live one leaves 2 voters of which 1 is alive
                assertThatThrownBy(() -> membership.remove(other).join())
                        .isInstanceOf(CompletionException.class).cause().isInstanceOf(MembershipChangeRefusedException.class)
                        .hasMessageContaining("quorum");
                assertThatThrownBy(() -> membership.remove("127.0.0.1:1").join())
                        .cause().isInstanceOf(MembershipChangeRefusedException.class).hasMessageContaining("not a member");
                // removing the dead one is fine
                Members after = membership.remove(downAddress).get(20, TimeUnit.SECONDS);
                assertThat(after.voters()).hasSize(2).doesNotContain(downAddress);
            }
        }
    }

    @Test
    void leadershipCanBeHandedToAChosenVoter() throws Exception {
        try (LocalGroup group = new LocalGroup(3)) {
            LedgerReplica leader = group.awaitLeader();
            LedgerReplica target = group.running().stream().filter(r -> r != leader).findFirst().orElseThrow();
            try (Membership membership = new Membership(target)) {
                membership.transferLeader(target.raftAddress()).get(20, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(20)).until(target::isLeader);
        }
    }
}
