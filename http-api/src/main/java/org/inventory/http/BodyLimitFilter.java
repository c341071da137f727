package org.inventory.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Bodies over 64 KiB (a reservation batch: 1 MiB) are refused with 413 before anything reads them (JsonBody checks
 * chunked bodies too).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class BodyLimitFilter {
    static final int MAX_BODY = 64 * 1024;
    private static final String BATCH_PATH = "/v1/reservations/batch";

    @RequestFilter
    @Nullable
    HttpResponse<?> limit(HttpRequest<?> request) {
        long length = request.getContentLength();
        if (length > MAX_BODY) {
            int max = request.getPath().equals(BATCH_PATH) ? ReservationRequests.MAX_BATCH_BODY : MAX_BODY;
            if (length > max) {
                // the body is left unread, so this connection cannot carry another request: say so, or a client
                // that reuses it sends its next request into a closed connection
                return Problems.render(tooLarge(max)).header("Connection", "close");
            }
        }
        return null;
    }

    static ApiException tooLarge() {
        return tooLarge(MAX_BODY);
    }

    static ApiException tooLarge(int maxBytes) {
        return new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "body_too_large",
                "request bodies " + (maxBytes == MAX_BODY ? "are" : "here are") + " limited to " + (maxBytes / 1024) + " KiB");
    }
}
