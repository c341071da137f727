package org.inventory.chaos.check.linear;

import java.util.List;

/**
 * How the search for one SKU ended, with the furthest point it reached: for a history that is not linearizable that
 * is where it got stuck (every op completed before it has a linearization; the op returning there cannot be placed
 * with the ops then pending, in any order tried).
 */
record SearchOutcome(Result result, long steps, Config furthest, List<Blocked> blocked) {

    enum Result { LINEARIZABLE, NOT_LINEARIZABLE, BUDGET_EXHAUSTED }

    /**
     * At the furthest point, placing {@code op} was refused: either it would leave its reservation {@code status} for
     * good, which the later {@code other} cannot accept; or ({@code ledger}) the ledger's clock puts {@code other},
     * not placed yet, before it.
     */
    record Blocked(int op, int other, byte status, boolean ledger) {
    }
}
