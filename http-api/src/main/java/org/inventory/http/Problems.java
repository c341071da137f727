package org.inventory.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders problems as {@code application/problem+json} (RFC 9457) with our {@code code} member. */
final class Problems {
    static final String PROBLEM_JSON = "application/problem+json";

    private Problems() {
    }

    static MutableHttpResponse<Map<String, Object>> render(ApiException e) {
        Map<String, Object> body = body(e.status, e.code, e.getMessage());
        body.putAll(e.extras);
        MutableHttpResponse<Map<String, Object>> response = HttpResponse.<Map<String, Object>>status(e.status)
                .body(body).contentType(PROBLEM_JSON);
        if (e.replayed) {
            response.header("Idempotent-Replayed", "true");
        }
        if (e.retryAfterSeconds != null) {
            response.header("Retry-After", String.valueOf(e.retryAfterSeconds));
        }
        return response;
    }

    static Map<String, Object> body(HttpStatus status, String code, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://inventory.example/problems/" + code.replace('_', '-'));
        body.put("title", status.getReason());
        body.put("status", status.getCode());
        body.put("detail", detail);
        body.put("code", code);
        return body;
    }
}
