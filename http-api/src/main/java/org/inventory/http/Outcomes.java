package org.inventory.http;

import io.micronaut.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
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
                    .purchaseLimit(r.getPurchaseLimit().getSku(), r.getPurchaseLimit().getMaxPerCustomer(),
                            r.getPurchaseLimit().getAlreadyHeldOrCommitted(), r.getPurchaseLimit().getRequested());
            case INVALID_TRANSITION -> new ApiException(HttpStatus.CONFLICT, "invalid_transition", r.getDetail())
                    .state(r.getReservation().getState().name());
            case ON_HAND_MISMATCH -> new ApiException(HttpStatus.CONFLICT, "on_hand_mismatch", r.getDetail())
                    .onHandMismatch(r.getOnHandMismatch().getExpectedOnHand(), r.getOnHandMismatch().getActualOnHand());
            case WOULD_GO_NEGATIVE -> new ApiException(HttpStatus.CONFLICT, "would_go_negative", r.getDetail());
            case IDEMPOTENCY_KEY_REUSED -> new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency_key_reused", r.getDetail());
            default -> ApiException.badRequest(r.getDetail(), r.getField().isEmpty() ? null : r.getField())
                    .reason(r.getCode().name().toLowerCase(java.util.Locale.ROOT));
        };
        if (problem != null) {
            problem.replayed = r.getReplayed();
            throw problem;
        }
    }

    /** The problem a refused result is answered with, or null for OK. */
    static ApiException problemOf(CommandResult r) {
        try {
            requireOk(r);
            return null;
        } catch (ApiException problem) {
            return problem;
        }
    }

    private static ApiException insufficient(CommandResult r) {
        List<ProblemJson.ShortageLine> lines = new ArrayList<>();
        for (LineShortage l : r.getShortage().getLinesList()) {
            lines.add(new ProblemJson.ShortageLine(l.getSku(), l.getRequested(), l.getSellable()));
        }
        return new ApiException(HttpStatus.CONFLICT, "insufficient_stock", r.getDetail()).shortage(lines);
    }
}
