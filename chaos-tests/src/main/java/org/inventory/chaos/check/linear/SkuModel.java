package org.inventory.chaos.check.linear;

/**
 * The sequential specification of one SKU: which operations a state accepts, with which results, and what they
 * leave behind. Mirrors the ledger's rules for the single-line reservations the chaos clients make (safety stock and
 * backorders 0, so available = on_hand - held - committed).
 *
 * <p>Open-ended (indeterminate) ops are accepted only when they change the state. An open-ended op that would be a
 * no-op (a commit of a reservation that is no longer HELD, a reserve without stock) is equivalent to one that never
 * took effect, and "never" is always on offer since such an op need not be linearized at all; refusing the no-op
 * variant removes a branch that could only duplicate another. It also makes the state a function of the set of
 * linearized ops, which keeps the memo small.
 */
final class SkuModel {
    /** Quantity of each reservation, by the SKU's reservation number: fixed, so not part of the state. */
    private final long[] quantity;

    SkuModel(long[] quantity) {
        this.quantity = quantity;
    }

    /** The state after {@code op}, or null when {@code s} cannot produce what the history says {@code op} returned. */
    SkuState step(SkuState s, LinOp op) {
        switch (op.kind) {
            case RESERVE:
                return reserve(s, op);
            case COMMIT:
                return commit(s, op);
            case RELEASE:
                return release(s, op);
            case EXPIRE:
                return s.status(op.res) == ResStatus.HELD ? end(s, op.res, ResStatus.EXPIRED) : null;
            case RECEIPT:
                return receipt(s, op);
            case ADJUST:
                return adjust(s, op);
            case READ:
                return s.onHand == op.onHand && s.held == op.held && s.committed == op.committed ? s : null;
            default:
                throw new IllegalStateException(op.kind.toString());
        }
    }

    private SkuState reserve(SkuState s, LinOp op) {
        boolean fits = s.available() >= op.amount;
        if (op.outcome == LinOp.Outcome.FAIL) {
            return fits ? null : s; // insufficient_stock: nothing changed
        }
        if (!fits || s.status(op.res) != ResStatus.NONE) {
            return null;
        }
        return s.withStatus(op.res, ResStatus.HELD, quantity[op.res], 0);
    }

    private SkuState commit(SkuState s, LinOp op) {
        byte st = s.status(op.res);
        if (st == ResStatus.NONE) {
            return null; // the reserve must be linearized first
        }
        switch (op.outcome) {
            case OK:
                if (st == ResStatus.COMMITTED) {
                    return s; // idempotent
                }
                return st == ResStatus.HELD ? commitHeld(s, op.res) : null;
            case FAIL:
                return st == op.expectedStatus ? s : null;
            default:
                return st == ResStatus.HELD ? commitHeld(s, op.res) : null;
        }
    }

    private SkuState commitHeld(SkuState s, int res) {
        long q = quantity[res];
        return s.withStatus(res, ResStatus.COMMITTED, -q, q);
    }

    private SkuState release(SkuState s, LinOp op) {
        byte st = s.status(op.res);
        if (st == ResStatus.NONE) {
            return null;
        }
        switch (op.outcome) {
            case OK:
                if (op.expectedStatus == ResStatus.EXPIRED) {
                    return st == ResStatus.EXPIRED ? s : null; // releasing an expired hold is a no-op
                }
                if (st == ResStatus.RELEASED) {
                    return s;
                }
                return st == ResStatus.HELD ? end(s, op.res, ResStatus.RELEASED) : null;
            case FAIL:
                return st == op.expectedStatus ? s : null;
            default:
                return st == ResStatus.HELD ? end(s, op.res, ResStatus.RELEASED) : null;
        }
    }

    /** HELD to RELEASED or EXPIRED: the units go back to available. */
    private SkuState end(SkuState s, int res, byte terminal) {
        return s.withStatus(res, terminal, -quantity[res], 0);
    }

    private static SkuState receipt(SkuState s, LinOp op) {
        long after = s.onHand + op.amount;
        if (op.onHand != LinOp.UNCHECKED && op.onHand != after) {
            return null;
        }
        if (op.outcome == LinOp.Outcome.UNKNOWN && op.amount == 0) {
            return null;
        }
        return s.withOnHand(after);
    }

    private static SkuState adjust(SkuState s, LinOp op) {
        long after = s.onHand + op.amount;
        boolean allowed = after >= 0 && after >= s.held + s.committed;
        switch (op.outcome) {
            case OK:
                return allowed && (op.onHand == LinOp.UNCHECKED || op.onHand == after) ? s.withOnHand(after) : null;
            case FAIL:
                return allowed ? null : s; // would_go_negative: nothing changed
            default:
                return allowed && op.amount != 0 ? s.withOnHand(after) : null;
        }
    }

    /**
     * How far {@code s} is from accepting {@code op}: 0 when it does, else roughly how many units would have to move
     * (a read's totals off by so much, a reserve short of so many units). Only a guide for the search's order of
     * trying ops, never a verdict.
     */
    long mismatch(SkuState s, LinOp op) {
        if (step(s, op) != null) {
            return 0;
        }
        switch (op.kind) {
            case READ:
                return Math.abs(s.onHand - op.onHand) + Math.abs(s.held - op.held)
                        + Math.abs(s.committed - op.committed);
            case RESERVE:
                if (op.outcome == LinOp.Outcome.FAIL) {
                    return s.available() - op.amount + 1;
                }
                return Math.max(1, op.amount - s.available());
            case RECEIPT:
                return Math.max(1, Math.abs(s.onHand + op.amount - op.onHand));
            case ADJUST: {
                long after = s.onHand + op.amount;
                long below = Math.max(0, s.held + s.committed - after) + Math.max(0, -after);
                if (op.outcome == LinOp.Outcome.FAIL) {
                    return 1 + Math.min(after, after - s.held - s.committed);
                }
                return Math.max(1, below + (op.onHand == LinOp.UNCHECKED ? 0 : Math.abs(after - op.onHand)));
            }
            default:
                return 1;
        }
    }

    /**
     * Whether {@code op} (one with a result, about reservation {@code op.res}) could still be accepted once that
     * reservation is in terminal status {@code st}. Terminal statuses never change, so a no here means every
     * configuration that led to {@code st} is dead, however far the op still is; the search prunes it at once
     * instead of discovering it at the op's return, possibly thousands of events later.
     */
    static boolean acceptsTerminal(LinOp op, byte st) {
        switch (op.kind) {
            case COMMIT:
                return op.outcome == LinOp.Outcome.OK ? st == ResStatus.COMMITTED : st == op.expectedStatus;
            case RELEASE:
                if (op.outcome == LinOp.Outcome.OK) {
                    return st == (op.expectedStatus == ResStatus.EXPIRED ? ResStatus.EXPIRED : ResStatus.RELEASED);
                }
                return st == op.expectedStatus;
            default:
                return false; // its reserve (already linearized) or its expiry (needs HELD)
        }
    }
}
