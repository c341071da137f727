package org.inventory.chaos.check.linear;

/**
 * A reservation's status in the sequential model, as a byte so that a SKU's statuses fit in a compact array.
 * {@code NONE} means "its reserve has not been linearized yet": a commit or release on it is then refused, which is
 * what forces the search to place the reserve first.
 */
final class ResStatus {
    static final byte NONE = 0;
    static final byte HELD = 1;
    static final byte COMMITTED = 2;
    static final byte RELEASED = 3;
    static final byte EXPIRED = 4;
    /** A state the model does not produce (CANCELLED, FULFILLED, ...): only ever matched by an observation of it. */
    static final byte OTHER = 5;

    private ResStatus() {
    }

    /** Terminal for the operations we model: nothing we model ever moves a reservation out of these. */
    static boolean terminal(byte s) {
        return s == COMMITTED || s == RELEASED || s == EXPIRED;
    }

    static byte parse(String state) {
        if (state == null) {
            return OTHER;
        }
        switch (state) {
            case "HELD":
                return HELD;
            case "COMMITTED":
                return COMMITTED;
            case "RELEASED":
                return RELEASED;
            case "EXPIRED":
                return EXPIRED;
            default:
                return OTHER;
        }
    }

    static String name(byte s) {
        switch (s) {
            case NONE:
                return "not reserved";
            case HELD:
                return "HELD";
            case COMMITTED:
                return "COMMITTED";
            case RELEASED:
                return "RELEASED";
            case EXPIRED:
                return "EXPIRED";
            default:
                return "OTHER";
        }
    }
}
