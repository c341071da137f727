package org.inventory.ledger;

import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.ResultCode;

/**
 * Thrown by a command handler, before it changes anything, to refuse the command. Refusals are the normal outcome
 * of a flash sale (most buyers get {@code INSUFFICIENT_STOCK}), so no stack trace is captured: it would cost more
 * than the whole apply.
 */
final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient CommandResult.Builder result;

    Refusal(CommandResult.Builder result) {
        super(result.getCode().name(), null, false, false);
        this.result = result;
    }

    static Refusal of(ResultCode code, String detail) {
        return new Refusal(CommandResult.newBuilder().setCode(code).setDetail(detail));
    }

    static Refusal ofField(ResultCode code, String field, String detail) {
        return new Refusal(CommandResult.newBuilder().setCode(code).setField(field).setDetail(detail));
    }

    CommandResult.Builder result() {
        return result;
    }
}
