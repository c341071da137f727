package org.inventory.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Bodies over 64 KiB are refused with 413 before anything reads them (JsonBody checks chunked bodies too). */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class BodyLimitFilter {
    static final int MAX_BODY = 64 * 1024;

    @RequestFilter
    @Nullable
    HttpResponse<?> limit(HttpRequest<?> request) {
        long length = request.getContentLength();
        if (length > MAX_BODY) {
            return Problems.render(tooLarge());
        }
        return null;
    }

    static ApiException tooLarge() {
        return new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "body_too_large", "request bodies are limited to 64 KiB");
    }
}
