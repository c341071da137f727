package org.inventory.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.util.Map;
import java.util.UUID;

/** What the endpoint tests do with every request: send it with a token, and read a JSON object back, errors included. */
final class Exchanges {
    private Exchanges() {
    }

    /** The response, whatever its status (a 4xx or 5xx is returned, not thrown). {@code token} may be null. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static HttpResponse<Map> send(HttpClient client, MutableHttpRequest<?> request, String token) {
        if (token != null) {
            request.bearerAuth(token);
        }
        try {
            return client.toBlocking().exchange(request, Map.class);
        } catch (HttpClientResponseException e) {
            return (HttpResponse<Map>) e.getResponse();
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> body(HttpResponse<?> response) {
        return response.getBody(Map.class).map(m -> (Map<String, Object>) m).orElseThrow();
    }

    /** A SKU no other test uses. */
    static String sku() {
        return "sku-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
