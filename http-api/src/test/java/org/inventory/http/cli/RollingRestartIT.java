package org.inventory.http.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;

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
import java.util.concurrent.atomic.AtomicBoolean;
import org.inventory.http.NodeProcessesAccess;
import org.junit.jupiter.api.Test;

/** The runbook's rolling restart under load: leadership moved away first, one node at a time, ready before the next. */
class RollingRestartIT {

    private static String invctlOut(String endpoint, String... command) {
        List<String> args = new ArrayList<>(List.of("--endpoint", endpoint, "--token", NodeProcessesAccess.ADMIN));
        args.addAll(List.of(command));
        StringWriter out = new StringWriter();
        int code = Invctl.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(new StringWriter()));
        return code + "\n" + out;
    }

    @Test
    void everyNodeRestartsWhileReservationsFlow() throws Exception {
        try (NodeProcessesAccess nodes = new NodeProcessesAccess(3)) {
            nodes.awaitLeader(Duration.ofSeconds(60));
            nodes.send(nodes.url(0, "/v1/skus/roll"), "PUT", NodeProcessesAccess.STOCK, null, "{}");
            nodes.send(nodes.url(0, "/v1/skus/roll/receipts"), "POST", NodeProcessesAccess.STOCK, "stock", "{\"quantity\":100000}");

            Map<String, String> acknowledged = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int client = c;
                work.add(clients.submit(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        String key = "roller-" + client + "/" + n;
                        while (true) {
                            try {
                                HttpResponse<String> r = nodes.send(nodes.url(ThreadLocalRandom.current().nextInt(3), "/v1/reservations"), "POST",
                                        NodeProcessesAccess.CHECKOUT, key, "{\"lines\":[{\"sku\":\"roll\",\"quantity\":1}],\"customer_id\":\"r\"}");
                                if (r.statusCode() == 201) {
                                    acknowledged.put(key, r.body().replaceAll(".*\"reservation_id\":\"([^\"]+)\".*", "$1"));
                                    break;
                                }
                            } catch (java.io.IOException restarting) {
                                // that node is restarting: same key, another node
                            }
                            Thread.sleep(20);
                        }
                    }
                    return null;
                }));
            }

            for (int i = 0; i < 3; i++) {
                String me = "n" + (i + 1);
                String other = nodes.url((i + 1) % 3, "");
                String status = invctlOut(other, "status");
                if (status.contains("leader: " + me)) {
                    assertThat(invctlOut(other, "transfer-leader", "n" + ((i + 1) % 3 + 1))).startsWith("0");
                    await().atMost(Duration.ofSeconds(30)).until(() -> !invctlOut(other, "status").contains("leader: " + me));
                }
                nodes.restart(i);
                int restarted = i;
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                        nodes.send(nodes.url(restarted, "/health/readiness"), "GET", NodeProcessesAccess.ADMIN, null, "").statusCode() == 200);
            }
            Thread.sleep(1_000);
            stop.set(true);
            for (Future<?> f : work) {
                f.get(2, TimeUnit.MINUTES);
            }
            clients.shutdown();

            assertThat(acknowledged).isNotEmpty();
            await().atMost(Duration.ofSeconds(30)).until(() -> invctlOut(nodes.url(0, ""), "digest").startsWith("0"));
            for (int node = 0; node < 3; node++) {
                HttpResponse<String> sku = nodes.send(nodes.url(node, "/v1/skus/roll"), "GET", NodeProcessesAccess.ADMIN, null, "");
                assertThat(sku.body()).as("node %d", node).contains("\"held\":" + acknowledged.size() + ",");
            }
        }
    }
}
