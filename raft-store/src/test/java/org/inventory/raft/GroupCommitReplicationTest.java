package org.inventory.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.ResultCode;
import org.junit.jupiter.api.Test;

/** Single reservations coalesced by the leader, through a real three-replica group. */
class GroupCommitReplicationTest {

    @Test
    void concurrentBuyersOfTheLastUnitsEachGetTheirOwnAnswerAndNoUnitIsSoldTwice() throws Exception {
        try (LocalGroup group = new LocalGroup(3, c -> c.withGroupCommitInFlight(1))) {
            LedgerReplica leader = group.awaitLeader();
            leader.propose(Commands.createSku("drop")).get(10, TimeUnit.SECONDS);
            leader.propose(Commands.receive("drop", 150)).get(10, TimeUnit.SECONDS);

            List<CompletableFuture<CommandResult>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                answers.add(leader.proposeReservation("buyer-" + i, Commands.reserve("", "buyer-" + i, "drop", 1).getReserve()));
            }
            List<CommandResult> results = new ArrayList<>();
            for (CompletableFuture<CommandResult> a : answers) {
                results.add(a.get(20, TimeUnit.SECONDS));
            }
            assertThat(results).filteredOn(r -> r.getCode() == ResultCode.OK).hasSize(150);
            assertThat(results).filteredOn(r -> r.getCode() == ResultCode.INSUFFICIENT_STOCK).hasSize(50);
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < results.size(); i++) {
                CommandResult r = results.get(i);
                if (r.getCode() == ResultCode.OK) {
                    assertThat(r.getReservation().getCustomerId()).as("answer %d is its own", i).isEqualTo("buyer-" + i);
                    assertThat(ids.add(r.getReservation().getReservationId())).isTrue();
                }
            }
            LedgerReplica.Stats stats = leader.stats();
            assertThat(stats.coalescedReservations()).isEqualTo(200);
            assertThat(stats.coalescedEntries()).isLessThan(200);

            // a retry of any of them, coalesced or sent alone, replays its first answer
            for (int i = 0; i < 200; i += 37) {
                CommandResult again = leader.proposeReservation("buyer-" + i,
                        Commands.reserve("", "buyer-" + i, "drop", 1).getReserve()).get(10, TimeUnit.SECONDS);
                assertThat(again.getReplayed()).isTrue();
                assertThat(again.toBuilder().setReplayed(false).build()).isEqualTo(results.get(i));
                CommandResult alone = leader.propose(Commands.reserve("buyer-" + i, "buyer-" + i, "drop", 1)).get(10, TimeUnit.SECONDS);
                assertThat(alone.toBuilder().setReplayed(false).build()).isEqualTo(results.get(i));
            }
            group.awaitConverged();
            for (LedgerReplica r : group.running()) {
                long held = r.readLocal(l -> l.sku("drop").orElseThrow().getHeld());
                assertThat(held).isEqualTo(150L);
            }
        }
    }

    @Test
    void aFollowerRefusesToCoalesceAndNamesTheLeader() throws Exception {
        try (LocalGroup group = new LocalGroup(3)) {
            LedgerReplica leader = group.awaitLeader();
            LedgerReplica follower = group.running().stream().filter(r -> r != leader).findFirst().orElseThrow();
            org.awaitility.Awaitility.await().until(() -> follower.leaderRaftAddress().isPresent());
            CompletableFuture<CommandResult> f = follower.proposeReservation("k", Commands.reserve("", "c", "x", 1).getReserve());
            assertThat(f).failsWithin(java.time.Duration.ofSeconds(5)).withThrowableThat().havingCause()
                    .isInstanceOf(NotLeaderException.class);
        }
    }
}
