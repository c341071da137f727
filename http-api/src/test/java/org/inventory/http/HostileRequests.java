package org.inventory.http;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Generates requests a careless or hostile client sends, each refused by construction: a write with the right role
 * always carries a body the endpoint cannot take (an object with a field no endpoint has, a value that is not an
 * object, broken or deeply nested JSON, an oversize body, a wrong media type; never an empty body, which is "no
 * fields" to endpoints whose fields are all optional) or a bad idempotency key; the
 * cluster's admin endpoints are only tried without the admin role. Reads may succeed.
 */
final class HostileRequests {
    /** One request and whether it could write. */
    record Attempt(String method, String path, String token, String contentType, byte[] body, String idempotencyKey,
                   boolean mutating) {
        HttpRequest request(String base) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                    .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
            if (token != null) {
                b.header("Authorization", token);
            }
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            if (idempotencyKey != null) {
                b.header("Idempotency-Key", idempotencyKey);
            }
            return b.build();
        }

        @Override
        public String toString() {
            String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8);
            return method + " " + (path.length() > 120 ? path.substring(0, 120) + "…" : path) + " " + shown;
        }
    }

    private record Endpoint(String method, String template, String role) {
    }

    private static final List<Endpoint> WRITES = List.of(
            new Endpoint("PUT", "/v1/skus/{sku}", SingleNodeFactory.STOCK),
            new Endpoint("POST", "/v1/skus/{sku}/receipts", SingleNodeFactory.STOCK),
            new Endpoint("POST", "/v1/skus/{sku}/adjustments", SingleNodeFactory.STOCK),
            new Endpoint("POST", "/v1/skus/{sku}/reconciliations", SingleNodeFactory.STOCK),
            new Endpoint("POST", "/v1/reservations", SingleNodeFactory.CHECKOUT),
            new Endpoint("POST", "/v1/reservations/batch", SingleNodeFactory.CHECKOUT),
            new Endpoint("POST", "/v1/reservations/{id}/commit", SingleNodeFactory.CHECKOUT),
            new Endpoint("POST", "/v1/reservations/{id}/release", SingleNodeFactory.CHECKOUT),
            new Endpoint("POST", "/v1/reservations/{id}/extend", SingleNodeFactory.CHECKOUT),
            new Endpoint("POST", "/v1/reservations/{id}/cancel", SingleNodeFactory.CHECKOUT),
            new Endpoint("POST", "/v1/reservations/{id}/fulfill", SingleNodeFactory.CHECKOUT));
    private static final List<String> ADMIN_ONLY = List.of("/v1/cluster/members", "/v1/cluster/leader",
            "/v1/cluster/snapshot", "/v1/cluster/force-reset", "/v1/cluster/members/n1/promote", "/internal/v1/propose");
    private static final List<String> READS = List.of("/v1/skus/{sku}", "/v1/skus/{sku}/ledger", "/v1/reservations/{id}",
            "/v1/availability/{sku}", "/v1/availability", "/v1/cluster", "/v1/cluster/digest", "/metrics", "/health",
            "/openapi.yml");
    private static final List<String> FIELDS = List.of("lines", "sku", "quantity", "customer_id", "cart_id",
            "ttl_seconds", "delta", "reason_code", "note", "expected_on_hand", "warehouse_on_hand", "source", "as_of",
            "reference", "safety_stock", "hold_ttl_seconds", "max_per_customer", "low_stock_threshold",
            "backorder_limit", "reason", "reservations", "idempotency_key", "node_id", "raft", "http", "learner");
    private static final List<String> NUMBERS = List.of("0", "-1", "1", "1.5", "-0", "1e400", "-1e400", "1e-400",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809", "99999999999999999999999999999",
            "2147483648", "0x10", "NaN", "Infinity", "01", "1E2", "3.0000000000000001");
    private static final List<String> STRINGS = List.of("", " ", "a", "\\u0000", "\\ud800", "\\u202e", "../../etc",
            "%2e%2e%2f", "<script>", "'; drop table", "\\n\\r", "日本語", "🙂", "a".repeat(300), "a".repeat(70_000));
    private static final List<String> NAMES = List.of("..", "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "%00", "a%00b",
            "%0d%0aX-Injected:%201", "%C0%AE", "%E2%80%AE", "%F0%9F%99%82", "a".repeat(5_000), "%25", "%2F", "x;y",
            "ghost", "abuse-a%20", "ABUSE-A", "res-0", "res--1", "res-99999999999999999999", "res-1-99999", "res-abc");
    private static final List<String> QUERIES = List.of("?limit=-1", "?limit=0", "?limit=abc", "?limit=99999999999999999999",
            "?after=-5", "?after=x", "?consistency=", "?consistency=sometimes", "?consistency=linearizable&consistency=stale",
            "?max_staleness_ms=-1", "?max_staleness_ms=1e9", "?sku=", "?sku=%00", "?limit=1000&after=0", "?%zz=1",
            "?sku=" + "a&sku=".repeat(300) + "a");

    private final Random random;
    private final String reservationId;
    private int keys;

    HostileRequests(Random random, String reservationId) {
        this.random = random;
        this.reservationId = reservationId;
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    Attempt next() {
        return switch (random.nextInt(6)) {
            case 0, 1 -> writeWithABodyItCannotTake();
            case 2 -> writeWithoutTheRole();
            case 3 -> adminWithoutTheRole();
            case 4 -> writeWithABadKey();
            default -> hostileRead();
        };
    }

    private String target(String template) {
        String sku = random.nextInt(3) == 0 ? pick(NAMES) : pick(List.of("abuse-a", "abuse-b", "ghost"));
        String id = random.nextInt(3) == 0 ? pick(NAMES) : reservationId;
        return template.replace("{sku}", sku).replace("{id}", id);
    }

    private String key() {
        return "hostile-" + (keys++);
    }

    private Attempt writeWithABodyItCannotTake() {
        Endpoint e = pick(WRITES);
        String contentType = random.nextInt(10) == 0 ? pick(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded"))
                : "application/json";
        return new Attempt(e.method(), target(e.template()), "Bearer " + e.role(), contentType, refusedBody(),
                key(), true);
    }

    private Attempt writeWithoutTheRole() {
        Endpoint e = pick(WRITES);
        String token = pick(List.of("", "Bearer ", "Bearer nope", "Basic YWRtaW46YWRtaW4=", "bearer" + SingleNodeFactory.ADMIN,
                "Bearer " + SingleNodeFactory.PEER, "Bearer " + SingleNodeFactory.ADMIN.toUpperCase(),
                "Bearer " + (e.role().equals(SingleNodeFactory.STOCK) ? SingleNodeFactory.CHECKOUT : SingleNodeFactory.STOCK)));
        return new Attempt(e.method(), target(e.template()), token.isEmpty() ? null : token, "application/json",
                randomJson(3).getBytes(StandardCharsets.UTF_8), key(), true);
    }

    private Attempt adminWithoutTheRole() {
        String token = pick(List.of("Bearer " + SingleNodeFactory.CHECKOUT, "Bearer " + SingleNodeFactory.STOCK, "Bearer x"));
        String path = pick(ADMIN_ONLY);
        return new Attempt("POST", path, random.nextBoolean() ? token : null, "application/json",
                randomJson(3).getBytes(StandardCharsets.UTF_8), null, true);
    }

    private Attempt writeWithABadKey() {
        Endpoint e = pick(List.of(WRITES.get(1), WRITES.get(2), WRITES.get(3), WRITES.get(4)));
        String key = pick(List.of("", "a".repeat(256), "a".repeat(4_000), "tab\there", "k" + "\u007f"));
        // non-ASCII keys are sent raw by AbuseTest: java.net.http would turn them into '?', a valid key
        String body = e.template().contains("receipts") ? "{\"quantity\":1}"
                : e.template().contains("adjustments") ? "{\"delta\":1,\"reason_code\":\"DAMAGED\"}"
                : e.template().contains("reconciliations") ? "{\"warehouse_on_hand\":3,\"source\":\"count\"}"
                : "{\"lines\":[{\"sku\":\"abuse-a\",\"quantity\":1}],\"customer_id\":\"mallory\"}";
        return new Attempt(e.method(), target(e.template()), "Bearer " + e.role(), "application/json",
                body.getBytes(StandardCharsets.UTF_8), key, true);
    }

    private Attempt hostileRead() {
        String path = target(pick(READS)) + (random.nextBoolean() ? pick(QUERIES) : "");
        String token = pick(List.of("Bearer " + SingleNodeFactory.STOCK, "Bearer " + SingleNodeFactory.CHECKOUT, "Bearer nope", ""));
        return new Attempt(random.nextInt(8) == 0 ? "HEAD" : "GET", path, token.isEmpty() ? null : token, null, null, null, false);
    }

    /** A body no write endpoint takes. */
    private byte[] refusedBody() {
        String body = switch (random.nextInt(8)) {
            case 0 -> "[" + "[".repeat(random.nextInt(5_000) + 1_000); // deeper than any parser should follow
            case 1 -> "{\"a\":".repeat(random.nextInt(3_000) + 1_000) + "1" + "}".repeat(2_000);
            case 2 -> pick(List.of("null", "1", "\"x\"", "[]", "true", "{", "}", "{\"a\"}", "{'a':1}", "{\"a\":1,}"));
            case 3 -> "{\"lines\":[{\"sku\":\"abuse-a\",\"quantity\":1}]," + "\"x\":\"" + "y".repeat(70_000) + "\"}"; // over 64 KiB
            default -> objectWithAFieldNoEndpointTakes();
        };
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(20) == 0 && bytes.length > 2) {
            bytes[random.nextInt(bytes.length)] = (byte) 0xC3; // not UTF-8 any more, most likely
        }
        return bytes;
    }

    private String objectWithAFieldNoEndpointTakes() {
        StringBuilder b = new StringBuilder("{");
        int n = random.nextInt(6);
        boolean unknownWritten = false;
        for (int i = 0; i <= n; i++) {
            if (i > 0) {
                b.append(',');
            }
            if (!unknownWritten && (i == n || random.nextInt(n + 1) == 0)) {
                b.append('"').append(pick(List.of("__proto__", "constructor", "extra", "Quantity", "lines ", "lïnes"))).append("\":")
                        .append(randomJson(2));
                unknownWritten = true;
            } else {
                b.append('"').append(pick(FIELDS)).append("\":").append(randomJson(3));
            }
        }
        return b.append('}').toString();
    }

    private String randomJson(int depth) {
        int kind = random.nextInt(depth <= 0 ? 4 : 6);
        return switch (kind) {
            case 0 -> pick(NUMBERS);
            case 1 -> "\"" + pick(STRINGS) + "\"";
            case 2 -> pick(List.of("true", "false", "null"));
            case 3 -> "\"" + URLEncoder.encode(pick(NAMES), StandardCharsets.UTF_8) + "\"";
            case 4 -> {
                StringBuilder a = new StringBuilder("[");
                for (int i = 0, n = random.nextInt(4); i < n; i++) {
                    a.append(i > 0 ? "," : "").append(randomJson(depth - 1));
                }
                yield a.append(']').toString();
            }
            default -> {
                StringBuilder o = new StringBuilder("{");
                for (int i = 0, n = random.nextInt(4); i < n; i++) {
                    o.append(i > 0 ? "," : "").append('"').append(pick(FIELDS)).append("\":").append(randomJson(depth - 1));
                }
                yield o.append('}').toString();
            }
        };
    }
}
