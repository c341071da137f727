package org.inventory.chaos.nemesis;

import org.inventory.chaos.cluster.ChaosCluster;

import java.util.Random;

/** SIGKILL a node (the leader, or any node), keep it down for a while, then start it on the same data. */
final class Kill extends OneNodeFault {
    Kill(boolean leader) {
        super(leader);
    }

    @Override
    public String kind() {
        return "kill";
    }

    @Override
    void hit(ChaosCluster cluster, String node) throws Exception {
        cluster.kill(node);
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
