package org.inventory.chaos.nemesis;

import org.inventory.chaos.cluster.ChaosCluster;
import org.inventory.chaos.cluster.NodeProcess;
import org.inventory.chaos.workload.Attempts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A membership change while load runs, as an SRE replaces a broken machine: remove a follower, wipe it, start it
 * empty, add it back as a learner (it catches up by snapshot and log while the fault "holds"), then promote it.
 */
final class Membership implements Fault {
    private final Attempts admin;
    private final Random random = new Random(0);
    private String member;
    private boolean removed;

    Membership(Attempts admin) {
        this.admin = admin;
    }

    @Override
    public String kind() {
        return "membership";
    }

    @Override
    public Map<String, Object> start(ChaosCluster cluster, Random random) throws Exception {
        String leader = Targets.leaderOrNull(cluster);
        List<String> followers = cluster.nodes().stream().map(n -> n.id).filter(id -> !id.equals(leader)).toList();
        member = followers.get(random.nextInt(followers.size()));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("nodes", List.of(member));
        Attempts.Result removal = admin.untilDefinite(random, "DELETE", "/v1/cluster/members/" + member,
                ChaosCluster.ADMIN, null, null, 30_000, () -> false);
        removed = removal.definite() && removal.reply().status() == 200;
        v.put("removed", removed);
        if (!removed) {
            v.put("refused", removal.definite() ? removal.reply().status() + " " + removal.reply().str("detail")
                    : removal.reason());
            return v;
        }
        cluster.wipeAndStartJoining(member);
        NodeProcess node = cluster.node(member);
        Attempts.Result added = admin.untilDefinite(random, "POST", "/v1/cluster/members", ChaosCluster.ADMIN, null,
                Map.of("node_id", member, "raft", node.raft(), "http", node.http(), "learner", true), 60_000, () -> false);
        v.put("added_as_learner", added.definite() && added.reply().status() == 200);
        if (!added.definite() || added.reply().status() != 200) {
            throw new IllegalStateException("could not add " + member + " back as a learner: "
                    + (added.definite() ? added.reply().body() : added.reason()));
        }
        return v;
    }

    /** Promotes the learner, retrying while it is still catching up ("not caught up, retry"). */
    @Override
    public void heal(ChaosCluster cluster) throws Exception {
        if (!removed) {
            return;
        }
        long deadline = System.nanoTime() + 120_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            Attempts.Result r = admin.untilDefinite(random, "POST", "/v1/cluster/members/" + member + "/promote",
                    ChaosCluster.ADMIN, null, Map.of(), 30_000, () -> false);
            if (r.definite() && r.reply().status() == 200) {
                return;
            }
            last = r.definite() ? r.reply().status() + " " + r.reply().body() : r.reason();
            Thread.sleep(1_000);
        }
        throw new IllegalStateException("could not promote " + member + " within 120 s: " + last);
    }
}
