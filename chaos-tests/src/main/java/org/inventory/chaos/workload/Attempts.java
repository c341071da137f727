package org.inventory.chaos.workload;

import org.inventory.chaos.cluster.Http;
import org.inventory.chaos.cluster.NodeProcess;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * How a real checkout service calls the store: one request, sent to a random node, resent with the same
 * Idempotency-Key (maybe through another node) on a timeout, a broken connection, 503 or 429, until the answer
 * is definite or it gives up. A definite answer is any 2xx or 4xx other than 429.
 */
public final class Attempts {
    /** How one operation ended: a definite reply, or none (then {@code reason} says what the last attempt saw). */
    public record Result(Http.Reply reply, String node, int attempts, String reason) {
        public boolean definite() {
            return reply != null;
        }
    }

    private final Http http;
    private final List<NodeProcess> nodes;

    public Attempts(Http http, List<NodeProcess> nodes) {
        this.http = http;
        this.nodes = nodes;
    }

    public Result untilDefinite(Random random, String method, String path, String token, String key,
                                Map<String, Object> body, long giveUpAfterMs, BooleanSupplier stop)
            throws InterruptedException {
        long deadline = System.nanoTime() + giveUpAfterMs * 1_000_000L;
        int attempts = 0;
        String reason = "not sent";
        String node = "";
        while (true) {
            NodeProcess target = nodes.get(random.nextInt(nodes.size()));
            node = target.id;
            attempts++;
            try {
                Http.Reply r = http.send(method, target.url(path), token, key, body);
                if (r.status() < 500 && r.status() != 429) {
                    return new Result(r, node, attempts, null);
                }
                reason = r.status() + " " + r.str("code");
            } catch (HttpTimeoutException e) {
                reason = "timeout at " + node;
            } catch (IOException e) {
                reason = e.getClass().getSimpleName() + " at " + node;
            }
            if (System.nanoTime() > deadline || stop.getAsBoolean()) {
                return new Result(null, node, attempts, reason);
            }
            Thread.sleep(20 + random.nextInt(Math.min(400, 20 * attempts) + 1));
        }
    }
}
