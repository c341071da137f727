package org.inventory.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;
import org.inventory.ledger.Availability;

/** What a product page shows: sellable units, the status and banner, and how fresh this replica's answer is. */
@Serdeable(naming = SnakeCaseStrategy.class)
record AvailabilityJson(String sku, long sellable, String status, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String banner,
                        long appliedIndex, long stalenessMs, String servedBy) {

    static AvailabilityJson of(Availability a, long appliedIndex, long stalenessMs, String servedBy) {
        return new AvailabilityJson(a.sku(), a.sellable(), a.status().name(), a.banner(), appliedIndex, stalenessMs, servedBy);
    }

    /** {@code GET /v1/availability?sku=...}. */
    @Serdeable
    record Items(List<AvailabilityJson> items) {
    }
}
