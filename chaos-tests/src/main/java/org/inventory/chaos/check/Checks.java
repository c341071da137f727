package org.inventory.chaos.check;

import org.inventory.chaos.history.Op;

import java.util.ArrayList;
import java.util.List;

/** Every check of a run, in the order the report lists them. */
public final class Checks {
    /** Search steps per SKU before linearizability gives up on it (UNKNOWN). */
    public static final long LINEARIZABILITY_BUDGET = 20_000_000L;

    private Checks() {
    }

    /**
     * @param harnessProblem what went wrong in the harness itself (e.g. a fault it could not undo), or null; a run
     *                       with one does not pass, since its faults were not what the schedule said
     */
    public static List<CheckResult> all(List<Op> history, String harnessProblem) {
        List<CheckResult> results = new ArrayList<>();
        results.add(NoOversellCheck.check(history));
        results.add(LostAckCheck.check(history));
        results.add(IdempotencyCheck.check(history));
        results.add(LinearizabilityCheck.check(history, LINEARIZABILITY_BUDGET));
        results.add(LedgerChainCheck.check(history));
        results.add(ConvergenceCheck.check(history));
        results.add(AvailabilityCheck.check(history));
        results.add(UnexpectedResponses.check(history));
        results.add(harnessProblem == null ? CheckResult.pass("harness", "every fault was caused and undone")
                : CheckResult.of("harness", "the harness failed", List.of(harnessProblem)));
        return results;
    }
}
