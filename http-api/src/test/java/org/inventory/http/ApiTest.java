package org.inventory.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.inventory.raft.LedgerReplica;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest
class ApiTest {
    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    LedgerReplica replica;

    @BeforeEach
    void leaderElected() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(replica::isLeader);
    }

    private static String sku() {
        return Exchanges.sku();
    }

    @SuppressWarnings("rawtypes")
    private HttpResponse<Map> send(MutableHttpRequest<?> request, String token) {
        return Exchanges.send(client, request, token);
    }

    private static Map<String, Object> body(HttpResponse<?> response) {
        return Exchanges.body(response);
    }

    private void stock(String sku, int units) {
        assertThat(send(HttpRequest.PUT("/v1/skus/" + sku, Map.of("low_stock_threshold", 3)), SingleNodeFactory.STOCK).code())
                .isEqualTo(HttpStatus.OK.getCode());
        if (units > 0) {
            assertThat(send(HttpRequest.POST("/v1/skus/" + sku + "/receipts", Map.of("quantity", units))
                    .header("Idempotency-Key", UUID.randomUUID().toString()), SingleNodeFactory.STOCK).code()).isEqualTo(HttpStatus.CREATED.getCode());
        }
    }

    private HttpResponse<Map> reserve(String sku, int quantity, String customer, String key) {
        return send(HttpRequest.POST("/v1/reservations", Map.of("lines", List.of(Map.of("sku", sku, "quantity", quantity)),
                "customer_id", customer)).header("Idempotency-Key", key), SingleNodeFactory.CHECKOUT);
    }

    @Test
    void theCheckoutPath() {
        String sku = sku();
        stock(sku, 2);
        HttpResponse<Map> created = reserve(sku, 1, "alice", "k-" + sku);
        assertThat(created.code()).isEqualTo(HttpStatus.CREATED.getCode());
        Map<String, Object> reservation = body(created);
        assertThat(reservation.get("state")).isEqualTo("HELD");
        assertThat(created.header("X-Inventory-Leader")).isEqualTo("n1");
        assertThat(Long.parseLong(created.header("X-Inventory-Applied-Index"))).isPositive();
        String id = (String) reservation.get("reservation_id");

        HttpResponse<Map> fetched = send(HttpRequest.GET("/v1/reservations/" + id), SingleNodeFactory.CHECKOUT);
        assertThat(body(fetched).get("customer_id")).isEqualTo("alice");

        HttpResponse<Map> committed = send(HttpRequest.POST("/v1/reservations/" + id + "/commit", ""), SingleNodeFactory.CHECKOUT);
        assertThat(committed.code()).isEqualTo(HttpStatus.OK.getCode());
        assertThat(body(committed).get("state")).isEqualTo("COMMITTED");
        assertThat(send(HttpRequest.POST("/v1/reservations/" + id + "/commit", ""), SingleNodeFactory.CHECKOUT).code())
                .as("committing again is a no-op").isEqualTo(HttpStatus.OK.getCode());
        HttpResponse<Map> release = send(HttpRequest.POST("/v1/reservations/" + id + "/release", Map.of()), SingleNodeFactory.CHECKOUT);
        assertThat(release.code()).isEqualTo(HttpStatus.CONFLICT.getCode());
        assertThat(body(release)).containsEntry("code", "invalid_transition").containsEntry("state", "COMMITTED");
        assertThat(release.getContentType().map(Object::toString)).contains("application/problem+json");

        Map<String, Object> view = body(send(HttpRequest.GET("/v1/skus/" + sku), SingleNodeFactory.STOCK));
        assertThat(view).containsEntry("on_hand", 2).containsEntry("committed", 1).containsEntry("sellable", 1);

        Map<String, Object> availability = body(send(HttpRequest.GET("/v1/availability/" + sku), null));
        assertThat(availability).containsEntry("status", "LOW_STOCK").containsEntry("banner", "Only 1 left")
                .containsEntry("served_by", "n1");
    }

    @Test
    void theLastUnitAndTheLosersLines() {
        String sku = sku();
        stock(sku, 1);
        assertThat(reserve(sku, 1, "first", UUID.randomUUID().toString()).code()).isEqualTo(HttpStatus.CREATED.getCode());
        HttpResponse<Map> late = reserve(sku, 1, "second", UUID.randomUUID().toString());
        assertThat(late.code()).isEqualTo(HttpStatus.CONFLICT.getCode());
        assertThat(body(late)).containsEntry("code", "insufficient_stock");
        assertThat((List<Object>) body(late).get("lines")).containsExactly((Object) Map.of("sku", sku, "requested", 1, "sellable", 0));
        assertThat(body(send(HttpRequest.GET("/v1/availability/" + sku), null))).containsEntry("status", "SOLD_OUT");
    }

    @Test
    void retriesReplayAndReusedKeysAreRefused() {
        String sku = sku();
        stock(sku, 5);
        String key = "order-" + sku;
        HttpResponse<Map> first = reserve(sku, 2, "alice", key);
        HttpResponse<Map> retry = reserve(sku, 2, "alice", key);
        assertThat(retry.code()).isEqualTo(HttpStatus.CREATED.getCode());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(body(retry).get("reservation_id")).isEqualTo(body(first).get("reservation_id"));
        HttpResponse<Map> reused = reserve(sku, 3, "alice", key);
        assertThat(reused.code()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY.getCode());
        assertThat(body(reused)).containsEntry("code", "idempotency_key_reused");
        assertThat(body(send(HttpRequest.GET("/v1/skus/" + sku), SingleNodeFactory.STOCK))).containsEntry("held", 2);
    }

    @Test
    void tokensAndRoles() {
        String sku = sku();
        assertThat(send(HttpRequest.PUT("/v1/skus/" + sku, Map.of()), null).code()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
        assertThat(send(HttpRequest.PUT("/v1/skus/" + sku, Map.of()), "not-a-token").code()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
        HttpResponse<Map> wrongRole = send(HttpRequest.PUT("/v1/skus/" + sku, Map.of()), SingleNodeFactory.CHECKOUT);
        assertThat(wrongRole.code()).isEqualTo(HttpStatus.FORBIDDEN.getCode());
        assertThat(body(wrongRole)).containsEntry("code", "forbidden");
        assertThat(send(HttpRequest.PUT("/v1/skus/" + sku, Map.of()), SingleNodeFactory.ADMIN).code()).isEqualTo(HttpStatus.OK.getCode());
        assertThat(reserve(sku, 1, "c", "x-" + sku).code()).as("checkout may reserve").isEqualTo(HttpStatus.CONFLICT.getCode());
        assertThat(send(HttpRequest.POST("/v1/reservations", Map.of()).header("Idempotency-Key", "k"), SingleNodeFactory.STOCK).code())
                .as("stock may not reserve").isEqualTo(HttpStatus.FORBIDDEN.getCode());
        assertThat(send(HttpRequest.GET("/v1/skus/" + sku), null).code()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
        assertThat(send(HttpRequest.GET("/v1/availability/" + sku), null).code()).isEqualTo(HttpStatus.OK.getCode());
        assertThat(send(HttpRequest.GET("/v1/cluster"), null).code()).isEqualTo(HttpStatus.OK.getCode());
    }

    @Test
    void badInputsGetPreciseProblemsAndChangeNothing() {
        String sku = sku();
        stock(sku, 5);
        Object[][] cases = {
                {Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1)), "customer_id", "c", "color", "red"), "unknown field 'color'"},
                {Map.of("lines", List.of(Map.of("sku", sku, "quantity", "one")), "customer_id", "c"), "must be an integer"},
                {Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1.5)), "customer_id", "c"), "must be an integer"},
                {Map.of("lines", List.of(Map.of("sku", sku, "quantity", -1)), "customer_id", "c"), "between 1 and"},
                {Map.of("lines", List.of(Map.of("sku", sku, "quantity", 10_000_000_000L)), "customer_id", "c"), "between 1 and"},
                {Map.of("lines", List.of(), "customer_id", "c"), "1..50 items"},
                {Map.of("lines", java.util.stream.IntStream.range(0, 51).mapToObj(i -> Map.of("sku", "s" + i, "quantity", 1)).toList(),
                        "customer_id", "c"), "1..50 items"},
                {Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1), Map.of("sku", sku, "quantity", 2)), "customer_id", "c"),
                        "more than one line"},
                {Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1))), "customer_id is required"},
        };
        for (Object[] c : cases) {
            HttpResponse<Map> r = send(HttpRequest.POST("/v1/reservations", c[0]).header("Idempotency-Key", UUID.randomUUID().toString()),
                    SingleNodeFactory.CHECKOUT);
            assertThat(r.code()).as("%s", c[0]).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
            assertThat(body(r)).containsEntry("code", "invalid_request");
            assertThat((String) body(r).get("detail")).contains((String) c[1]);
        }
        HttpResponse<Map> malformed = send(HttpRequest.POST("/v1/reservations", "{not json").contentType("application/json")
                .header("Idempotency-Key", "m"), SingleNodeFactory.CHECKOUT);
        assertThat(malformed.code()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        HttpResponse<Map> noKey = send(HttpRequest.POST("/v1/reservations",
                Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1)), "customer_id", "c")), SingleNodeFactory.CHECKOUT);
        assertThat(noKey.code()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        assertThat((String) body(noKey).get("detail")).contains("Idempotency-Key");
        HttpResponse<Map> unknownSku = reserve("ghost-" + sku, 1, "c", UUID.randomUUID().toString());
        assertThat(unknownSku.code()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
        assertThat(body(unknownSku)).containsEntry("code", "sku_not_found");
        assertThat(send(HttpRequest.GET("/v1/reservations/res-999999"), SingleNodeFactory.CHECKOUT).code()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
        HttpResponse<Map> zeroDelta = send(HttpRequest.POST("/v1/skus/" + sku + "/adjustments", Map.of("delta", 0, "reason_code", "DAMAGED"))
                .header("Idempotency-Key", UUID.randomUUID().toString()), SingleNodeFactory.STOCK);
        assertThat(zeroDelta.code()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        HttpResponse<Map> badReason = send(HttpRequest.POST("/v1/skus/" + sku + "/adjustments", Map.of("delta", -1, "reason_code", "LOST"))
                .header("Idempotency-Key", UUID.randomUUID().toString()), SingleNodeFactory.STOCK);
        assertThat(badReason.code()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        assertThat(body(badReason)).containsEntry("field", "reason_code");

        // the leader's periodic tick moves the clock, which is part of the digest: compare the stock, not the digest
        assertThat(body(send(HttpRequest.GET("/v1/skus/" + sku), SingleNodeFactory.STOCK)))
                .containsEntry("on_hand", 5).containsEntry("held", 0);
    }

    @Test
    void stockAdjustmentsReconciliationsAndTheLedger() {
        String sku = sku();
        stock(sku, 10);
        HttpResponse<Map> cas = send(HttpRequest.POST("/v1/skus/" + sku + "/adjustments",
                Map.of("delta", -2, "reason_code", "DAMAGED", "expected_on_hand", 9)).header("Idempotency-Key", "a-" + sku), SingleNodeFactory.STOCK);
        assertThat(cas.code()).isEqualTo(HttpStatus.CONFLICT.getCode());
        assertThat(body(cas)).containsEntry("code", "on_hand_mismatch").containsEntry("on_hand", 10);
        HttpResponse<Map> recon = send(HttpRequest.POST("/v1/skus/" + sku + "/reconciliations",
                Map.of("warehouse_on_hand", 7, "source", "wms")).header("Idempotency-Key", "r-" + sku), SingleNodeFactory.STOCK);
        assertThat(recon.code()).isEqualTo(HttpStatus.CREATED.getCode());
        assertThat(body(recon)).containsEntry("drift", -3).containsEntry("on_hand", 7);
        Map<String, Object> ledger = body(send(HttpRequest.GET("/v1/skus/" + sku + "/ledger?after=0&limit=10"), SingleNodeFactory.STOCK));
        List<Map<String, Object>> entries = (List<Map<String, Object>>) ledger.get("entries");
        assertThat(entries).extracting(e -> e.get("type")).containsExactly("RECEIPT", "ADJUSTMENT");
        assertThat(entries.get(1)).containsEntry("reason_code", "RECONCILIATION").containsEntry("on_hand_after", 7);
    }

    @Test
    void healthAndReadinessNeedNoToken() {
        HttpResponse<Map> ready = send(HttpRequest.GET("/health/readiness"), null);
        assertThat(ready.code()).isEqualTo(HttpStatus.OK.getCode());
        assertThat(body(ready)).containsEntry("status", "UP");
        assertThat(send(HttpRequest.GET("/health"), null).code()).isEqualTo(HttpStatus.OK.getCode());
    }

    @Test
    void metricsInPrometheusText() {
        String sku = sku();
        stock(sku, 1);
        reserve(sku, 1, "m", "metrics-" + sku);
        String text = client.toBlocking().retrieve(HttpRequest.GET("/metrics").accept(io.micronaut.http.MediaType.TEXT_PLAIN), String.class);
        assertThat(text).contains("raft_is_leader 1.0").contains("ledger_reservations_acknowledged_total ")
                .contains("ledger_reservations_expired_total").contains("raft_pending_proposals")
                .contains("inventory_command_seconds").contains("ledger_adjusted_units_total{reason=\"DAMAGED\"}")
                .contains("raft_group_commit_reservations_total").contains("raft_group_commit_entries_total")
                .as("no per-request web timer").doesNotContain("http_server_requests");
        // a scraper or curl that accepts anything gets the same text (no second /metrics route competes for it)
        assertThat(client.toBlocking().retrieve(HttpRequest.GET("/metrics"), String.class)).contains("raft_is_leader 1.0");
    }

    @Test
    void oversizeBodiesAre413() {
        String big = "{\"quantity\":1,\"reference\":\"" + "x".repeat(70_000) + "\"}";
        HttpResponse<Map> r = send(HttpRequest.POST("/v1/skus/any/receipts", big).contentType("application/json")
                .header("Idempotency-Key", "big"), SingleNodeFactory.STOCK);
        assertThat(r.code()).isEqualTo(413);
        assertThat(body(r)).containsEntry("code", "body_too_large");
    }

    @Test
    void availabilityIsCacheableAndRevalidatesByAppliedIndex() {
        String sku = sku();
        stock(sku, 3);
        HttpResponse<Map> first = send(HttpRequest.GET("/v1/availability/" + sku), null);
        assertThat(first.header("Cache-Control")).isEqualTo("public, max-age=1");
        String etag = first.header("ETag");
        assertThat(etag).isEqualTo("\"" + body(first).get("applied_index") + "\"");
        assertThat(send(HttpRequest.GET("/v1/availability/" + sku).header("If-None-Match", "\"0\""), null).code()).isEqualTo(200);
        reserve(sku, 1, "e", "etag-" + sku);
        assertThat(send(HttpRequest.GET("/v1/availability/" + sku).header("If-None-Match", etag), null).code())
                .as("the ledger moved on: a fresh answer").isEqualTo(200);
    }

    @Test
    void theRestOfTheLifecycleAndItsRefusals() {
        String sku = sku();
        assertThat(send(HttpRequest.PUT("/v1/skus/" + sku, Map.of("max_per_customer", 2, "backorder_limit", 1)), SingleNodeFactory.STOCK).code())
                .isEqualTo(200);
        send(HttpRequest.POST("/v1/skus/" + sku + "/receipts", Map.of("quantity", 2)).header("Idempotency-Key", "r-" + sku), SingleNodeFactory.STOCK);

        HttpResponse<Map> limit = reserve(sku, 3, "greedy", "greedy-" + sku);
        assertThat(limit.code()).isEqualTo(409);
        assertThat(body(limit)).containsEntry("code", "purchase_limit_exceeded").containsEntry("max_per_customer", 2);

        String id = (String) body(reserve(sku, 2, "bob", "bob-" + sku)).get("reservation_id");
        HttpResponse<Map> extended = send(HttpRequest.POST("/v1/reservations/" + id + "/extend", Map.of("ttl_seconds", 3600)), SingleNodeFactory.CHECKOUT);
        assertThat(extended.code()).isEqualTo(200);
        assertThat(send(HttpRequest.POST("/v1/reservations/" + id + "/extend", Map.of()), SingleNodeFactory.CHECKOUT).code())
                .as("ttl_seconds is required").isEqualTo(400);
        assertThat(body(send(HttpRequest.POST("/v1/reservations/" + id + "/cancel", Map.of()), SingleNodeFactory.CHECKOUT)))
                .as("a HELD reservation is released, not cancelled").containsEntry("code", "invalid_transition").containsEntry("state", "HELD");
        send(HttpRequest.POST("/v1/reservations/" + id + "/commit", ""), SingleNodeFactory.CHECKOUT);
        HttpResponse<Map> negative = send(HttpRequest.POST("/v1/skus/" + sku + "/adjustments", Map.of("delta", -2, "reason_code", "DAMAGED"))
                .header("Idempotency-Key", "neg-" + sku), SingleNodeFactory.STOCK);
        assertThat(negative.code()).isEqualTo(409);
        assertThat(body(negative)).containsEntry("code", "would_go_negative");
        HttpResponse<Map> shipped = send(HttpRequest.POST("/v1/reservations/" + id + "/fulfill", ""), SingleNodeFactory.CHECKOUT);
        assertThat(body(shipped)).containsEntry("state", "FULFILLED");
        String other = (String) body(reserve(sku, 1, "carol", "carol-" + sku)).get("reservation_id");
        send(HttpRequest.POST("/v1/reservations/" + other + "/commit", ""), SingleNodeFactory.CHECKOUT);
        assertThat(body(send(HttpRequest.POST("/v1/reservations/" + other + "/cancel", Map.of("reason", "refund")), SingleNodeFactory.CHECKOUT)))
                .containsEntry("state", "CANCELLED").containsEntry("reason", "refund");

        Map<String, Object> many = body(send(HttpRequest.GET("/v1/availability?sku=" + sku + "&sku=ghost-" + sku), null));
        assertThat((java.util.List<?>) many.get("items")).hasSize(1);
        assertThat(send(HttpRequest.GET("/v1/availability"), null).code()).isEqualTo(400);
        assertThat(send(HttpRequest.GET("/v1/availability/" + sku + "?consistency=sometimes"), null).code()).isEqualTo(400);
        assertThat(body(send(HttpRequest.GET("/v1/availability/" + sku + "?consistency=linearizable"), null)))
                .containsEntry("staleness_ms", 0);
    }

    @Test
    void nodeToNodeEndpointsTakeThePeerCredentialFromAKnownMemberOnly() {
        HttpResponse<Map> checkout = send(HttpRequest.POST("/internal/v1/read-index", "").header(CommandGateway.FORWARDED_BY, "n1"),
                SingleNodeFactory.CHECKOUT);
        assertThat(checkout.code()).isEqualTo(403);
        HttpResponse<Map> admin = send(HttpRequest.POST("/internal/v1/read-index", "").header(CommandGateway.FORWARDED_BY, "n1"),
                SingleNodeFactory.ADMIN);
        assertThat(admin.code()).as("the admin token is a person's, not a node's").isEqualTo(403);
        HttpResponse<Map> stranger = send(HttpRequest.POST("/internal/v1/read-index", "").header(CommandGateway.FORWARDED_BY, "n9"),
                SingleNodeFactory.PEER);
        assertThat(stranger.code()).isEqualTo(403);
        assertThat(body(stranger)).containsEntry("code", "unknown_peer");
        HttpResponse<Map> unnamed = send(HttpRequest.POST("/internal/v1/read-index", ""), SingleNodeFactory.PEER);
        assertThat(body(unnamed)).containsEntry("code", "unknown_peer");
        assertThat(send(HttpRequest.GET("/v1/skus/tee"), SingleNodeFactory.PEER).code())
                .as("the peer credential reads nothing a person reads").isEqualTo(403);

        String index = client.toBlocking().retrieve(HttpRequest.POST("/internal/v1/read-index", "")
                .header(CommandGateway.FORWARDED_BY, "n1").bearerAuth(SingleNodeFactory.PEER)
                .accept(io.micronaut.http.MediaType.TEXT_PLAIN), String.class);
        assertThat(Long.parseLong(index.trim())).isPositive();
    }
}
