package org.inventory.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.inventory.raft.LedgerReplica;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generated hostile requests against a real node: malformed and mistyped bodies, huge numbers, deep
 * nesting, tricks in paths and queries, bad tokens and headers, oversize headers and bodies, raw protocol garbage,
 * slow-loris connections and idle stream subscribers. None may get a 5xx, none may change the state, and the node
 * stays ready and answers throughout. Every request here is refused by construction (an object body always carries
 * a field no endpoint takes, or the token lacks the role, or the target does not exist), so any state change is a bug.
 */
@MicronautTest
class AbuseTest {
    private static final long SEED = 20261203L;
    private static final int GENERATED = 10_000;

    @Inject
    EmbeddedServer server;
    @Inject
    LedgerReplica replica;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String reservationId;

    @BeforeEach
    void someStateToProtect() throws Exception {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(replica::isLeader);
        for (String sku : List.of("abuse-a", "abuse-b")) {
            call("PUT", "/v1/skus/" + sku, SingleNodeFactory.STOCK, "{\"low_stock_threshold\":2}", null);
            call("POST", "/v1/skus/" + sku + "/receipts", SingleNodeFactory.STOCK, "{\"quantity\":10}", "receipt-" + sku);
        }
        HttpResponse<String> r = call("POST", "/v1/reservations", SingleNodeFactory.CHECKOUT,
                "{\"lines\":[{\"sku\":\"abuse-a\",\"quantity\":2}],\"customer_id\":\"alice\"}", "abuse-reservation");
        reservationId = r.body().replaceAll(".*\"reservation_id\":\"([^\"]+)\".*", "$1");
    }

    private HttpResponse<String> call(String method, String path, String token, String body, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.getURL() + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return http.send(b.build(), BodyHandlers.ofString());
    }

    /** What the node holds: every SKU's totals and ledger, every reservation, the idempotency keys. */
    private String state() {
        return replica.readLocal(l -> {
            StringBuilder s = new StringBuilder();
            for (String sku : new java.util.TreeSet<>(l.skuNames())) {
                var v = l.sku(sku).orElseThrow();
                s.append(sku).append(':').append(v.getOnHand()).append('/').append(v.getHeld()).append('/')
                        .append(v.getCommitted()).append('/').append(l.ledgerEntries(sku, 0, 1_000).orElseThrow().entries().size()).append('\n');
            }
            s.append("reservations=").append(l.reservationCount()).append(" keys=").append(l.idempotencyKeyCount())
                    .append(' ').append(l.reservation(reservationId).orElseThrow().getState());
            return s.toString();
        });
    }

    @Test
    void generatedHostileRequestsGetNo5xxAndChangeNothing() throws Exception {
        String before = state();
        long heapBefore = heapAfterGc();
        HostileRequests generator = new HostileRequests(new Random(SEED), reservationId);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        List<String> closedWithoutAnswer = new ArrayList<>();
        for (int i = 0; i < GENERATED; i++) {
            HostileRequests.Attempt a = generator.next();
            HttpResponse<String> r;
            boolean oversize = a.body() != null && a.body().length > BodyLimitFilter.MAX_BODY || a.path().length() > 4_000;
            try {
                // a node refuses an oversize body or request line before reading on, and closes that connection:
                // such requests get a connection of their own, so that no other request is sent into one closing
                HttpClient client = oversize ? HttpClient.newHttpClient() : http;
                r = client.send(a.request(server.getURL().toString()), BodyHandlers.ofString());
            } catch (IllegalArgumentException refusedByTheClient) {
                continue; // java.net.http would not even send it (e.g. a header it considers illegal)
            } catch (IOException closed) {
                if (!oversize) {
                    closedWithoutAnswer.add(a.toString());
                }
                byStatus.merge(0, 1, Integer::sum); // 0: closed while the client was still sending
                continue;
            }
            byStatus.merge(r.statusCode(), 1, Integer::sum);
            boolean refused = r.statusCode() >= 400 && r.statusCode() < 500;
            boolean problem = a.method().equals("HEAD") || r.headers().firstValue("Content-Type").orElse("").startsWith(Problems.PROBLEM_JSON);
            if (r.statusCode() >= 500 || (a.mutating() && !refused) || (refused && !problem)) {
                wrong.add(r.statusCode() + " " + a + " -> " + r.body().substring(0, Math.min(200, r.body().length())));
            }
        }
        long heapGrowth = heapAfterGc() - heapBefore;
        System.out.println("hostile requests by status: " + byStatus);
        System.out.printf("heap after GC grew by %d KiB over %d hostile requests%n", heapGrowth / 1024, GENERATED);
        // refused requests keep nothing: no idempotency key, no connection state. A leak of even 1 KiB per request
        // would show as 10 MB; the bound leaves room for the JIT's and Micronaut's own caches warming up
        assertThat(heapGrowth).as("heap kept by %d refused requests", GENERATED).isLessThan(16L << 20);
        assertThat(closedWithoutAnswer).as("connections closed on requests of an acceptable size").isEmpty();
        assertThat(wrong).as("5xx, accepted writes, or refusals that are not problem+json").isEmpty();
        assertThat(state()).as("nothing changed").isEqualTo(before);
        assertThat(call("GET", "/health/readiness", null, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void protocolGarbageAndOversizeHeadersGetNo5xx() throws Exception {
        String before = state();
        List<String> raw = List.of(
                "GARBAGE\r\n\r\n",
                "GET /v1/skus/%zz HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + SingleNodeFactory.STOCK + "\r\n\r\n",
                "GET /v1/availability/abuse-a HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(100_000) + "\r\n\r\n",
                "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                "POST /v1/reservations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + SingleNodeFactory.CHECKOUT
                        + "\r\nIdempotency-Key: k\u0001ey\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
                "POST /v1/reservations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + SingleNodeFactory.CHECKOUT
                        + "\r\nIdempotency-Key: raw-1\r\nContent-Type: application/json\r\nContent-Length: 4\r\n\r\n\"\u00ff\u00fe\"",
                "POST /v1/reservations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + SingleNodeFactory.CHECKOUT
                        + "\r\nIdempotency-Key: raw-2\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\n\r\n{",
                "POST /v1/skus/abuse-a/receipts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + SingleNodeFactory.STOCK
                        + "\r\nIdempotency-Key: raw-3\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\nzz\r\n",
                // a key in UTF-8 and in Latin-1: not printable ASCII (java.net.http would send either as '?')
                "POST /v1/skus/ghost/reconciliations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + SingleNodeFactory.STOCK
                        + "\r\nIdempotency-Key: \u00c3\u00bc-umlaut\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n"
                        + "{\"warehouse_on_hand\":3,\"source\":\"count\"}",
                "POST /v1/skus/ghost/reconciliations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + SingleNodeFactory.STOCK
                        + "\r\nIdempotency-Key: \u00fc-umlaut\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n"
                        + "{\"warehouse_on_hand\":3,\"source\":\"count\"}",
                "GET /v1/cluster HTTP/9.9\r\nHost: x\r\n\r\n"); // a read: any answer but a 5xx
        for (String request : raw) {
            String statusLine = rawExchange(request.getBytes(StandardCharsets.ISO_8859_1));
            if (statusLine != null) { // a closed connection is an answer too
                int status = Integer.parseInt(statusLine.split(" ")[1]);
                assertThat(status).as(request.substring(0, Math.min(80, request.length()))).isLessThan(500);
            }
        }
        assertThat(state()).isEqualTo(before);
        assertThat(call("GET", "/health/readiness", null, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void slowLorisConnectionsAndIdleSubscribersDoNotStopTheNode() throws Exception {
        List<Socket> loris = new ArrayList<>();
        List<HttpResponse<InputStream>> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket s = new Socket(server.getHost(), server.getPort());
                s.getOutputStream().write("GET /v1/cluster HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                loris.add(s);
            }
            for (int i = 0; i < 200; i++) {
                idle.add(http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/availability/stream?sku=abuse-b"))
                        .build(), BodyHandlers.ofInputStream()));
            }
            long started = System.nanoTime();
            System.out.printf("heap after GC with 200 slow-loris connections and 200 idle subscribers open: %d MiB%n",
                    heapAfterGc() >> 20);
            HttpResponse<String> reserve = call("POST", "/v1/reservations", SingleNodeFactory.CHECKOUT,
                    "{\"lines\":[{\"sku\":\"abuse-b\",\"quantity\":1}],\"customer_id\":\"bob\"}", "among-the-idle");
            assertThat(reserve.statusCode()).isEqualTo(201);
            assertThat(call("GET", "/health/readiness", null, null, null).statusCode()).isEqualTo(200);
            System.out.printf("a reservation among 200 slow-loris connections and 200 idle subscribers: %d ms%n",
                    (System.nanoTime() - started) / 1_000_000);
        } finally {
            for (Socket s : loris) {
                s.close();
            }
            for (HttpResponse<InputStream> r : idle) {
                r.body().close();
            }
        }
    }

    /** Heap in use after a full collection: what the node keeps, not what it has yet to collect. */
    private static long heapAfterGc() throws InterruptedException {
        java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    /** Sends raw bytes, returns the response's status line, or null when the node closed the connection instead. */
    private String rawExchange(byte[] request) throws IOException {
        try (Socket s = new Socket(server.getHost(), server.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException closedWhileWriting) {
                return null;
            }
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                line.append((char) c);
            }
            return line.length() == 0 ? null : line.toString().trim();
        } catch (java.net.SocketException reset) {
            return null;
        }
    }
}
