package org.inventory.chaos.check;

import org.inventory.chaos.history.Op;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * No oversell: for every SKU, the units the history <em>proves</em> were held or committed at one moment never exceed
 * the most stock that could have been there at that moment.
 *
 * <p>Both sides are chosen so a correct system can never trip the check, whatever the indeterminate operations did:
 * <ul>
 *   <li>A reservation counts as live only from the completion of its reserve ok (it certainly existed by then) until
 *   the earliest moment it could have ended: never once a commit of it completed ok (the workload never cancels or
 *   fulfils), otherwise the invoke of the first release of it, or the first event whose wall clock reached its
 *   {@code expires_at_ms - 1} (ledger time never runs ahead of the host clock; 1 ms of slack for rounding),
 *   whichever comes first. A reserve ok that a recovery pass delivered after the hold's deadline proves nothing
 *   live. Info reserves never count.</li>
 *   <li>The stock bound at a moment counts every receipt invoked before it unless it failed (it may have applied),
 *   and an adjustment (negative) only once it completed ok (it certainly applied).</li>
 * </ul>
 * Time is the event order of the history (index). Besides, every ledger entry read ({@code f=ledger}) is the
 * replica's own view after the entry and must have {@code held + committed <= on_hand} and nothing negative.
 */
public final class NoOversellCheck {
    public static final String NAME = "no-oversell";

    private NoOversellCheck() {
    }

    /** An acknowledged reservation: first ok event, earliest deadline any ok reported. */
    private record Acked(String id, String sku, long quantity, long op, long okIndex, long expiresAtMs) {
        Acked merge(Acked other) {
            return new Acked(id, sku, Math.min(quantity, other.quantity), Math.min(op, other.op),
                    Math.min(okIndex, other.okIndex), Math.min(expiresAtMs, other.expiresAtMs));
        }
    }

    /**
     * The hold's deadline as the ok reported it. Were it missing, the earliest it could be: the hold was made after
     * the invoke, on a clock no earlier than the invoke's, so not before invoke wall + ttl; without a ttl either,
     * the ok's own moment (nothing proven beyond it).
     */
    private static long deadline(Op invoke, Op ok) {
        if (ok.has("expires_at_ms")) {
            return ok.num("expires_at_ms");
        }
        if (invoke.has("ttl_seconds")) {
            return invoke.wallMs() + invoke.num("ttl_seconds") * 1000;
        }
        return ok.wallMs();
    }

    /** A reservation the history proves live over the event indexes [from, until). */
    private record Live(String id, long quantity, long op, long from, long until, String why) {
        String describe() {
            return id + " (qty " + quantity + ", reserve op " + op + " ok at event " + from + ", live until "
                    + (until == Long.MAX_VALUE ? "the end" : "event " + until) + " " + why + ")";
        }
    }

    public static CheckResult check(List<Op> history) {
        List<Op> events = Ops.ordered(history);
        List<Ops.Operation> ops = Ops.pair(events);
        List<String> problems = new ArrayList<>();

        // Transitions by reservation id: a commit ok makes it live for good, the first release invoke may end it.
        Set<String> committed = new HashSet<>();
        Map<String, Long> firstReleaseInvoke = new HashMap<>();
        for (Ops.Operation o : ops) {
            String id = o.arg("reservation_id");
            if (id == null) {
                continue;
            }
            if (o.f().equals("commit") && o.firstOk() != null) {
                committed.add(id);
            } else if (o.f().equals("release")) {
                firstReleaseInvoke.merge(id, o.invoke().index(), Math::min);
            }
        }

        // Reservations by id. Several ok completions (or, wrongly, several ops) reporting one id collapse into one:
        // counting it once, from its earliest ok, with the earliest deadline, is the conservative reading.
        Map<String, Acked> byId = new LinkedHashMap<>();
        for (Ops.Operation o : ops) {
            if (!o.f().equals("reserve") || o.arg("sku") == null) {
                continue;
            }
            for (Op ok : o.oks()) {
                String id = ok.str("reservation_id");
                if (id != null) {
                    byId.merge(id, new Acked(id, o.arg("sku"), o.invoke().num("quantity"), o.id(), ok.index(),
                            deadline(o.invoke(), ok)), Acked::merge);
                }
            }
        }

        // Each reservation's proven-live interval [ok, earliest possible end).
        Map<String, List<Live>> liveBySku = new TreeMap<>();
        long[] wallPrefixMax = wallPrefixMax(events);
        for (Acked r : byId.values()) {
            long until = Long.MAX_VALUE;
            String why = "(committed)";
            if (!committed.contains(r.id())) {
                until = firstEventAtWall(events, wallPrefixMax, r.expiresAtMs() - 1);
                why = until == Long.MAX_VALUE ? "(its expires_at_ms " + r.expiresAtMs() + " not reached)"
                        : "(wall clock reached its expires_at_ms " + r.expiresAtMs() + ")";
                Long release = firstReleaseInvoke.get(r.id());
                if (release != null && release < until) {
                    until = release;
                    why = "(release invoked)";
                }
            }
            if (until > r.okIndex()) {
                liveBySku.computeIfAbsent(r.sku(), k -> new ArrayList<>())
                        .add(new Live(r.id(), r.quantity(), r.op(), r.okIndex(), until, why));
            }
        }

        Map<String, TreeMap<Long, Long>> boundDelta = new TreeMap<>();
        for (Ops.Operation o : ops) {
            if (o.arg("sku") == null) {
                continue;
            }
            if (o.f().equals("receipt") && o.outcome() != Op.Type.fail) {
                // may have applied as soon as it was sent: counts from the next event on
                boundDelta.computeIfAbsent(o.arg("sku"), k -> new TreeMap<>())
                        .merge(o.invoke().index() + 1, o.invoke().num("quantity"), Long::sum);
            } else if (o.f().equals("adjust") && o.firstOk() != null) {
                boundDelta.computeIfAbsent(o.arg("sku"), k -> new TreeMap<>())
                        .merge(o.firstOk().index(), o.invoke().num("delta"), Long::sum);
            }
        }

        int violations = 0;
        for (Map.Entry<String, List<Live>> e : liveBySku.entrySet()) {
            violations += sweep(e.getKey(), e.getValue(), boundDelta.getOrDefault(e.getKey(), new TreeMap<>()), problems);
        }

        int entries = checkLedgerEntries(ops, problems);
        String summary = byId.size() + " acknowledged reservations over " + liveBySku.size() + " SKUs, "
                + violations + " oversell episode(s); " + entries + " ledger entries checked";
        return CheckResult.of(NAME, summary, problems);
    }

    /** Sweeps one SKU's moments in event order; reports each moment the live sum goes over the bound. */
    private static int sweep(String sku, List<Live> reservations, TreeMap<Long, Long> boundDelta, List<String> problems) {
        TreeMap<Long, List<Live>> starts = new TreeMap<>();
        TreeMap<Long, List<Live>> ends = new TreeMap<>();
        for (Live r : reservations) {
            starts.computeIfAbsent(r.from(), k -> new ArrayList<>()).add(r);
            if (r.until() != Long.MAX_VALUE) {
                ends.computeIfAbsent(r.until(), k -> new ArrayList<>()).add(r);
            }
        }
        Set<Long> moments = new java.util.TreeSet<>();
        moments.addAll(starts.keySet());
        moments.addAll(ends.keySet());
        moments.addAll(boundDelta.keySet());

        Map<String, Live> live = new LinkedHashMap<>();
        long liveSum = 0;
        long bound = 0;
        boolean over = false;
        int episodes = 0;
        for (long t : moments) {
            for (Live r : ends.getOrDefault(t, List.of())) {
                live.remove(r.id());
                liveSum -= r.quantity();
            }
            for (Live r : starts.getOrDefault(t, List.of())) {
                live.put(r.id(), r);
                liveSum += r.quantity();
            }
            bound += boundDelta.getOrDefault(t, 0L);
            boolean nowOver = liveSum > bound;
            if (nowOver && !over) {
                episodes++;
                StringBuilder sb = new StringBuilder();
                live.values().forEach(r -> sb.append("\n    ").append(r.describe()));
                Ops.add(problems, "sku " + sku + " oversold at event " + t + ": " + liveSum
                        + " units proven held/committed, but at most " + bound + " units of stock could exist"
                        + " (receipts invoked before, minus adjustments acknowledged before); live reservations:" + sb);
            }
            over = nowOver;
        }
        return episodes;
    }

    /** The replica's own view: each ledger entry read must leave held + committed within on_hand, none negative. */
    private static int checkLedgerEntries(List<Ops.Operation> ops, List<String> problems) {
        Set<String> seen = new HashSet<>();
        for (Ops.Operation o : ops) {
            if (!o.f().equals("ledger")) {
                continue;
            }
            for (Op page : o.oks()) {
                for (Map<String, Object> entry : Ops.entries(page)) {
                    long index = Ops.num(entry, "index");
                    if (!seen.add(o.arg("sku") + "#" + index)) {
                        continue;
                    }
                    long onHand = Ops.num(entry, "on_hand_after");
                    long held = Ops.num(entry, "held_after");
                    long committed = Ops.num(entry, "committed_after");
                    if (onHand < 0 || held < 0 || committed < 0 || held + committed > onHand) {
                        Ops.add(problems, "sku " + o.arg("sku") + " ledger entry " + index + " (" + entry.get("type")
                                + ", reservation " + entry.get("reservation_id") + ") read by ledger " + o.where()
                                + " leaves on_hand " + onHand + ", held " + held + ", committed " + committed
                                + ": held + committed > on_hand or negative");
                    }
                }
            }
        }
        return seen.size();
    }

    private static long[] wallPrefixMax(List<Op> events) {
        long[] max = new long[events.size()];
        long m = Long.MIN_VALUE;
        for (int i = 0; i < events.size(); i++) {
            m = Math.max(m, events.get(i).wallMs());
            max[i] = m;
        }
        return max;
    }

    /** Index of the first event whose wall clock is at least {@code wall}, or never (Long.MAX_VALUE). */
    private static long firstEventAtWall(List<Op> events, long[] prefixMax, long wall) {
        int lo = 0;
        int hi = events.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (prefixMax[mid] >= wall) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo == events.size() ? Long.MAX_VALUE : events.get(lo).index();
    }
}
