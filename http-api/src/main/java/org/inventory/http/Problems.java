package org.inventory.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;

/** Renders problems as {@code application/problem+json} (RFC 9457) with our {@code code} member. */
final class Problems {
    static final String PROBLEM_JSON = "application/problem+json";

    private Problems() {
    }

    static MutableHttpResponse<ProblemJson> render(ApiException e) {
        MutableHttpResponse<ProblemJson> response = HttpResponse.<ProblemJson>status(e.status).body(e.problem()).contentType(PROBLEM_JSON);
        if (e.replayed) {
            response.header("Idempotent-Replayed", "true");
        }
        if (e.retryAfterSeconds != null) {
            response.header("Retry-After", String.valueOf(e.retryAfterSeconds));
        }
        return response;
    }
}
