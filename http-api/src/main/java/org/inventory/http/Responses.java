package org.inventory.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.Map;
import org.inventory.ledger.proto.CommandResult;

final class Responses {
    private Responses() {
    }

    /** A success for an applied command; replays say so in {@code Idempotent-Replayed}. */
    static MutableHttpResponse<Map<String, Object>> applied(HttpStatus status, CommandResult r, Map<String, Object> body) {
        MutableHttpResponse<Map<String, Object>> response = HttpResponse.<Map<String, Object>>status(status).body(body);
        if (r.getReplayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response;
    }
}
