package org.inventory.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The answer to {@code POST /v1/reservations/batch}: one result per item, in request order. Each carries the status
 * the single call would have answered with, and its reservation (201) or its problem (anything else);
 * {@code replayed} is there when the item's key replayed an earlier result (the single call's
 * {@code Idempotent-Replayed} header).
 */
@Serdeable
record BatchResultsJson(List<Item> results) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(int status, @Nullable ReservationJson reservation, @Nullable ProblemJson problem, @Nullable Boolean replayed) {
    }
}
