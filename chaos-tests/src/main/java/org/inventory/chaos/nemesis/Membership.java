package org.inventory.chaos.nemesis;

import org.inventory.chaos.cluster.ChaosCluster;
import org.inventory.chaos.cluster.Http;
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
    private final Http http = new Http(java.time.Duration.ofSeconds(2));
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
        // a retry after a timed-out DELETE that did apply is answered "not a member": the configuration decides
        boolean refused = removal.definite() && removal.reply().status() == 409
                && !String.valueOf(removal.reply().str("detail")).contains("not a member");
        removed = !refused && awaitRole(cluster, null);
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
        boolean learner = awaitRole(cluster, "LEARNER");
        v.put("added_as_learner", learner);
        if (!learner) {
            throw new IllegalStateException("could not add " + member + " back as a learner: "
                    + (added.definite() ? added.reply().body() : added.reason()));
        }
        return v;
    }

    /** Waits (up to 30 s) until the leader's configuration has the member in {@code role}, or not at all (null). */
    private boolean awaitRole(ChaosCluster cluster, String role) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            java.util.Optional<String> seen = roleOf(cluster);
            if (seen != null && java.util.Objects.equals(seen.orElse(null), role)) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    private boolean isVoter(ChaosCluster cluster) throws InterruptedException {
        java.util.Optional<String> role = roleOf(cluster);
        return role != null && role.isPresent() && !role.get().equals("LEARNER");
    }

    /** The member's role in the leader's configuration (empty: not a member), or null when no leader answered. */
    @SuppressWarnings("unchecked")
    private java.util.Optional<String> roleOf(ChaosCluster cluster) throws InterruptedException {
        java.util.Optional<String> leader = cluster.leader();
        if (leader.isEmpty()) {
            return null;
        }
        try {
            Http.Reply r = http.get(cluster.node(leader.get()).url("/v1/cluster"));
            for (Map<String, Object> m : (List<Map<String, Object>>) r.body().get("members")) {
                if (member.equals(m.get("node_id")) || cluster.node(member).raft().equals(m.get("raft"))) {
                    return java.util.Optional.of(String.valueOf(m.get("role")));
                }
            }
            return java.util.Optional.empty();
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
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
            if ((r.definite() && r.reply().status() == 200) || isVoter(cluster)) {
                return;
            }
            last = r.definite() ? r.reply().status() + " " + r.reply().body() : r.reason();
            Thread.sleep(1_000);
        }
        throw new IllegalStateException("could not promote " + member + " within 120 s: " + last);
    }
}
