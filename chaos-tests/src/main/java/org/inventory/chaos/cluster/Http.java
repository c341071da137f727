package org.inventory.chaos.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/** The suite's only way into a node: its public HTTP API, as a checkout service or an SRE script uses it. */
public final class Http {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    /** A response: status, the leader the node named, and the JSON body (empty when there was none). */
    public record Reply(int status, String leader, Map<String, Object> body) {
        public String str(String key) {
            Object v = body.get(key);
            return v == null ? null : v.toString();
        }

        public long num(String key) {
            return ((Number) body.get(key)).longValue();
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1))
            .executor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "chaos-http");
                t.setDaemon(true);
                return t;
            })).build();
    private final Duration timeout;

    public Http(Duration timeout) {
        this.timeout = timeout;
    }

    public Reply send(String method, String url, String token, String idempotencyKey, Map<String, Object> body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        if (body != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> parsed = r.body() == null || r.body().isBlank() || !r.body().startsWith("{")
                ? Map.of() : JSON.readValue(r.body(), MAP);
        return new Reply(r.statusCode(), r.headers().firstValue("X-Inventory-Leader").orElse(""), parsed);
    }

    public Reply get(String url) throws IOException, InterruptedException {
        return send("GET", url, null, null, null);
    }
}
