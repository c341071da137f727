package org.inventory.chaos.nemesis;

import org.inventory.chaos.cluster.ChaosCluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * SIGSTOP a node for longer than the election timeout, then SIGCONT it. A paused leader wakes up still
 * believing it leads, with requests in flight: the classic way to get a stale read or a lost write.
 */
final class Pause implements Fault {
    private final boolean leader;
    private String victim;

    Pause(boolean leader) {
        this.leader = leader;
    }

    @Override
    public String kind() {
        return "pause";
    }

    @Override
    public Map<String, Object> start(ChaosCluster cluster, Random random) throws Exception {
        String current = Targets.leaderOrNull(cluster);
        victim = leader && current != null ? current : Targets.any(cluster, random);
        cluster.pause(victim);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("nodes", List.of(victim));
        v.put("was_leader", victim.equals(current));
        return v;
    }

    @Override
    public void heal(ChaosCluster cluster) throws Exception {
        cluster.resume(victim);
    }

    @Override
    public long holdMs(Random random) {
        return 3_000 + random.nextInt(4_000);
    }
}
