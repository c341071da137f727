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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.inventory.http.NodeProcessesAccess;
import org.junit.jupiter.api.Test;

/**
 * While clients keep reserving, grow the cluster 3 → 5 with invctl, move leadership, remove two original members,
 * then kill one more and replace it. Afterwards every acknowledged reservation is there, held once, on every member,
 * and invctl digest says the replicas agree.
 */
class MembershipUnderLoadIT {

    private static int invctl(String endpoint, String... command) {
        List<String> args = new ArrayList<>(List.of("--endpoint", endpoint, "--token", NodeProcessesAccess.ADMIN));
        args.addAll(List.of(command));
        return Invctl.run(args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    private void join(NodeProcessesAccess nodes, List<Integer> members, String endpoint, String nodeId) throws Exception {
        int i = nodes.startJoining(nodeId);
        await().atMost(Duration.ofSeconds(60)).until(() -> invctl(endpoint, "add-member", nodeId, nodes.raftAddresses.get(i),
                nodes.httpAddresses.get(i), "--learner") == 0);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> invctl(endpoint, "promote", nodeId) == 0);
        members.add(i);
    }

    @Test
    void changingMembersUnderLoadLosesNothing() throws Exception {
        try (NodeProcessesAccess nodes = new NodeProcessesAccess(3)) {
            nodes.awaitLeader(Duration.ofSeconds(60));
            assertThat(nodes.send(nodes.url(0, "/v1/skus/load"), "PUT", NodeProcessesAccess.STOCK, null, "{}").statusCode()).isEqualTo(200);
            assertThat(nodes.send(nodes.url(0, "/v1/skus/load/receipts"), "POST", NodeProcessesAccess.STOCK, "stock", "{\"quantity\":100000}")
                    .statusCode()).isEqualTo(201);

            List<Integer> members = new CopyOnWriteArrayList<>(List.of(0, 1, 2)); // where clients may send
            Map<String, String> acknowledged = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int client = c;
                work.add(clients.submit(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        String key = "client-" + client + "/" + n;
                        String body = "{\"lines\":[{\"sku\":\"load\",\"quantity\":1}],\"customer_id\":\"c" + client + "\"}";
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                        while (System.nanoTime() < deadline) { // the same key until it is answered
                            int node = members.get(ThreadLocalRandom.current().nextInt(members.size()));
                            try {
                                HttpResponse<String> r = nodes.send(nodes.url(node, "/v1/reservations"), "POST", NodeProcessesAccess.CHECKOUT, key, body);
                                if (r.statusCode() == 201) {
                                    acknowledged.put(key, r.body().replaceAll(".*\"reservation_id\":\"([^\"]+)\".*", "$1"));
                                    break;
                                }
                                assertThat(r.statusCode()).as(r.body()).isIn(503, 429);
                            } catch (java.io.IOException unreachable) {
                                // a node being killed or removed: try another with the same key
                            }
                            Thread.sleep(20);
                        }
                        Thread.sleep(10);
                    }
                    return null;
                }));
            }

            String endpoint = nodes.url(0, "");
            join(nodes, members, endpoint, "n4");
            join(nodes, members, endpoint, "n5");
            assertThat(invctl(endpoint, "transfer-leader", "n4")).isZero();
            members.remove(Integer.valueOf(1));
            assertThat(invctl(endpoint, "remove-member", "n2")).isZero();
            members.remove(Integer.valueOf(2));
            assertThat(invctl(endpoint, "remove-member", "n3")).isZero();
            // n1 crashes; n6 replaces it
            members.remove(Integer.valueOf(0));
            nodes.kill(0);
            String survivor = nodes.url(members.get(0), "");
            join(nodes, members, survivor, "n6");
            await().atMost(Duration.ofSeconds(30)).until(() -> invctl(survivor, "remove-member", "n1") == 0);
            Thread.sleep(2_000);
            stop.set(true);
            for (Future<?> f : work) {
                f.get(2, TimeUnit.MINUTES);
            }
            clients.shutdown();

            assertThat(acknowledged).hasSizeGreaterThan(50);
            await().atMost(Duration.ofSeconds(30)).until(() -> invctl(survivor, "digest") == 0);
            for (int node : members) {
                HttpResponse<String> sku = nodes.send(nodes.url(node, "/v1/skus/load"), "GET", NodeProcessesAccess.ADMIN, null, "");
                assertThat(sku.body()).as("held on %s", node).contains("\"held\":" + acknowledged.size() + ",");
                for (String id : acknowledged.values()) {
                    HttpResponse<String> r = nodes.send(nodes.url(node, "/v1/reservations/" + id + "?consistency=stale"), "GET",
                            NodeProcessesAccess.ADMIN, null, "");
                    assertThat(r.body()).as("%s on node %d", id, node).contains("\"state\":\"HELD\"");
                }
            }
            assertThat(acknowledged.values()).doesNotHaveDuplicates();
        }
    }
}
