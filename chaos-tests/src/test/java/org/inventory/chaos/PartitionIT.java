package org.inventory.chaos;

import org.inventory.chaos.cluster.ChaosCluster;
import org.inventory.chaos.cluster.Http;
import org.inventory.chaos.cluster.NodeProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nemesis is only as good as its faults: a cut-off leader must really lose its followers (a new leader is
 * elected among them, the old one steps down), healing must really reconnect, and closing must leave no rule.
 */
class PartitionIT {

    @Test
    void anIsolatedLeaderIsReplacedAndHealingReconnectsIt() throws Exception {
        Path dir = Path.of(System.getProperty("chaos.out", "target/chaos")).resolve("partition-it");
        Files.createDirectories(dir);
        Http http = new Http(Duration.ofSeconds(3));
        try (ChaosCluster cluster = ChaosCluster.start(dir, Path.of(System.getProperty("chaos.jar")), 3, "-Xmx256m")) {
            String old = cluster.awaitLeader(Duration.ofSeconds(30));
            List<String> others = cluster.nodes().stream().map(n -> n.id).filter(id -> !id.equals(old)).toList();

            cluster.partition(Map.of(old, others));

            String next = awaitLeaderAmong(cluster, http, others);
            assertThat(next).isNotEqualTo(old);
            assertThat(cluster.firewall().rules()).hasSize(1 + 4);

            cluster.firewall().heal();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            String seenByOld = "";
            while (System.nanoTime() < deadline && !next.equals(seenByOld)) {
                Thread.sleep(200);
                seenByOld = leaderSeenBy(cluster.node(old), http);
            }
            assertThat(seenByOld).as("the old leader follows the new one once healed").isEqualTo(next);
        }
        Process p = new ProcessBuilder("iptables", "-w", "-S").redirectErrorStream(true).start();
        String rules = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        assertThat(rules).as("no rule left behind").doesNotContain("INVENTORY-CHAOS");
    }

    /** Whom {@code node} names as leader; "" while it does not answer (a busy node just after an election). */
    private static String leaderSeenBy(NodeProcess node, Http http) throws InterruptedException {
        try {
            return String.valueOf(http.get(node.url("/v1/cluster")).str("leader"));
        } catch (IOException e) {
            return "";
        }
    }

    private static String awaitLeaderAmong(ChaosCluster cluster, Http http, List<String> ids) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (String id : ids) {
                if (id.equals(leaderSeenBy(cluster.node(id), http))) {
                    return id;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no new leader among " + ids);
    }
}
