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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.inventory.raft.LedgerReplica;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/reservations/batch}: each item its own reservation, answered in request order. */
@MicronautTest
class BatchApiTest {
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

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(HttpResponse<?> response) {
        assertThat(response.code()).isEqualTo(200);
        return (List<Map<String, Object>>) body(response).get("results");
    }

    private void stock(String sku, int units) {
        assertThat(send(HttpRequest.PUT("/v1/skus/" + sku, Map.of()), SingleNodeFactory.STOCK).code()).isEqualTo(200);
        assertThat(send(HttpRequest.POST("/v1/skus/" + sku + "/receipts", Map.of("quantity", units))
                .header("Idempotency-Key", UUID.randomUUID().toString()), SingleNodeFactory.STOCK).code()).isEqualTo(201);
    }

    private static Map<String, Object> item(String key, String sku, Object quantity, String customer) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("idempotency_key", key);
        item.put("lines", List.of(Map.of("sku", sku, "quantity", quantity)));
        item.put("customer_id", customer);
        return item;
    }

    private HttpResponse<Map> batch(Object body) {
        return send(HttpRequest.POST("/v1/reservations/batch", body).contentType("application/json"), SingleNodeFactory.CHECKOUT);
    }

    @Test
    void everyItemGetsTheAnswerTheSingleCallWouldHaveGivenInRequestOrder() {
        String sku = sku();
        stock(sku, 3);
        String k = UUID.randomUUID().toString();
        List<Map<String, Object>> r = results(batch(Map.of("reservations", List.of(
                item(k + "-1", sku, 2, "alice"),
                item(k + "-2", sku, 2, "bob"),               // only one unit left: refused
                item(k + "-3", "ghost-" + sku, 1, "carol"),  // no such SKU
                item(k + "-4", sku, 0, "dave"),              // invalid: never proposed
                item(k + "-5", sku, 1, "erin")))));
        assertThat(r).extracting(m -> m.get("status")).containsExactly(201, 409, 404, 400, 201);
        Map<String, Object> alice = (Map<String, Object>) r.get(0).get("reservation");
        assertThat(alice).containsEntry("state", "HELD").containsEntry("customer_id", "alice").containsEntry("cart_id", null);
        assertThat(r.get(0)).doesNotContainKeys("problem", "replayed");
        Map<String, Object> shortage = (Map<String, Object>) r.get(1).get("problem");
        assertThat(shortage).containsEntry("code", "insufficient_stock").containsEntry("status", 409);
        assertThat((List<?>) shortage.get("lines")).hasSize(1);
        assertThat((Map<String, Object>) r.get(2).get("problem")).containsEntry("code", "sku_not_found");
        Map<String, Object> invalid = (Map<String, Object>) r.get(3).get("problem");
        assertThat(invalid).containsEntry("code", "invalid_request").containsEntry("field", "reservations[3].quantity");
        assertThat((String) invalid.get("detail")).startsWith("reservations[3]: ").contains("between 1 and");
        Map<String, Object> view = body(send(HttpRequest.GET("/v1/skus/" + sku), SingleNodeFactory.CHECKOUT));
        assertThat(view).containsEntry("held", 3);
        // a reservation made in a batch is a reservation like any other
        String id = (String) alice.get("reservation_id");
        assertThat(send(HttpRequest.POST("/v1/reservations/" + id + "/commit", Map.of()), SingleNodeFactory.CHECKOUT).code()).isEqualTo(200);
    }

    @Test
    void itemKeysShareOneKeySpaceWithSingleCalls() {
        String sku = sku();
        stock(sku, 10);
        String key = "single-then-batch-" + UUID.randomUUID();
        HttpResponse<Map> single = send(HttpRequest.POST("/v1/reservations",
                Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1)), "customer_id", "alice")).header("Idempotency-Key", key),
                SingleNodeFactory.CHECKOUT);
        assertThat(single.code()).isEqualTo(201);
        List<Map<String, Object>> r = results(batch(Map.of("reservations", List.of(
                item(key, sku, 1, "alice"),     // the same request again: replayed
                item(key, sku, 2, "alice"),     // the same key, another payload
                item("fresh-" + key, sku, 1, "bob"),
                item("fresh-" + key, sku, 1, "bob")))));  // repeated within the batch: replays the item before
        assertThat(r).extracting(m -> m.get("status")).containsExactly(201, 422, 201, 201);
        assertThat(r.get(0)).containsEntry("replayed", true);
        assertThat(((Map<?, ?>) r.get(0).get("reservation")).get("reservation_id")).isEqualTo(body(single).get("reservation_id"));
        assertThat((Map<String, Object>) r.get(1).get("problem")).containsEntry("code", "idempotency_key_reused");
        assertThat(r.get(3)).containsEntry("replayed", true);
        assertThat(r.get(3).get("reservation")).isEqualTo(r.get(2).get("reservation"));
        // and a single call replays what the batch item created
        HttpResponse<Map> again = send(HttpRequest.POST("/v1/reservations",
                Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1)), "customer_id", "bob")).header("Idempotency-Key", "fresh-" + key),
                SingleNodeFactory.CHECKOUT);
        assertThat(again.code()).isEqualTo(201);
        assertThat(again.getHeaders().get("Idempotent-Replayed")).isEqualTo("true");
        assertThat(body(again)).isEqualTo(r.get(2).get("reservation"));
        assertThat(body(send(HttpRequest.GET("/v1/skus/" + sku), SingleNodeFactory.CHECKOUT))).containsEntry("held", 2);
    }

    @Test
    void itemsThatAreNotValidAreRefusedOneByOneAndOnlyThey() {
        String sku = sku();
        stock(sku, 10);
        Map<String, Object> unknownField = item("u-" + sku, sku, 1, "a");
        unknownField.put("colour", "red");
        Map<String, Object> noKey = item("x", sku, 1, "a");
        noKey.remove("idempotency_key");
        Map<String, Object> badKey = item("bad\u0007key", sku, 1, "a");
        Map<String, Object> noCustomer = item("c-" + sku, sku, 1, "a");
        noCustomer.remove("customer_id");
        List<Object> items = new ArrayList<>(List.of(unknownField, noKey, badKey, noCustomer, "not an object", item("ok-" + sku, sku, 1, "a")));
        List<Map<String, Object>> r = results(batch(Map.of("reservations", items)));
        assertThat(r).extracting(m -> m.get("status")).containsExactly(400, 400, 400, 400, 400, 201);
        assertThat(r.stream().limit(5).map(m -> (Object) ((Map<?, ?>) m.get("problem")).get("field")).toList())
                .containsExactly("reservations[0].colour", "reservations[1].idempotency_key", "reservations[2].idempotency_key",
                        "reservations[3].customer_id", "reservations[4]");
        assertThat((String) ((Map<?, ?>) r.get(0).get("problem")).get("detail")).contains("unknown field 'colour' in reservations[0]");
        assertThat(body(send(HttpRequest.GET("/v1/skus/" + sku), SingleNodeFactory.CHECKOUT))).containsEntry("held", 1);
    }

    @Test
    void aBodyThatIsNotABatchIsRefusedWholeAndChangesNothing() {
        String sku = sku();
        stock(sku, 10);
        Object[][] cases = {
                {Map.of(), "reservations is required"},
                {Map.of("reservations", List.of()), "1..500 items"},
                {Map.of("reservations", "all of them"), "must be an array"},
                {Map.of("reservations", List.of(item("k", sku, 1, "a")), "priority", "high"), "unknown field 'priority'"},
        };
        for (Object[] c : cases) {
            HttpResponse<Map> r = batch(c[0]);
            assertThat(r.code()).as("%s", c[0]).isEqualTo(400);
            assertThat(r.getContentType().map(Object::toString)).contains(Problems.PROBLEM_JSON);
            assertThat((String) body(r).get("detail")).contains((String) c[1]);
        }
        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(item("k" + i, sku, 1, "c"));
        }
        assertThat((String) body(batch(Map.of("reservations", tooMany))).get("detail")).contains("1..500 items");
        HttpResponse<Map> withHeader = send(HttpRequest.POST("/v1/reservations/batch", Map.of("reservations", List.of(item("k", sku, 1, "a"))))
                .header("Idempotency-Key", "whole-batch"), SingleNodeFactory.CHECKOUT);
        assertThat(withHeader.code()).isEqualTo(400);
        assertThat(body(withHeader)).containsEntry("field", "Idempotency-Key");
        assertThat(batch("{\"reservations\": [").code()).isEqualTo(400);
        assertThat(send(HttpRequest.POST("/v1/reservations/batch", Map.of("reservations", List.of(item("k", sku, 1, "a")))),
                SingleNodeFactory.STOCK).code()).as("the stock role may not reserve").isEqualTo(403);
        assertThat(body(send(HttpRequest.GET("/v1/skus/" + sku), SingleNodeFactory.CHECKOUT))).containsEntry("held", 0);
    }

    @Test
    void aFullBatchOfFiveHundredIsOneRequest() {
        String sku = sku();
        stock(sku, 1000);
        List<Object> items = new ArrayList<>();
        String run = UUID.randomUUID().toString();
        for (int i = 0; i < 500; i++) {
            items.add(item(run + "-" + i, sku, 1, "customer-" + i));
        }
        long before = replica.appliedIndex();
        List<Map<String, Object>> r = results(batch(Map.of("reservations", items)));
        assertThat(r).hasSize(500).extracting(m -> m.get("status")).containsOnly(201);
        List<Object> customers = r.stream().map(m -> (Object) ((Map<?, ?>) m.get("reservation")).get("customer_id")).toList();
        assertThat(customers).as("in request order")
                .containsExactlyElementsOf(items.stream().map(i -> (Object) ((Map<?, ?>) i).get("customer_id")).toList());
        assertThat(replica.appliedIndex() - before).as("one log entry (a tick may land beside it)").isBetween(1L, 3L);
        assertThat(body(send(HttpRequest.GET("/v1/skus/" + sku), SingleNodeFactory.CHECKOUT))).containsEntry("held", 500);
    }
}
