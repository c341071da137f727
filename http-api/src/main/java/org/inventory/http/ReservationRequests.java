package org.inventory.http;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.inventory.ledger.Limits;
import org.inventory.ledger.proto.Reserve;
import org.inventory.ledger.proto.ReservationLine;

/** Reservation bodies (the single call's, and each item of a batch) read into the ledger's Reserve command. */
final class ReservationRequests {
    static final JsonShape LINE = JsonShape.of("sku", "quantity");
    static final JsonShape SINGLE = JsonShape.of("customer_id", "cart_id", "ttl_seconds").withArrayOf("lines", LINE);
    static final JsonShape BATCH_ITEM = JsonShape.of("idempotency_key", "customer_id", "cart_id", "ttl_seconds").withArrayOf("lines", LINE);
    static final JsonShape BATCH = JsonShape.of().withArrayOf("reservations", BATCH_ITEM);
    /** A batch of 500 one-line reservations with long keys and ids still fits. */
    static final int MAX_BATCH_BODY = 1024 * 1024;

    private ReservationRequests() {
    }

    /** Every field checked, in a fixed order, each with its own refusal. */
    static Reserve reserve(JsonBody b) {
        Reserve.Builder r = Reserve.newBuilder();
        Set<String> seen = new HashSet<>();
        List<Object> lines = b.requiredArray("lines", 1, Limits.MAX_LINES);
        for (int i = 0; i < lines.size(); i++) {
            String where = "lines[" + i + "]";
            JsonBody line = JsonBody.of(lines.get(i), where);
            String sku = line.requiredString("sku", Limits.MAX_SKU_LENGTH);
            if (!seen.add(sku)) {
                throw ApiException.badRequest("sku " + sku + " appears on more than one line", where + ".sku");
            }
            r.addLines(ReservationLine.newBuilder().setSku(sku).setQuantity(line.requiredLong("quantity", 1, Limits.MAX_QUANTITY)));
        }
        r.setCustomerId(b.requiredString("customer_id", Limits.MAX_CUSTOMER_ID_LENGTH));
        String cart = b.optionalString("cart_id", Limits.MAX_CART_ID_LENGTH);
        if (cart != null) {
            r.setCartId(cart);
        }
        Long ttl = b.optionalLong("ttl_seconds", 1, Limits.MAX_TTL_SECONDS);
        if (ttl != null) {
            r.setTtlSeconds(ttl.intValue());
        }
        return r.build();
    }

    /** A batch item's own key, held to the rules of the Idempotency-Key header. */
    static String itemKey(JsonBody item) {
        String key = item.requiredString("idempotency_key", Limits.MAX_IDEMPOTENCY_KEY_LENGTH);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw ApiException.badRequest("idempotency_key must be printable ASCII", "idempotency_key");
            }
        }
        return key;
    }

    /** A refusal of item {@code i} of a batch, naming the item in its detail and field. */
    static ApiException ofItem(int i, ApiException e) {
        String where = "reservations[" + i + "]";
        ApiException item = new ApiException(e.status, e.code, where + ": " + e.getMessage());
        item.field = e.field == null ? where : e.field.startsWith(where) ? e.field : where + "." + e.field;
        item.reason = e.reason;
        return item;
    }
}
