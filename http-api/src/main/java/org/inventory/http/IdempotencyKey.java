package org.inventory.http;

/** The {@code Idempotency-Key} header: 1..255 printable ASCII, one key space per cluster. */
final class IdempotencyKey {
    static final String HEADER = "Idempotency-Key";

    private IdempotencyKey() {
    }

    static String check(String key, boolean required) {
        if (key == null || key.isEmpty()) {
            if (required) {
                throw ApiException.badRequest("the Idempotency-Key header is required on this request", HEADER);
            }
            return "";
        }
        if (key.length() > 255) {
            throw ApiException.badRequest("Idempotency-Key is longer than 255 characters", HEADER);
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw ApiException.badRequest("Idempotency-Key must be printable ASCII", HEADER);
            }
        }
        return key;
    }
}
