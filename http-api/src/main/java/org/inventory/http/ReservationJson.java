package org.inventory.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;
import org.inventory.ledger.proto.ReservationLine;
import org.inventory.ledger.proto.ReservationView;

/** A reservation as contract.md §2 shows it: {@code cart_id} is null when none was given, {@code reason} only when set. */
@Serdeable(naming = SnakeCaseStrategy.class)
record ReservationJson(String reservationId, String state, List<Line> lines, String customerId,
                       @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String cartId,
                       String createdAt, String expiresAt, String updatedAt,
                       @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String reason) {

    @Serdeable
    record Line(String sku, long quantity) {
    }

    static ReservationJson of(ReservationView v) {
        List<ReservationLine> in = v.getLinesList();
        Line[] lines = new Line[in.size()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = new Line(in.get(i).getSku(), in.get(i).getQuantity());
        }
        String created = Views.time(v.getCreatedAtMs());
        return new ReservationJson(v.getReservationId(), v.getState().name(), List.of(lines), v.getCustomerId(),
                v.getCartId().isEmpty() ? null : v.getCartId(), created,
                Views.time(v.getExpiresAtMs()), v.getUpdatedAtMs() == v.getCreatedAtMs() ? created : Views.time(v.getUpdatedAtMs()),
                v.getReason().isEmpty() ? null : v.getReason());
    }
}
