package org.inventory.chaos.workload;

import org.inventory.chaos.cluster.ChaosCluster;
import org.inventory.chaos.cluster.Http;
import org.inventory.chaos.cluster.NodeProcess;
import org.inventory.chaos.history.History;
import org.inventory.chaos.history.Op;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * Follows every SKU's ledger while the run goes on, so the checker sees every entry (holds included, with the
 * reservation each belongs to) even though a node keeps only a bounded window of recent entries per SKU.
 * Stale reads from any node are enough: a replica's ledger is a prefix of the committed one, read in index order.
 */
public final class LedgerTailer implements Runnable {
    private final History history;
    private final Http http;
    private final List<NodeProcess> nodes;
    private final List<String> skus;
    private final Random random;
    private final BooleanSupplier stop;
    private final Map<String, Long> after = new HashMap<>();

    public LedgerTailer(History history, Http http, List<NodeProcess> nodes, List<String> skus, long seed,
                        BooleanSupplier stop) {
        this.history = history;
        this.http = http;
        this.nodes = nodes;
        this.skus = skus;
        this.random = new Random(seed);
        this.stop = stop;
    }

    @Override
    public void run() {
        try {
            while (!stop.getAsBoolean()) {
                for (String sku : skus) {
                    poll(nodes.get(random.nextInt(nodes.size())), sku, "stale");
                }
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads until no entry is left, linearizably through {@code node}: the last word after the run. */
    public void catchUp(NodeProcess node) throws InterruptedException {
        for (String sku : skus) {
            while (poll(node, sku, "linearizable") > 0) {
                // a page at a time
            }
        }
    }

    @SuppressWarnings("unchecked")
    private int poll(NodeProcess node, String sku, String consistency) throws InterruptedException {
        long from = after.getOrDefault(sku, 0L);
        Http.Reply r;
        try {
            r = http.send("GET", node.url("/v1/skus/" + sku + "/ledger?limit=1000&consistency=" + consistency
                    + "&after=" + from), ChaosCluster.STOCK, null, null);
        } catch (IOException e) {
            return 0;
        }
        if (r.status() != 200) {
            return 0;
        }
        List<Map<String, Object>> entries = (List<Map<String, Object>>) r.body().get("entries");
        if (entries == null || entries.isEmpty()) {
            return 0;
        }
        after.put(sku, ((Number) entries.get(entries.size() - 1).get("index")).longValue());
        long op = history.newOpId();
        Map<String, Object> args = Map.of("sku", sku, "after", from);
        history.record("tailer", Op.Type.invoke, "ledger", op, node.id, args);
        history.record("tailer", Op.Type.ok, "ledger", op, node.id, Map.of("sku", sku, "after", from, "entries", entries));
        return entries.size();
    }
}
