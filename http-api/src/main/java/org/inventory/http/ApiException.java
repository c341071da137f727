package org.inventory.http;

import io.micronaut.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request refused with an RFC 9457 problem: status, a stable {@code code} for programs, a detail for people. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final HttpStatus status;
    final String code;
    final transient Map<String, Object> extras = new LinkedHashMap<>();
    Integer retryAfterSeconds;
    boolean replayed;

    public ApiException(HttpStatus status, String code, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
    }

    ApiException with(String key, Object value) {
        extras.put(key, value);
        return this;
    }

    ApiException retryAfter(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    static ApiException badRequest(String detail, String field) {
        ApiException e = new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", detail);
        return field == null ? e : e.with("field", field);
    }
}
