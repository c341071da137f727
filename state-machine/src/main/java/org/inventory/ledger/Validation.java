package org.inventory.ledger;

import static org.inventory.ledger.proto.ResultCode.ID_TOO_LONG;
import static org.inventory.ledger.proto.ResultCode.INVALID_ID;
import static org.inventory.ledger.proto.ResultCode.INVALID_QUANTITY;
import static org.inventory.ledger.proto.ResultCode.INVALID_TTL;
import static org.inventory.ledger.proto.ResultCode.QUANTITY_OUT_OF_RANGE;
import static org.inventory.ledger.proto.ResultCode.TEXT_TOO_LONG;

/** Checks of single command fields; each refuses with the precise code and names the field. */
final class Validation {
    private Validation() {
    }

    /** SKU codes appear in URL paths, so they are restricted to characters that need no escaping. */
    static void sku(String field, String sku) {
        if (sku.isEmpty()) {
            throw Refusal.ofField(INVALID_ID, field, field + " is required");
        }
        if (sku.length() > Limits.MAX_SKU_LENGTH) {
            throw Refusal.ofField(ID_TOO_LONG, field, field + " is longer than " + Limits.MAX_SKU_LENGTH + " characters");
        }
        for (int i = 0; i < sku.length(); i++) {
            char c = sku.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || (i > 0 && (c == '-' || c == '_' || c == '.' || c == ':'));
            if (!ok) {
                throw Refusal.ofField(INVALID_ID, field,
                        field + " must start with a letter or digit and contain only letters, digits, '-', '_', '.', ':'");
            }
        }
    }

    /** Customer ids, cart ids and idempotency keys: printable ASCII (space included), bounded. */
    static void printableId(String field, String value, int maxLength, boolean required) {
        if (value.isEmpty()) {
            if (required) {
                throw Refusal.ofField(INVALID_ID, field, field + " is required");
            }
            return;
        }
        if (value.length() > maxLength) {
            throw Refusal.ofField(ID_TOO_LONG, field, field + " is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw Refusal.ofField(INVALID_ID, field, field + " must be printable ASCII");
            }
        }
    }

    static void text(String field, String value) {
        if (value.length() > Limits.MAX_TEXT_LENGTH) {
            throw Refusal.ofField(TEXT_TOO_LONG, field, field + " is longer than " + Limits.MAX_TEXT_LENGTH + " characters");
        }
    }

    /** A quantity that moves stock: strictly positive and at most {@link Limits#MAX_QUANTITY}. */
    static void positiveQuantity(String field, long quantity) {
        if (quantity <= 0) {
            throw Refusal.ofField(INVALID_QUANTITY, field, field + " must be positive, got " + quantity);
        }
        if (quantity > Limits.MAX_QUANTITY) {
            throw Refusal.ofField(QUANTITY_OUT_OF_RANGE, field, field + " must be at most " + Limits.MAX_QUANTITY);
        }
    }

    static void ttlSeconds(String field, int ttlSeconds) {
        if (ttlSeconds < 1 || ttlSeconds > Limits.MAX_TTL_SECONDS) {
            throw Refusal.ofField(INVALID_TTL, field, field + " must be between 1 and " + Limits.MAX_TTL_SECONDS);
        }
    }
}
