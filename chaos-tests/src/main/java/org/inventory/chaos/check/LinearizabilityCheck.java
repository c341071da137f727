package org.inventory.chaos.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.inventory.chaos.check.linear.PerSkuLinearizability;
import org.inventory.chaos.check.linear.SkuVerdict;
import org.inventory.chaos.history.Op;

/**
 * Linearizability of the reservation ledger, SKU by SKU: is there one order of each SKU's operations, respecting
 * real time, in which the sequential model of a SKU gives every answer the clients got? Reservation expiries have no
 * operation of their own and are synthesized from the history (see the linear package). The search is Wing &amp;
 * Gong's with Lowe's just-in-time linearization and a memo of explored configurations.
 *
 * <p>FAIL when a SKU has no such order (the problem names the op the search could not place and the prefix before
 * it); UNKNOWN when none fails but a SKU exhausted its search budget or could not be modelled; else PASS.
 */
public final class LinearizabilityCheck {
    public static final String NAME = "linearizability";

    private LinearizabilityCheck() {
    }

    /** budget = max search steps per SKU; beyond it that SKU is UNKNOWN. */
    public static CheckResult check(List<Op> history, long budgetPerSku) {
        List<String> unplaced = new ArrayList<>();
        List<SkuVerdict> verdicts = PerSkuLinearizability.check(history, budgetPerSku, unplaced);

        List<String> failures = new ArrayList<>();
        List<String> unknowns = new ArrayList<>(unplaced);
        int ops = 0;
        int observed = 0;
        int unobserved = 0;
        long longest = 0;
        for (SkuVerdict v : verdicts) {
            ops += v.operations();
            observed += v.observedExpiries();
            unobserved += v.unobservedExpiries();
            longest = Math.max(longest, v.steps());
            if (v.verdict() == CheckResult.Verdict.FAIL) {
                failures.addAll(v.problems());
            } else if (v.verdict() == CheckResult.Verdict.UNKNOWN) {
                unknowns.addAll(v.problems());
            }
        }
        String counts = grouped(verdicts.size()) + (verdicts.size() == 1 ? " SKU, " : " SKUs, ") + grouped(ops)
                + " operations (" + grouped(observed)
                + " synthesized expiries, " + grouped(unobserved) + " more possible but unseen)";
        String search = "longest search " + grouped(longest) + " steps";
        if (!failures.isEmpty()) {
            List<String> problems = new ArrayList<>(failures);
            unknowns.forEach(u -> problems.add("UNKNOWN: " + u));
            return new CheckResult(NAME, CheckResult.Verdict.FAIL, counts + "; not linearizable: "
                    + skus(verdicts, CheckResult.Verdict.FAIL) + "; " + search, List.copyOf(problems));
        }
        if (!unknowns.isEmpty()) {
            String undecided = skus(verdicts, CheckResult.Verdict.UNKNOWN);
            return new CheckResult(NAME, CheckResult.Verdict.UNKNOWN, counts + "; undecided: "
                    + (undecided.isEmpty() ? unplaced.size() + " unplaced events" : undecided) + "; " + search,
                    List.copyOf(unknowns));
        }
        return CheckResult.pass(NAME, counts + " linearizable; " + search);
    }

    private static String skus(List<SkuVerdict> verdicts, CheckResult.Verdict which) {
        return verdicts.stream().filter(v -> v.verdict() == which).map(SkuVerdict::sku)
                .collect(Collectors.joining(", "));
    }

    /** 18022 as "18 022", as the report's tables write numbers. */
    static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
    }
}
