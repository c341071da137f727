package org.inventory.chaos.nemesis;

import org.inventory.chaos.cluster.ChaosCluster;

import java.util.Random;

/**
 * SIGSTOP a node for longer than the election timeout, then SIGCONT it. A paused leader wakes up still
 * believing it leads, with requests in flight: the classic way to get a stale read or a lost write.
 */
final class Pause extends OneNodeFault {
    Pause(boolean leader) {
        super(leader);
    }

    @Override
    public String kind() {
        return "pause";
    }

    @Override
    void hit(ChaosCluster cluster, String node) throws Exception {
        cluster.pause(node);
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
