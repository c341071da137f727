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
    private static final int PAGE = 1000;
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

    /**
     * Reads until no entry is left, linearizably through {@code node}: the last word after the run. The final
     * empty page is recorded too: it is what proves the capture reached the end of each SKU's ledger.
     */
    public void catchUp(NodeProcess node) throws InterruptedException {
        for (String sku : skus) {
            int failures = 0;
            while (true) {
                int n = poll(node, sku, "linearizable");
                if (n == 0 || (n < 0 && ++failures >= 20)) {
                    break;
                }
                if (n < 0) {
                    Thread.sleep(250);
                }
            }
        }
    }

    /**
     * One page; recorded as ok when it says something (entries, or a linearizable "nothing after this").
     * Returns how many entries came, or -1 when the read failed.
     */
    @SuppressWarnings("unchecked")
    private int poll(NodeProcess node, String sku, String consistency) throws InterruptedException {
        long from = after.getOrDefault(sku, 0L);
        long op = history.newOpId();
        Map<String, Object> args = Map.of("sku", sku, "after", from, "limit", PAGE, "consistency", consistency);
        history.record("tailer", Op.Type.invoke, "ledger", op, node.id, args);
        String failure;
        String code = "unreachable";
        try {
            Http.Reply r = http.send("GET", node.url("/v1/skus/" + sku + "/ledger?limit=" + PAGE + "&consistency=" + consistency
                    + "&after=" + from), ChaosCluster.STOCK, null, null);
            List<Map<String, Object>> entries = (List<Map<String, Object>>) r.body().get("entries");
            if (r.status() == 200 && entries != null && (!entries.isEmpty() || consistency.equals("linearizable"))) {
                if (!entries.isEmpty()) {
                    after.put(sku, ((Number) entries.get(entries.size() - 1).get("index")).longValue());
                }
                history.record("tailer", Op.Type.ok, "ledger", op, node.id,
                        Map.of("sku", sku, "after", from, "consistency", consistency, "entries", entries));
                return entries.size();
            }
            // a stale empty page proves nothing about the end of the ledger
            failure = r.status() == 200 ? "empty stale page" : r.status() + " " + r.str("code");
            code = r.status() == 200 ? "nothing_new" : r.str("code");
        } catch (IOException e) {
            failure = e.toString();
        }
        history.record("tailer", Op.Type.fail, "ledger", op, node.id,
                Map.of("sku", sku, "after", from, "consistency", consistency, "code", String.valueOf(code),
                        "reason", failure));
        return failure.equals("empty stale page") ? 0 : -1;
    }
}
