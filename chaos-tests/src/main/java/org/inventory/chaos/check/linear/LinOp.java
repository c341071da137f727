package org.inventory.chaos.check.linear;

/**
 * One operation of a SKU's history as the search sees it: what it does, what it returned (what the model must
 * reproduce), and its window in the merged event order.
 *
 * <p>Positions: the i-th event of the history (in index order) sits at {@code 2i + 1}; a synthesized expiry is placed
 * "just before event i", at {@code 2i}. An op whose {@code returnPos} is {@link #NEVER} is open-ended: an
 * indeterminate client op (info, or no completion) or an expiry nobody observed. It may take effect at any point
 * after its call, or never; its output is not checked.
 */
final class LinOp {
    enum Kind { RESERVE, COMMIT, RELEASE, EXPIRE, RECEIPT, ADJUST, READ }

    /** OK and FAIL carry a result the model must reproduce; UNKNOWN (open-ended) carries none. */
    enum Outcome { OK, FAIL, UNKNOWN }

    static final long NEVER = Long.MAX_VALUE;
    /** An expected value the history did not record: anything goes. */
    static final long UNCHECKED = Long.MIN_VALUE;

    final Kind kind;
    final Outcome outcome;
    /** The SKU's reservation number this op is about, or -1. */
    final int res;
    /** reserve/receipt: the quantity; adjust: the (negative) delta. */
    final long amount;
    /** commit fail, release ok/fail: the reservation state the answer reported. */
    final byte expectedStatus;
    /** receipt/adjust ok: on_hand returned; read-sku ok: all three. {@link #UNCHECKED} when not recorded. */
    final long onHand;
    final long held;
    final long committed;
    final long callPos;
    final long returnPos;
    /**
     * Ledger time, where the history tells it: a reserve ok's (expires_at_ms - ttl: when the ledger made the hold),
     * an expiry's (the hold's deadline). {@link #UNCHECKED} otherwise. See {@link LedgerOrder}.
     */
    final long ledgerTime;
    /** How a report names it: the history's op id, process, f, result and event indexes. */
    final String label;

    LinOp(Kind kind, Outcome outcome, int res, long amount, byte expectedStatus, long onHand, long held, long committed,
          long callPos, long returnPos, String label) {
        this(kind, outcome, res, amount, expectedStatus, onHand, held, committed, callPos, returnPos, UNCHECKED, label);
    }

    LinOp(Kind kind, Outcome outcome, int res, long amount, byte expectedStatus, long onHand, long held, long committed,
          long callPos, long returnPos, long ledgerTime, String label) {
        this.kind = kind;
        this.outcome = outcome;
        this.res = res;
        this.amount = amount;
        this.expectedStatus = expectedStatus;
        this.onHand = onHand;
        this.held = held;
        this.committed = committed;
        this.callPos = callPos;
        this.returnPos = returnPos;
        this.ledgerTime = ledgerTime;
        this.label = label;
    }

    boolean openEnded() {
        return returnPos == NEVER;
    }

    /** Whether some state accepts it without changing: reads, fails, a commit or release already done. */
    boolean mayBeNoOp() {
        switch (kind) {
            case READ:
                return true;
            case COMMIT:
            case RELEASE:
                return true;
            case RECEIPT:
            case ADJUST:
                return outcome == Outcome.FAIL || amount == 0;
            default:
                return outcome == Outcome.FAIL;
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
