package org.inventory.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;

/**
 * An RFC 9457 problem with our {@code code} member, and the members some codes add: which field was wrong, why
 * a command was refused, the shortage per line, the purchase limit, the state that forbids a transition, the on-hand
 * figures of a failed compare-and-set. Members that do not apply are left out.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
record ProblemJson(String type, String title, int status, String detail, String code,
                   @Nullable String field, @Nullable String reason, @Nullable List<ShortageLine> lines,
                   @Nullable String sku, @Nullable Long maxPerCustomer, @Nullable Long alreadyHeldOrCommitted,
                   @Nullable Long requested, @Nullable String state, @Nullable Long expectedOnHand, @Nullable Long onHand) {

    /** One line of an insufficient_stock refusal. */
    @Serdeable
    record ShortageLine(String sku, long requested, long sellable) {
    }
}
