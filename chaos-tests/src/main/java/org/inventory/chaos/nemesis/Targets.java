package org.inventory.chaos.nemesis;

import org.inventory.chaos.cluster.ChaosCluster;
import org.inventory.chaos.cluster.NodeProcess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Picking victims. */
final class Targets {
    private Targets() {
    }

    /** The current leader, waiting a little for one; null when the cluster has none right now. */
    static String leaderOrNull(ChaosCluster cluster) throws InterruptedException {
        try {
            return cluster.awaitLeader(Duration.ofSeconds(10));
        } catch (IllegalStateException e) {
            return null;
        }
    }

    static String any(ChaosCluster cluster, Random random) {
        List<NodeProcess> nodes = cluster.nodes();
        return nodes.get(random.nextInt(nodes.size())).id;
    }

    /** All node ids in a random order (seeded). */
    static List<String> shuffled(ChaosCluster cluster, Random random) {
        List<String> ids = new ArrayList<>(cluster.nodes().stream().map(n -> n.id).toList());
        Collections.shuffle(ids, random);
        return ids;
    }
}
