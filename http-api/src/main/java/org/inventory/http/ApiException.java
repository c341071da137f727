package org.inventory.http;

import io.micronaut.http.HttpStatus;
import java.util.List;

/** A request refused with an RFC 9457 problem: status, a stable {@code code} for programs, a detail for people. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final HttpStatus status;
    final String code;
    Integer retryAfterSeconds;
    boolean replayed;
    // the members some codes add (ProblemJson)
    String field;
    String reason;
    transient List<ProblemJson.ShortageLine> lines;
    String sku;
    Long maxPerCustomer;
    Long alreadyHeldOrCommitted;
    Long requested;
    String state;
    Long expectedOnHand;
    Long onHand;

    public ApiException(HttpStatus status, String code, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
    }

    ApiException field(String field) {
        this.field = field;
        return this;
    }

    ApiException reason(String reason) {
        this.reason = reason;
        return this;
    }

    ApiException state(String state) {
        this.state = state;
        return this;
    }

    ApiException shortage(List<ProblemJson.ShortageLine> lines) {
        this.lines = lines;
        return this;
    }

    ApiException purchaseLimit(String sku, long maxPerCustomer, long alreadyHeldOrCommitted, long requested) {
        this.sku = sku;
        this.maxPerCustomer = maxPerCustomer;
        this.alreadyHeldOrCommitted = alreadyHeldOrCommitted;
        this.requested = requested;
        return this;
    }

    ApiException onHandMismatch(long expectedOnHand, long onHand) {
        this.expectedOnHand = expectedOnHand;
        this.onHand = onHand;
        return this;
    }

    ApiException retryAfter(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    static ApiException badRequest(String detail, String field) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", detail).field(field);
    }

    /** The problem body this refusal is rendered as. */
    ProblemJson problem() {
        return new ProblemJson("https://inventory.example/problems/" + code.replace('_', '-'), status.getReason(), status.getCode(),
                getMessage(), code, field, reason, lines, sku, maxPerCustomer, alreadyHeldOrCommitted, requested, state,
                expectedOnHand, onHand);
    }
}
