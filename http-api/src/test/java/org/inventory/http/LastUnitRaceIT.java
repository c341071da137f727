package org.inventory.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Three real node processes; 64 clients race for 20 SKUs of one unit each, through random nodes. Exactly 20
 * reservations succeed, one per SKU; every other attempt is refused with 409 insufficient_stock.
 */
class LastUnitRaceIT {
    private static final int SKUS = 20;
    private static final int CLIENTS = 64;
    private static final int ATTEMPTS_PER_CLIENT = 6;

    @Test
    void exactlyOneBuyerGetsEachLastUnit() throws Exception {
        try (NodeProcesses nodes = new NodeProcesses(3)) {
            nodes.awaitLeader(Duration.ofSeconds(60));
            for (int s = 0; s < SKUS; s++) {
                String sku = "drop-" + s;
                assertThat(nodes.send(nodes.url(s % 3, "/v1/skus/" + sku), "PUT", NodeProcesses.STOCK, null, "{}").statusCode()).isEqualTo(200);
                assertThat(nodes.send(nodes.url(s % 3, "/v1/skus/" + sku + "/receipts"), "POST", NodeProcesses.STOCK, "stock-" + sku,
                        "{\"quantity\":1}").statusCode()).isEqualTo(201);
            }

            Map<String, String> winners = new ConcurrentHashMap<>(); // sku -> reservation id
            AtomicInteger soldOut = new AtomicInteger();
            List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                work.add(pool.submit(() -> {
                    for (int a = 0; a < ATTEMPTS_PER_CLIENT; a++) {
                        String sku = "drop-" + ThreadLocalRandom.current().nextInt(SKUS);
                        String key = "client-" + client + "/attempt-" + a;
                        String body = "{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}],\"customer_id\":\"customer-" + client + "\"}";
                        HttpResponse<String> r;
                        do { // 503: no leader right now; the same key makes the retry safe
                            r = nodes.send(nodes.url(ThreadLocalRandom.current().nextInt(3), "/v1/reservations"), "POST",
                                    NodeProcesses.CHECKOUT, key, body);
                        } while (r.statusCode() == 503);
                        if (r.statusCode() == 201) {
                            String id = r.body().replaceAll(".*\"reservation_id\":\"([^\"]+)\".*", "$1");
                            String previous = winners.putIfAbsent(sku, id);
                            if (previous != null) {
                                unexpected.add("second winner for " + sku + ": " + previous + " and " + id);
                            }
                        } else if (r.statusCode() == 409 && r.body().contains("\"code\":\"insufficient_stock\"")) {
                            soldOut.incrementAndGet();
                        } else {
                            unexpected.add(r.statusCode() + " " + r.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(3, TimeUnit.MINUTES);
            }
            pool.shutdown();

            assertThat(unexpected).isEmpty();
            assertThat(winners.size() + soldOut.get()).isEqualTo(CLIENTS * ATTEMPTS_PER_CLIENT);
            // with 384 attempts on 20 SKUs every SKU is all but certainly tried; each sold exactly once
            assertThat(winners).hasSize(SKUS);
            for (int node = 0; node < 3; node++) {
                for (int s = 0; s < SKUS; s++) {
                    HttpResponse<String> view = nodes.send(nodes.url(node, "/v1/skus/drop-" + s + "?consistency=linearizable"), "GET",
                            NodeProcesses.STOCK, null, "");
                    assertThat(view.body()).as("node %d, drop-%d", node, s).contains("\"held\":1").contains("\"on_hand\":1");
                }
            }
        }
    }
}
