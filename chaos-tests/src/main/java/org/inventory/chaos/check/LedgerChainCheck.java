package org.inventory.chaos.check;

import org.inventory.chaos.history.Op;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Ledger entries: per SKU, each entry's totals-after follow from the previous entry's by its type
 * (docs/ledger.md): RECEIPT and ADJUSTMENT move on_hand by q (signed), HOLD held += q, COMMIT moves q from held to
 * committed, RELEASE and EXPIRY held -= q, CANCEL committed -= q, FULFIL committed and on_hand -= q.
 *
 * <p>The capture may have gaps: the server keeps only the last {@value #WINDOW} entries per SKU, and two pages of the
 * tailer may straddle entries that fell out in between. A page, though, is a contiguous run of the retained
 * entries, so a mismatch between two entries returned next to each other in one page is a FAIL; any other mismatch
 * is UNKNOWN ("gap"). The first entry is checked against zeros (every SKU starts empty) only when it is provably the
 * SKU's first ever: it came first in a page read from after=0 while, counting every write invoked so far, the SKU
 * could not yet have had more than {@value #WINDOW} entries (receipt and adjustment: one each; reserve: a HOLD and at
 * most one COMMIT, RELEASE or EXPIRY — the workload never cancels or fulfils).
 *
 * <p>Every entry carries absolute totals, so a final read-sku can be compared with the ledger once the capture
 * reaches the end: P = the newest entry seen by a ledger op that completed before the read began (it existed
 * then), L = an empty ledger page read after the read answered, from after = M, the newest entry captured (nothing
 * newer existed, so the read saw at most M). The read must then equal the totals after one of the entries P..M;
 * that is judged only when P..M are proven consecutive (P == M, or adjacent in pages), else not compared.
 */
public final class LedgerChainCheck {
    public static final String NAME = "ledger-entries";

    /** Entries the server retains per SKU (docs/ledger.md, ledger_entries_per_sku, default). */
    static final int WINDOW = 256;

    private LedgerChainCheck() {
    }

    record Entry(long index, String type, long quantity, String reservationId, long onHand, long held, long committed,
                 long op, long event) {
        static Entry of(Map<String, Object> m, long op, long event) {
            return new Entry(Ops.num(m, "index"), Ops.str(m, "type"), Ops.num(m, "quantity"),
                    Ops.str(m, "reservation_id"), Ops.num(m, "on_hand_after"), Ops.num(m, "held_after"),
                    Ops.num(m, "committed_after"), op, event);
        }

        boolean sameContent(Entry o) {
            return index == o.index && Objects.equals(type, o.type) && quantity == o.quantity
                    && Objects.equals(reservationId, o.reservationId) && onHand == o.onHand && held == o.held
                    && committed == o.committed;
        }

        String totals() {
            return "on_hand " + onHand + ", held " + held + ", committed " + committed;
        }

        String describe() {
            return "entry " + index + " " + type + " q=" + quantity + (reservationId == null ? "" : " " + reservationId)
                    + " -> " + totals() + " (ledger op " + op + ", event " + event + ")";
        }
    }

    /** Totals after applying {@code e}'s type and quantity to {@code [onHand, held, committed]}; null if unknown type. */
    static long[] apply(long[] t, Entry e) {
        long q = e.quantity();
        return switch (e.type() == null ? "" : e.type()) {
            case "RECEIPT", "ADJUSTMENT" -> new long[]{t[0] + q, t[1], t[2]};
            case "HOLD" -> new long[]{t[0], t[1] + q, t[2]};
            case "COMMIT" -> new long[]{t[0], t[1] - q, t[2] + q};
            case "RELEASE", "EXPIRY" -> new long[]{t[0], t[1] - q, t[2]};
            case "CANCEL" -> new long[]{t[0], t[1], t[2] - q};
            case "FULFIL" -> new long[]{t[0] - q, t[1], t[2] - q};
            default -> null;
        };
    }

    public static CheckResult check(List<Op> history) {
        List<Ops.Operation> ops = Ops.pair(history);
        List<String> problems = new ArrayList<>();
        List<String> gaps = new ArrayList<>();

        Map<String, TreeMap<Long, Entry>> bySku = new TreeMap<>();
        Map<String, Set<String>> adjacent = new HashMap<>(); // sku -> "prev>next" seen next to each other in a page
        Map<String, List<Ops.Operation>> ledgerOps = new HashMap<>();
        for (Ops.Operation o : ops) {
            if (!o.f().equals("ledger") || o.arg("sku") == null) {
                continue;
            }
            String sku = o.arg("sku");
            ledgerOps.computeIfAbsent(sku, k -> new ArrayList<>()).add(o);
            TreeMap<Long, Entry> entries = bySku.computeIfAbsent(sku, k -> new TreeMap<>());
            for (Op page : o.oks()) {
                Entry prev = null;
                List<Map<String, Object>> pageEntries = Ops.entries(page);
                long limit = o.invoke().has("limit") ? o.invoke().num("limit") : 100; // the API's default
                if (after(o) > 0 && !pageEntries.isEmpty() && pageEntries.size() < Math.min(limit, WINDOW)) {
                    // entries fall out oldest first, so had any after `after` fallen out, the window would hold
                    // WINDOW entries all newer than `after`, and the page would bring min(limit, WINDOW) of them:
                    // a shorter page starts right after `after`
                    adjacent.computeIfAbsent(sku, k -> new HashSet<>())
                            .add(after(o) + ">" + Ops.num(pageEntries.get(0), "index"));
                }
                for (Map<String, Object> m : pageEntries) {
                    Entry e = Entry.of(m, o.id(), page.index());
                    Entry known = entries.putIfAbsent(e.index(), e);
                    if (known != null && !known.sameContent(e)) {
                        Ops.add(problems, "sku " + sku + ": ledger entry " + e.index() + " read differently: "
                                + known.describe() + " vs " + e.describe());
                    }
                    if (prev != null) {
                        adjacent.computeIfAbsent(sku, k -> new HashSet<>()).add(prev.index() + ">" + e.index());
                    }
                    prev = e;
                }
            }
        }

        // per SKU: the writes that may book entries (in invoke order), and the final read-skus that answered
        Map<String, List<Ops.Operation>> writesBySku = new HashMap<>();
        Map<String, List<Ops.Operation>> finalReads = new HashMap<>();
        for (Ops.Operation o : ops) {
            switch (o.f()) {
                case "receipt", "adjust", "reserve" ->
                        writesBySku.computeIfAbsent(String.valueOf(o.arg("sku")), k -> new ArrayList<>()).add(o);
                case "read-sku" -> {
                    if (o.process().equals("final") && o.outcome() == Op.Type.ok) {
                        finalReads.computeIfAbsent(String.valueOf(o.arg("sku")), k -> new ArrayList<>()).add(o);
                    }
                }
                default -> {
                }
            }
        }

        int checked = 0;
        int compared = 0;
        int notCompared = 0;
        int unprovable = 0;
        for (Map.Entry<String, TreeMap<Long, Entry>> s : bySku.entrySet()) {
            String sku = s.getKey();
            List<Entry> chain = new ArrayList<>(s.getValue().values());
            if (chain.isEmpty()) {
                continue;
            }
            Set<String> adj = adjacent.getOrDefault(sku, Set.of());
            List<Ops.Operation> writes = writesBySku.getOrDefault(sku, List.of());
            long[] writeInvokes = new long[writes.size()];
            long[] possible = new long[writes.size()];
            for (int i = 0; i < writes.size(); i++) {
                writeInvokes[i] = writes.get(i).invoke().index();
                possible[i] = (i == 0 ? 0 : possible[i - 1]) + (writes.get(i).f().equals("reserve") ? 2 : 1);
            }
            if (provenFirst(chain.get(0), ledgerOps.get(sku), writeInvokes, possible)) {
                unprovable += checkStep(sku, null, chain.get(0), new long[3], true, problems, gaps);
            }
            for (int i = 1; i < chain.size(); i++) {
                Entry prev = chain.get(i - 1);
                Entry next = chain.get(i);
                boolean proven = adj.contains(prev.index() + ">" + next.index());
                unprovable += checkStep(sku, prev, next, new long[]{prev.onHand(), prev.held(), prev.committed()},
                        proven, problems, gaps);
            }
            checked += chain.size();
            for (Ops.Operation read : finalReads.getOrDefault(sku, List.of())) {
                if (compareFinalRead(read, chain, adj, ledgerOps.get(sku), problems, sku) == null) {
                    notCompared++;
                } else {
                    compared++;
                }
            }
        }

        String summary = checked + " ledger entries over " + bySku.size() + " SKUs; " + unprovable
                + " unprovable step(s) (capture gaps); final read-sku compared with the ledger: " + compared
                + ", not comparable (capture not proven complete): " + notCompared;
        if (!problems.isEmpty()) {
            List<String> all = new ArrayList<>(problems);
            all.addAll(gaps);
            return new CheckResult(NAME, CheckResult.Verdict.FAIL, summary, List.copyOf(all));
        }
        if (!gaps.isEmpty()) {
            return new CheckResult(NAME, CheckResult.Verdict.UNKNOWN, summary, List.copyOf(gaps));
        }
        return CheckResult.pass(NAME, summary);
    }

    /** Checks one step; returns 1 when it could not be judged (a possible gap, an unknown type), else 0. */
    private static int checkStep(String sku, Entry prev, Entry next, long[] before, boolean proven,
                                 List<String> problems, List<String> gaps) {
        long[] expected = apply(before, next);
        if (expected == null) {
            Ops.add(gaps, "sku " + sku + ": unknown ledger entry type: " + next.describe());
            return 1;
        }
        if (expected[0] == next.onHand() && expected[1] == next.held() && expected[2] == next.committed()) {
            return 0;
        }
        String what = "sku " + sku + ": " + next.describe() + " does not follow from "
                + (prev == null ? "zeros (the SKU's first entry)" : prev.describe()) + ": expected on_hand "
                + expected[0] + ", held " + expected[1] + ", committed " + expected[2];
        if (proven) {
            Ops.add(problems, what);
            return 0;
        }
        Ops.add(gaps, "gap? " + what + " (not read next to each other in one page: entries may be missing)");
        return 1;
    }

    /**
     * Whether {@code first} is the SKU's first entry ever: it came first in a page read from after=0, and the writes
     * invoked before that page completed could not have made more than {@link #WINDOW} entries (so none fell out).
     */
    private static boolean provenFirst(Entry first, List<Ops.Operation> ledgerOps, long[] writeInvokes,
                                       long[] possibleEntries) {
        for (Ops.Operation o : ledgerOps) {
            if (after(o) != 0) {
                continue;
            }
            for (Op page : o.oks()) {
                List<Map<String, Object>> entries = Ops.entries(page);
                if (!entries.isEmpty() && Ops.num(entries.get(0), "index") == first.index()
                        && possibleEntriesBefore(page.index(), writeInvokes, possibleEntries) <= WINDOW) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Entries the SKU could have had by event {@code index}: cumulative over the writes invoked before it. */
    private static long possibleEntriesBefore(long index, long[] writeInvokes, long[] cumulative) {
        int n = java.util.Arrays.binarySearch(writeInvokes, index);
        int count = n >= 0 ? n : -n - 1; // writes invoked strictly before index
        return count == 0 ? 0 : cumulative[count - 1];
    }

    private static long after(Ops.Operation ledger) {
        return ledger.invoke().has("after") ? ledger.invoke().num("after") : -1;
    }

    /**
     * A final read-sku against the ledger (see the class comment). Returns true/false when judged, null when the
     * capture does not reach the end provably.
     */
    private static Boolean compareFinalRead(Ops.Operation read, List<Entry> chain, Set<String> adj,
                                            List<Ops.Operation> ledgerOps, List<String> problems, String sku) {
        Entry newest = chain.get(chain.size() - 1);
        Op answer = read.last();
        // L: an empty page from after = M, begun after the read answered
        boolean end = ledgerOps.stream().anyMatch(o -> o.invoke().index() > answer.index()
                && after(o) == newest.index()
                && o.oks().stream().anyMatch(p -> Ops.entries(p).isEmpty()));
        // P: the newest entry known to exist before the read began
        long p = Long.MIN_VALUE;
        for (Ops.Operation o : ledgerOps) {
            for (Op page : o.oks()) {
                if (page.index() < read.invoke().index()) {
                    for (Map<String, Object> m : Ops.entries(page)) {
                        p = Math.max(p, Ops.num(m, "index"));
                    }
                }
            }
        }
        if (!end || p == Long.MIN_VALUE) {
            return null;
        }
        List<Entry> candidates = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            Entry e = chain.get(i);
            if (e.index() < p) {
                continue;
            }
            if (!candidates.isEmpty() && !adj.contains(chain.get(i - 1).index() + ">" + e.index())) {
                return null; // P..M not proven consecutive: the read may have seen an entry we never captured
            }
            candidates.add(e);
        }
        long onHand = answer.num("on_hand");
        long held = answer.num("held");
        long committed = answer.num("committed");
        for (Entry c : candidates) {
            if (c.onHand() == onHand && c.held() == held && c.committed() == committed) {
                return true;
            }
        }
        Ops.add(problems, "sku " + sku + ": final read-sku " + read.where() + " shows on_hand " + onHand + ", held "
                + held + ", committed " + committed + ", but the ledger, captured to its end, was at "
                + (candidates.size() == 1 ? newest.describe()
                : "one of " + candidates.stream().map(Entry::describe).toList()) + " during the read");
        return false;
    }
}
