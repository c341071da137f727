package org.inventory.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.inventory.ledger.proto.Reserve;
import org.junit.jupiter.api.Test;

/** What each bad reservation body gets: the refusal's detail and field, whatever order the fields came in. */
class JsonBodyTest {

    private static Reserve read(String json) {
        return ReservationRequests.reserve(JsonBody.parse(json.getBytes(StandardCharsets.UTF_8), ReservationRequests.SINGLE));
    }

    private static void refused(String json, String detail, String field) {
        assertThatThrownBy(() -> read(json)).as(json).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status.getCode()).isEqualTo(400);
            assertThat(e.code).isEqualTo("invalid_request");
            assertThat(e.getMessage()).isEqualTo(detail);
            assertThat(e.field).isEqualTo(field);
        });
    }

    @Test
    void aGoodBodyIsReadWhateverItsFieldOrder() {
        Reserve r = read("{\"ttl_seconds\": 30, \"customer_id\": \"alice\", \"cart_id\": \"c1\","
                + " \"lines\": [{\"quantity\": 2, \"sku\": \"a\"}, {\"sku\": \"b\", \"quantity\": 1.0}]}");
        assertThat(r.getCustomerId()).isEqualTo("alice");
        assertThat(r.getCartId()).isEqualTo("c1");
        assertThat(r.getTtlSeconds()).isEqualTo(30);
        assertThat(r.getLinesList()).extracting(l -> l.getSku() + "=" + l.getQuantity()).containsExactly("a=2", "b=1");
        assertThat(read("{\"lines\":[{\"sku\":\"a\",\"quantity\":1}],\"customer_id\":\"c\",\"cart_id\":null}").getCartId()).isEmpty();
    }

    @Test
    void eachBadInputGetsItsOwnRefusal() {
        refused("{not json", "the body is not valid JSON", null);
        refused("[1, 2]", "the body must be a JSON object", null);
        refused("\"text\"", "the body must be a JSON object", null);
        refused("{} {}", "the body is not valid JSON", null);
        refused("{\"lines\":[],\"customer_id\":\"c\",\"colour\":\"red\"}", "unknown field 'colour'", "colour");
        refused("{\"customer_id\":\"c\"}", "lines is required", "lines");
        refused("{\"lines\":null,\"customer_id\":\"c\"}", "lines is required", "lines");
        refused("{\"lines\":{\"sku\":\"a\"},\"customer_id\":\"c\"}", "lines must be an array", "lines");
        refused("{\"lines\":[],\"customer_id\":\"c\"}", "lines must have 1..50 items, got 0", "lines");
        refused("{\"lines\":[7],\"customer_id\":\"c\"}", "lines[0] must be an object", "lines[0]");
        refused("{\"lines\":[{\"sku\":\"a\",\"quantity\":1,\"price\":3}],\"customer_id\":\"c\"}",
                "unknown field 'price' in lines[0]", "lines[0].price");
        refused("{\"lines\":[{\"quantity\":1}],\"customer_id\":\"c\"}", "sku is required", "sku");
        refused("{\"lines\":[{\"sku\":5,\"quantity\":1}],\"customer_id\":\"c\"}", "sku must be a string", "sku");
        refused("{\"lines\":[{\"sku\":\"" + "x".repeat(65) + "\",\"quantity\":1}],\"customer_id\":\"c\"}",
                "sku is longer than 64 characters", "sku");
        refused("{\"lines\":[{\"sku\":\"a\",\"quantity\":1},{\"sku\":\"a\",\"quantity\":2}],\"customer_id\":\"c\"}",
                "sku a appears on more than one line", "lines[1].sku");
        refused("{\"lines\":[{\"sku\":\"a\",\"quantity\":\"one\"}],\"customer_id\":\"c\"}", "quantity must be an integer", "quantity");
        refused("{\"lines\":[{\"sku\":\"a\",\"quantity\":[1]}],\"customer_id\":\"c\"}", "quantity must be an integer", "quantity");
        refused("{\"lines\":[{\"sku\":\"a\",\"quantity\":1.5}],\"customer_id\":\"c\"}", "quantity must be an integer, got 1.5", "quantity");
        refused("{\"lines\":[{\"sku\":\"a\",\"quantity\":0}],\"customer_id\":\"c\"}",
                "quantity must be between 1 and 1000000000, got 0", "quantity");
        refused("{\"lines\":[{\"sku\":\"a\",\"quantity\":123456789012345678901234567890}],\"customer_id\":\"c\"}",
                "quantity must be between 1 and 1000000000", "quantity");
        refused("{\"lines\":[{\"sku\":\"a\",\"quantity\":1}]}", "customer_id is required", "customer_id");
        refused("{\"lines\":[{\"sku\":\"a\",\"quantity\":1}],\"customer_id\":\"\"}", "customer_id is required", "customer_id");
        refused("{\"lines\":[{\"sku\":\"a\",\"quantity\":1}],\"customer_id\":{}}", "customer_id must be a string", "customer_id");
        refused("{\"lines\":[{\"sku\":\"a\",\"quantity\":1}],\"customer_id\":\"c\",\"ttl_seconds\":0}",
                "ttl_seconds must be between 1 and 604800, got 0", "ttl_seconds");
    }

    @Test
    void twoMistakesAreReportedInTheEndpointsOrderNotTheBodys() {
        // customer_id is checked after the lines, wherever the client put it
        refused("{\"customer_id\": 5, \"lines\": []}", "lines must have 1..50 items, got 0", "lines");
        // an unknown field is reported before any value
        refused("{\"lines\": [], \"zzz\": 1}", "unknown field 'zzz'", "zzz");
    }

    @Test
    void anEmptyBodyIsAnEmptyObjectAndAnOversizedOneIsRefused() {
        refused("", "lines is required", "lines");
        refused("  \n", "lines is required", "lines");
        byte[] big = ("{\"customer_id\":\"" + "x".repeat(BodyLimitFilter.MAX_BODY) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> JsonBody.parse(big, ReservationRequests.SINGLE)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status.getCode()).isEqualTo(413));
    }
}
