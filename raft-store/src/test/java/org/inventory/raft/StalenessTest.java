package org.inventory.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The staleness figure says how far a local read may be behind the leader, on followers and leaders alike. */
class StalenessTest {
    @Test
    void everyReplicaOfAHealthyGroupIsFresh() throws Exception {
        try (LocalGroup group = new LocalGroup(3)) {
            group.awaitLeader().propose(Commands.createSku("tee")).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    group.running().stream().allMatch(r -> r.stalenessMs() < 500));
        }
    }

    @Test
    void aLeaderCutOffFromItsFollowersReportsItsTrueAgeWhileItStillThinksItLeads() throws Exception {
        // a long election timeout keeps the cut-off leader leading (unaware) for a while
        try (LocalGroup group = new LocalGroup(3, c -> c.withElectionTimeout(Duration.ofSeconds(6)))) {
            LedgerReplica leader = group.awaitLeader(Duration.ofSeconds(30));
            leader.propose(Commands.createSku("tee")).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> leader.stalenessMs() < 500);
            for (LedgerReplica follower : group.running()) {
                if (follower != leader) {
                    group.stop(group.indexOf(follower));
                }
            }
            Thread.sleep(1_500);
            assertThat(leader.isLeader()).as("still leads in its own eyes").isTrue();
            assertThat(leader.stalenessMs()).isGreaterThanOrEqualTo(1_000);
        }
    }

    @Test
    void aFollowerThatLostItsLeaderGrowsStale() throws Exception {
        try (LocalGroup group = new LocalGroup(3, c -> c.withElectionTimeout(Duration.ofSeconds(6)))) {
            LedgerReplica leader = group.awaitLeader(Duration.ofSeconds(30));
            leader.propose(Commands.createSku("tee")).get(10, TimeUnit.SECONDS);
            java.util.List<LedgerReplica> followers = group.running().stream().filter(r -> r != leader).toList();
            LedgerReplica follower = followers.get(0);
            await().atMost(Duration.ofSeconds(10)).until(() -> follower.stalenessMs() < 500);
            // the other follower first: the leader's hand-over on its way down then finds no quorum to elect anyone
            group.stop(group.indexOf(followers.get(1)));
            group.stop(group.indexOf(leader));
            Thread.sleep(1_500);
            assertThat(follower.stalenessMs()).isGreaterThanOrEqualTo(1_000);
        }
    }
}
