package org.inventory.chaos.nemesis;

import org.inventory.chaos.cluster.ChaosCluster;

import java.util.Map;
import java.util.Random;

/** One kind of trouble the nemesis can cause and then undo. */
public interface Fault {
    /** The kind as the history names it, e.g. "partition-bridge". */
    String kind();

    /** Causes the fault; returns what the history records about it (at least {@code nodes}). */
    Map<String, Object> start(ChaosCluster cluster, Random random) throws Exception;

    /** Undoes it; the cluster may still be recovering when this returns. */
    void heal(ChaosCluster cluster) throws Exception;

    /** How long the fault stays in place, in ms. */
    default long holdMs(Random random) {
        return 5_000 + random.nextInt(5_000);
    }
}
