package org.inventory.http;

import io.micronaut.http.HttpStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.LineShortage;

/** Turns the ledger's refusals into HTTP problems; successes are rendered by each endpoint. */
final class Outcomes {
    private Outcomes() {
    }

    /** Throws the problem for a refused result; returns normally for OK. */
    static void requireOk(CommandResult r) {
        ApiException problem = switch (r.getCode()) {
            case OK -> null;
            case SKU_NOT_FOUND -> new ApiException(HttpStatus.NOT_FOUND, "sku_not_found", r.getDetail());
            case RESERVATION_NOT_FOUND -> new ApiException(HttpStatus.NOT_FOUND, "reservation_not_found", r.getDetail());
            case INSUFFICIENT_STOCK -> insufficient(r);
            case PURCHASE_LIMIT_EXCEEDED -> new ApiException(HttpStatus.CONFLICT, "purchase_limit_exceeded", r.getDetail())
                    .with("sku", r.getPurchaseLimit().getSku())
                    .with("max_per_customer", r.getPurchaseLimit().getMaxPerCustomer())
                    .with("already_held_or_committed", r.getPurchaseLimit().getAlreadyHeldOrCommitted())
                    .with("requested", r.getPurchaseLimit().getRequested());
            case INVALID_TRANSITION -> new ApiException(HttpStatus.CONFLICT, "invalid_transition", r.getDetail())
                    .with("state", r.getReservation().getState().name());
            case ON_HAND_MISMATCH -> new ApiException(HttpStatus.CONFLICT, "on_hand_mismatch", r.getDetail())
                    .with("expected_on_hand", r.getOnHandMismatch().getExpectedOnHand())
                    .with("on_hand", r.getOnHandMismatch().getActualOnHand());
            case WOULD_GO_NEGATIVE -> new ApiException(HttpStatus.CONFLICT, "would_go_negative", r.getDetail());
            case IDEMPOTENCY_KEY_REUSED -> new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency_key_reused", r.getDetail());
            default -> {
                ApiException e = ApiException.badRequest(r.getDetail(), r.getField().isEmpty() ? null : r.getField());
                yield e.with("reason", r.getCode().name().toLowerCase());
            }
        };
        if (problem != null) {
            problem.replayed = r.getReplayed();
            throw problem;
        }
    }

    private static ApiException insufficient(CommandResult r) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (LineShortage l : r.getShortage().getLinesList()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sku", l.getSku());
            line.put("requested", l.getRequested());
            line.put("sellable", l.getSellable());
            lines.add(line);
        }
        return new ApiException(HttpStatus.CONFLICT, "insufficient_stock", r.getDetail()).with("lines", lines);
    }
}
