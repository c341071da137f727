package org.inventory.chaos;

import org.inventory.chaos.cluster.ChaosCluster;
import org.inventory.chaos.cluster.Http;
import org.inventory.chaos.cluster.NodeProcess;
import org.inventory.chaos.history.History;
import org.inventory.chaos.history.Op;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The last word after the faults healed, recorded as operations of the history: every SKU read linearizably on
 * every node, every reservation the run ever saw read back, and digest rounds until the replicas agree.
 */
final class FinalReads {
    private final History history;
    private final Http http;
    private final List<NodeProcess> nodes;

    FinalReads(History history, Http http, List<NodeProcess> nodes) {
        this.history = history;
        this.http = http;
        this.nodes = nodes;
    }

    void skus(List<String> skus) throws InterruptedException {
        for (String sku : skus) {
            for (NodeProcess node : nodes) {
                read(node, "read-sku", Map.of("sku", sku), "/v1/skus/" + sku + "?consistency=linearizable", r -> {
                    Map<String, Object> v = new LinkedHashMap<>(Map.of("sku", sku));
                    v.put("on_hand", r.num("on_hand"));
                    v.put("held", r.num("held"));
                    v.put("committed", r.num("committed"));
                    return v;
                });
            }
        }
    }

    /**
     * Reads every reservation once, spread over the nodes. Reading each on every node would add nothing: the
     * digest rounds prove the replicas hold the same state.
     */
    @SuppressWarnings("unchecked")
    void reservations(List<Op> sofar) throws InterruptedException {
        TreeSet<String> ids = new TreeSet<>();
        for (Op e : sofar) {
            if (e.type() == Op.Type.ok && e.f().equals("reserve")) {
                ids.add(e.str("reservation_id"));
            } else if (e.type() == Op.Type.ok && e.f().equals("ledger")) {
                for (Map<String, Object> entry : (List<Map<String, Object>>) e.value().get("entries")) {
                    if (entry.get("reservation_id") != null) {
                        ids.add(entry.get("reservation_id").toString());
                    }
                }
            }
        }
        int i = 0;
        for (String id : ids) {
            NodeProcess node = nodes.get(i++ % nodes.size());
            read(node, "read-reservation", Map.of("reservation_id", id),
                    "/v1/reservations/" + id + "?consistency=linearizable", r -> {
                        Map<String, Object> v = new LinkedHashMap<>(Map.of("reservation_id", id));
                        List<Map<String, Object>> lines = (List<Map<String, Object>>) r.body().get("lines");
                        v.put("sku", lines.get(0).get("sku"));
                        v.put("quantity", ((Number) lines.get(0).get("quantity")).longValue());
                        v.put("state", r.str("state"));
                        v.put("cart_id", r.str("cart_id"));
                        return v;
                    });
        }
    }

    /** Digest rounds until every node reports the same applied index and digest, or {@code rounds} run out. */
    boolean digests(int rounds) throws InterruptedException {
        List<String> ids = nodes.stream().map(n -> n.id).toList();
        for (int round = 1; round <= rounds; round++) {
            TreeSet<String> seen = new TreeSet<>();
            int answered = 0;
            for (NodeProcess node : nodes) {
                int k = round;
                Op done = read(node, "digest", Map.of("round", round, "nodes", ids), "/v1/cluster/digest",
                        r -> Map.of("round", k, "applied_index", r.num("applied_index"), "digest", r.str("digest")));
                if (done.type() == Op.Type.ok) {
                    answered++;
                    seen.add(done.value().get("applied_index") + "/" + done.str("digest"));
                }
            }
            if (answered == nodes.size() && seen.size() == 1) {
                return true;
            }
            Thread.sleep(300);
        }
        return false;
    }

    private Op read(NodeProcess node, String f, Map<String, Object> args, String path,
                    java.util.function.Function<Http.Reply, Map<String, Object>> result) throws InterruptedException {
        long op = history.newOpId();
        history.record("final", Op.Type.invoke, f, op, node.id, args);
        String last = "";
        for (int attempt = 0; attempt < 40; attempt++) {
            try {
                Http.Reply r = http.send("GET", node.url(path), ChaosCluster.STOCK, null, null);
                if (r.status() == 200) {
                    return history.record("final", Op.Type.ok, f, op, node.id, result.apply(r));
                }
                if (r.status() == 404) {
                    Map<String, Object> v = new LinkedHashMap<>(args);
                    v.put("code", r.str("code"));
                    return history.record("final", Op.Type.fail, f, op, node.id, v);
                }
                last = r.status() + " " + r.str("code");
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        Map<String, Object> v = new LinkedHashMap<>(args);
        v.put("reason", last);
        return history.record("final", Op.Type.info, f, op, node.id, v);
    }
}
