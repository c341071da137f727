package org.inventory.chaos.check.linear;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Words for the furthest point a search reached: the longest prefix it could linearize, the op it could not place
 * after it, what was pending then and the model state it had there. For a FAIL this is where to look in
 * history.jsonl; for a budget exhausted, where the search was struggling.
 */
final class StuckReport {
    private static final int MAX_LISTED = 8;

    private StuckReport() {
    }

    static String describe(SkuHistory h, SearchOutcome out) {
        String s = describe(h, out.furthest());
        List<String> why = new ArrayList<>();
        for (SearchOutcome.Blocked b : out.blocked()) {
            String who = b.op() == h.entryOp[out.furthest().entry] ? "it" : h.ops[b.op()].label;
            String line = b.ledger()
                    ? who + " must wait for " + h.ops[b.other()].label + ": " + ledgerReason(h.ops[b.op()],
                    h.ops[b.other()])
                    : who + " would leave " + h.resName[h.ops[b.op()].res] + " " + ResStatus.name(b.status())
                    + " for good, which " + h.ops[b.other()].label + " cannot accept";
            if (!why.contains(line)) {
                why.add(line);
            }
        }
        return why.isEmpty() ? s : s + "; placing " + String.join("; placing ", why);
    }

    private static String describe(SkuHistory h, Config at) {
        if (at == null) {
            return "the search never had to place an op";
        }
        int o = h.entryOp[at.entry];
        int completedBefore = 0;
        int withResult = 0;
        for (int i = 0; i < h.ops.length; i++) {
            if (h.returnEntry[i] >= 0) {
                withResult++;
                if (h.returnEntry[i] < at.entry) {
                    completedBefore++;
                }
            }
        }
        List<String> others = new ArrayList<>();
        List<String> open = new ArrayList<>();
        List<Integer> reservations = new ArrayList<>();
        note(reservations, h.ops[o].res);
        for (int y : at.pending) {
            if (y == o) {
                continue;
            }
            (h.ops[y].openEnded() ? open : others).add(h.ops[y].label);
            note(reservations, h.ops[y].res);
        }
        StringBuilder s = new StringBuilder();
        s.append("the ").append(completedBefore).append(" of ").append(withResult)
                .append(" ops with a result that completed before it have a linearization, but then ")
                .append(h.ops[o].label).append(" cannot be placed");
        s.append(others.isEmpty() ? " (no other op was pending)" : ", in any order, with the ops pending then: "
                + list(others));
        if (!open.isEmpty()) {
            s.append("; open-ended ops that could also have taken effect: ").append(open.size()).append(' ')
                    .append(list(open));
        }
        s.append("; model state there: ").append(at.state);
        StringJoiner statuses = new StringJoiner(", ");
        for (int r : reservations) {
            statuses.add(h.resName[r] + " " + ResStatus.name(at.state.status(r)));
        }
        if (statuses.length() > 0) {
            s.append(" (").append(statuses).append(')');
        }
        return s.toString();
    }

    private static String ledgerReason(LinOp op, LinOp first) {
        String a = (first.kind == LinOp.Kind.RESERVE ? "made at ledger time " : "due at ")
                + first.ledgerTime;
        String b = (op.kind == LinOp.Kind.RESERVE ? "made at " : "due at ") + op.ledgerTime;
        return "the ledger's clock puts it first (" + a + ", this one " + b + ")";
    }

    private static void note(List<Integer> reservations, int res) {
        if (res >= 0 && !reservations.contains(res)) {
            reservations.add(res);
        }
    }

    private static String list(List<String> labels) {
        StringJoiner j = new StringJoiner("; ", "[", "]");
        for (int i = 0; i < Math.min(MAX_LISTED, labels.size()); i++) {
            j.add(labels.get(i));
        }
        if (labels.size() > MAX_LISTED) {
            j.add("... " + (labels.size() - MAX_LISTED) + " more");
        }
        return j.toString();
    }
}
