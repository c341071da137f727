package org.inventory.chaos.nemesis;

import org.inventory.chaos.cluster.ChaosCluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A fault that hits one node, the leader or any node, and records whether the victim led when it was hit. */
abstract class OneNodeFault implements Fault {
    private final boolean leader;
    protected String victim;

    OneNodeFault(boolean leader) {
        this.leader = leader;
    }

    /** Does the harm to {@code node}. */
    abstract void hit(ChaosCluster cluster, String node) throws Exception;

    @Override
    public final Map<String, Object> start(ChaosCluster cluster, Random random) throws Exception {
        String current = Targets.leaderOrNull(cluster);
        victim = leader && current != null ? current : Targets.any(cluster, random);
        hit(cluster, victim);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("nodes", List.of(victim));
        v.put("was_leader", victim.equals(current));
        return v;
    }
}
