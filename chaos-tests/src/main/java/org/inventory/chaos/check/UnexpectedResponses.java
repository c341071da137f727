package org.inventory.chaos.check;

import org.inventory.chaos.history.Op;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers no correct store gives to this workload: a 404 for a reservation just acknowledged, a 422 for a retry
 * that resent the same body, a 400 for a well-formed request. Each one is a bug even if no invariant broke.
 */
public final class UnexpectedResponses {
    private UnexpectedResponses() {
    }

    public static CheckResult check(List<Op> history) {
        List<String> problems = new ArrayList<>();
        long completions = 0;
        for (Op e : history) {
            if (e.type() != Op.Type.invoke && !e.process().equals("nemesis")) {
                completions++;
            }
            if (e.type() == Op.Type.fail && Boolean.TRUE.equals(e.value().get("unexpected"))) {
                problems.add("event " + e.index() + " (" + e.f() + " op " + e.op() + " by " + e.process() + " via "
                        + e.node() + "): " + e.value().get("status") + " " + e.str("code") + " — " + e.str("detail"));
            }
        }
        return CheckResult.of("expected-responses", completions + " completions, " + problems.size() + " unexpected",
                problems);
    }
}
