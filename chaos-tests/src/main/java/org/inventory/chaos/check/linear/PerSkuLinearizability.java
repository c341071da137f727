package org.inventory.chaos.check.linear;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.inventory.chaos.check.CheckResult.Verdict;
import org.inventory.chaos.history.Op;

/**
 * Splits a history by SKU (reservations are single-line, so each SKU's operations form an independent history)
 * and searches each for a linearization against {@link SkuModel}.
 */
public final class PerSkuLinearizability {
    private PerSkuLinearizability() {
    }

    /**
     * @param unplaced gets events that cannot be attributed to a SKU (no sku, completion without invoke); they make
     *                 the overall verdict UNKNOWN at best
     */
    public static List<SkuVerdict> check(List<Op> history, long budgetPerSku, List<String> unplaced) {
        List<Op> events = new ArrayList<>(history);
        events.sort((a, b) -> Long.compare(a.index(), b.index()));
        List<ClientOp> all = ClientOps.group(events, unplaced);
        ExpiryEvidence evidence = new ExpiryEvidence(all);
        WallClock clock = new WallClock(events);

        Map<String, List<ClientOp>> bySku = new TreeMap<>();
        for (ClientOp c : all) {
            if (!ClientOps.MODELLED.contains(c.f())) {
                continue;
            }
            String sku = c.str("sku");
            if (sku == null) {
                unplaced.add(c.label() + " has no sku");
                continue;
            }
            bySku.computeIfAbsent(sku, k -> new ArrayList<>()).add(c);
        }
        List<SkuVerdict> verdicts = new ArrayList<>();
        for (Map.Entry<String, List<ClientOp>> e : bySku.entrySet()) {
            verdicts.add(checkSku(SkuHistoryBuilder.build(e.getKey(), e.getValue(), events, clock, evidence),
                    budgetPerSku));
        }
        return verdicts;
    }

    private static SkuVerdict checkSku(SkuInput in, long budget) {
        if (in.history() == null) {
            List<String> problems = new ArrayList<>(in.failures());
            problems.addAll(in.unknowns());
            Verdict v = in.failures().isEmpty() ? Verdict.UNKNOWN : Verdict.FAIL;
            return new SkuVerdict(in.sku(), v, 0, 0, 0, 0, 0, problems);
        }
        SkuHistory h = in.history();
        SkuHistory.Counts n = h.counts;
        SearchOutcome out = Search.run(h, budget);
        Verdict v;
        List<String> problems = new ArrayList<>();
        switch (out.result()) {
            case LINEARIZABLE:
                v = Verdict.PASS;
                break;
            case NOT_LINEARIZABLE:
                v = Verdict.FAIL;
                problems.add("SKU " + h.sku + " is not linearizable: " + StuckReport.describe(h, out));
                break;
            default:
                v = Verdict.UNKNOWN;
                problems.add("SKU " + h.sku + ": search budget of " + budget + " steps exhausted"
                        + (n.indeterminateReserves() > 0 ? " (" + n.indeterminateReserves()
                        + " indeterminate reservations, each a possible anonymous hold)" : "")
                        + "; furthest point reached: " + StuckReport.describe(h, out));
                break;
        }
        return new SkuVerdict(h.sku, v, n.clientOps(), n.observedExpiries(), n.unobservedExpiries(),
                n.indeterminateReserves(), out.steps(), problems);
    }
}
