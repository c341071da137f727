package org.inventory.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import org.inventory.ledger.proto.CommandResult;

final class Responses {
    private Responses() {
    }

    /** A success for an applied command; replays say so in {@code Idempotent-Replayed}. */
    static <T> MutableHttpResponse<T> applied(HttpStatus status, CommandResult r, T body) {
        MutableHttpResponse<T> response = HttpResponse.<T>status(status).body(body);
        if (r.getReplayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response;
    }
}
