package org.inventory.chaos.nemesis;

import org.inventory.chaos.cluster.ChaosCluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** SIGKILL a node (the leader, or any node), keep it down for a while, then start it on the same data. */
final class Kill implements Fault {
    private final boolean leader;
    private String victim;

    Kill(boolean leader) {
        this.leader = leader;
    }

    @Override
    public String kind() {
        return "kill";
    }

    @Override
    public Map<String, Object> start(ChaosCluster cluster, Random random) throws Exception {
        String current = Targets.leaderOrNull(cluster);
        victim = leader && current != null ? current : Targets.any(cluster, random);
        cluster.kill(victim);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("nodes", List.of(victim));
        v.put("was_leader", victim.equals(current));
        return v;
    }

    @Override
    public void heal(ChaosCluster cluster) throws Exception {
        cluster.restart(victim);
    }

    @Override
    public long holdMs(Random random) {
        return 3_000 + random.nextInt(5_000);
    }
}
