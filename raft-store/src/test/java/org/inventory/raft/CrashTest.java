package org.inventory.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.ResultCode;
import org.junit.jupiter.api.Test;

/** A leader that really crashes (SIGKILL of its process): the others must notice the silence and elect. */
class CrashTest {

    @Test
    void aKilledLeaderIsReplacedAndNothingAcknowledgedIsLost() throws Exception {
        Path root = Files.createTempDirectory("raft-crash-");
        List<String> voters = List.of("127.0.0.1:" + LocalGroup.freePort(), "127.0.0.1:" + LocalGroup.freePort(),
                "127.0.0.1:" + LocalGroup.freePort());
        List<LedgerReplica> local = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            local.add(LedgerReplica.start(ReplicaConfig.of(voters.get(i), voters, root.resolve("n" + (i + 1)))));
        }
        // two of three voters elect a leader among themselves; the third, a process of its own, joins as a follower
        LedgerReplica leader = awaitLeader(local, Duration.ofSeconds(30));
        try (ReplicaProcess child = ReplicaProcess.start(voters.get(2), voters, root.resolve("n3"), root.resolve("n3.log"))) {
            leader.propose(Commands.createSku("drop")).get(10, TimeUnit.SECONDS);
            leader.propose(Commands.receive("drop", 10)).get(10, TimeUnit.SECONDS);
            String id = leader.propose(Commands.reserve("order-1", "alice", "drop", 3)).get(10, TimeUnit.SECONDS)
                    .getReservation().getReservationId();

            // hand leadership to the child process and make sure it holds it, then kill it
            java.util.function.BooleanSupplier childLeads = () -> child.isAlive()
                    && local.stream().noneMatch(LedgerReplica::isLeader)
                    && local.stream().allMatch(r -> r.leaderRaftAddress().equals(java.util.Optional.of(voters.get(2))));
            long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                assertThat(System.nanoTime()).as("the child process never took leadership").isLessThan(giveUp);
                local.stream().filter(LedgerReplica::isLeader).findFirst().ifPresent(l -> {
                    try {
                        l.transferLeadershipTo(voters.get(2));
                    } catch (RuntimeException notNow) {
                        // a transfer already under way, or the child is not caught up yet: try again
                    }
                });
                Thread.sleep(300);
                if (childLeads.getAsBoolean()) {
                    Thread.sleep(1_500); // longer than an election timeout: it really leads, steadily
                    if (childLeads.getAsBoolean()) {
                        break;
                    }
                }
            }
            long killedAt = System.nanoTime();
            child.kill();

            LedgerReplica newLeader = awaitLeader(local, Duration.ofSeconds(30));
            long electedMs = (System.nanoTime() - killedAt) / 1_000_000;
            CommandResult r = null;
            while (r == null) {
                try {
                    r = newLeader.propose(Commands.reserve("order-2", "bob", "drop", 2)).get(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException retry) {
                    Thread.sleep(20);
                }
            }
            long firstWriteMs = (System.nanoTime() - killedAt) / 1_000_000;
            System.out.printf("leader killed (SIGKILL): new leader after %d ms, first write acknowledged after %d ms"
                    + " (election timeout %d ms)%n", electedMs, firstWriteMs, ReplicaConfig.of("x:1", List.of(), root)
                    .electionTimeout().toMillis());

            assertThat(r.getCode()).isEqualTo(ResultCode.OK);
            assertThat(electedMs).as("no election before the timeout: the old leader really went silent").isGreaterThan(500);
            for (LedgerReplica survivor : local) {
                await().atMost(Duration.ofSeconds(10)).until(() -> survivor.readLocal(l -> l.sku("drop").orElseThrow().getHeld()) == 5);
                boolean known = survivor.readLocal(l -> l.reservation(id).isPresent());
                assertThat(known).isTrue();
            }
        } catch (Throwable t) {
            Path log = root.resolve("n3.log");
            System.out.println("child replica's log:\n" + (Files.exists(log) ? Files.readString(log) : "(none)"));
            throw t;
        } finally {
            local.forEach(LedgerReplica::close);
            try (var files = Files.walk(root)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static LedgerReplica awaitLeader(List<LedgerReplica> replicas, Duration within) {
        LedgerReplica[] found = new LedgerReplica[1];
        await().atMost(within).pollInterval(Duration.ofMillis(10)).until(() -> {
            found[0] = replicas.stream().filter(LedgerReplica::isLeader).findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }
}
