package org.inventory.chaos.nemesis;

import org.inventory.chaos.cluster.ChaosCluster;
import org.inventory.chaos.workload.Attempts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Hands leadership to a random follower, as an SRE does before maintenance. Nothing to heal. */
final class TransferLeader implements Fault {
    private final Attempts admin;

    TransferLeader(Attempts admin) {
        this.admin = admin;
    }

    @Override
    public String kind() {
        return "transfer-leader";
    }

    @Override
    public Map<String, Object> start(ChaosCluster cluster, Random random) throws Exception {
        String leader = Targets.leaderOrNull(cluster);
        List<String> others = cluster.nodes().stream().map(n -> n.id).filter(id -> !id.equals(leader)).toList();
        String to = others.get(random.nextInt(others.size()));
        Attempts.Result r = admin.untilDefinite(random, "POST", "/v1/cluster/leader", ChaosCluster.ADMIN, null,
                Map.of("node_id", to), 10_000, () -> false);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("nodes", leader == null ? List.of(to) : List.of(leader, to));
        v.put("status", r.definite() ? r.reply().status() : -1);
        return v;
    }

    @Override
    public void heal(ChaosCluster cluster) {
    }

    @Override
    public long holdMs(Random random) {
        return 2_000;
    }
}
