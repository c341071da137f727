package org.inventory.chaos.check;

import org.inventory.chaos.history.Op;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * No lost acknowledgement: every reservation a reserve ok acknowledged still exists at the end, for the same SKU and
 * quantity, in a state its own history allows.
 *
 * <p>Evidence is the final phase's linearizable reads ({@code process "final", f "read-reservation"}). For each
 * such read R, the state it may show follows from the reservation's commits and releases:
 * <ul>
 *   <li>a definite answer completed before R began pins the terminal state it reports (commit ok: COMMITTED; release
 *   ok: its state, RELEASED or EXPIRED; a fail reports the state it found: EXPIRED, RELEASED, COMMITTED). Terminal
 *   states never change (the workload never cancels or fulfils), so R must show exactly that;</li>
 *   <li>without such a pin, R may show HELD or EXPIRED (the hold may not have been expired yet by a tick), plus
 *   whatever a transition that is indeterminate or overlaps R may have done (COMMITTED, RELEASED).</li>
 * </ul>
 * An acknowledged id with no final read is a FAIL too, unless the history has no final phase at all (UNKNOWN):
 * "not checked" would hide exactly the losses this check is for. A read that stayed indeterminate is UNKNOWN.
 * {@code reservation_not_found} for an acknowledged id, at the end or from a later commit/release, is a loss.
 */
public final class LostAckCheck {
    public static final String NAME = "no-lost-ack";

    private LostAckCheck() {
    }

    enum State { HELD, COMMITTED, RELEASED, EXPIRED }

    private record Acked(String id, String sku, long quantity, String key, long op, long okIndex) {
    }

    public static CheckResult check(List<Op> history) {
        List<Ops.Operation> ops = Ops.pair(history);
        boolean finalPhase = history.stream().anyMatch(e -> "final".equals(e.process()));

        Map<String, Acked> acked = new LinkedHashMap<>();
        for (Ops.Operation o : ops) {
            if (o.f().equals("reserve")) {
                for (Op ok : o.oks()) {
                    String id = ok.str("reservation_id");
                    if (id != null) {
                        acked.putIfAbsent(id, new Acked(id, o.arg("sku"), o.invoke().num("quantity"), o.arg("key"),
                                o.id(), ok.index()));
                    }
                }
            }
        }
        Map<String, List<Ops.Operation>> transitions = new HashMap<>();
        Map<String, List<Ops.Operation>> finalReads = new HashMap<>();
        for (Ops.Operation o : ops) {
            String id = o.arg("reservation_id");
            if (id == null) {
                continue;
            }
            if (o.f().equals("commit") || o.f().equals("release")) {
                transitions.computeIfAbsent(id, k -> new ArrayList<>()).add(o);
            } else if (o.f().equals("read-reservation") && o.process().equals("final")) {
                finalReads.computeIfAbsent(id, k -> new ArrayList<>()).add(o);
            }
        }

        List<String> problems = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        int verified = 0;
        for (Acked a : acked.values()) {
            List<Ops.Operation> ts = transitions.getOrDefault(a.id(), List.of());
            for (Ops.Operation t : ts) {
                Op last = t.last();
                if (t.outcome() == Op.Type.fail && "reservation_not_found".equals(last.str("code"))
                        && t.invoke().index() > a.okIndex()) {
                    Ops.add(problems, "reservation " + a.id() + " (sku " + a.sku() + ", key " + a.key() + ", reserve op "
                            + a.op() + " ok at event " + a.okIndex() + ") lost: " + t.f() + " " + t.where()
                            + " got reservation_not_found");
                }
            }
            List<Ops.Operation> reads = finalReads.getOrDefault(a.id(), List.of());
            List<Ops.Operation> definite = reads.stream().filter(Ops.Operation::definite).toList();
            String acknowledged = "reservation " + a.id() + " (sku " + a.sku() + ", key " + a.key() + ", reserve op "
                    + a.op() + " ok at event " + a.okIndex() + ")";
            if (definite.isEmpty()) {
                if (!finalPhase) {
                    continue; // counted below: the whole check is UNKNOWN
                }
                if (reads.isEmpty()) {
                    Ops.add(problems, acknowledged + " was never read in the final phase: cannot show it survived");
                } else {
                    Ops.add(unknown, acknowledged + ": every final read of it was indeterminate ("
                            + reads.stream().map(Ops.Operation::where).toList() + ")");
                }
                continue;
            }
            boolean ok = true;
            for (Ops.Operation read : definite) {
                ok &= checkRead(a, read, ts, acknowledged, problems);
            }
            if (ok) {
                verified++;
            }
        }

        String summary = acked.size() + " acknowledged reservations, " + verified + " verified by final reads";
        if (!finalPhase && !acked.isEmpty()) {
            return new CheckResult(NAME, CheckResult.Verdict.UNKNOWN, summary + "; the history has no final phase",
                    List.of("no events of process \"final\": the " + acked.size()
                            + " acknowledged reservations could not be looked up at the end"));
        }
        if (problems.isEmpty() && !unknown.isEmpty()) {
            return new CheckResult(NAME, CheckResult.Verdict.UNKNOWN, summary, List.copyOf(unknown));
        }
        List<String> all = new ArrayList<>(problems);
        all.addAll(unknown);
        return problems.isEmpty() ? CheckResult.pass(NAME, summary)
                : new CheckResult(NAME, CheckResult.Verdict.FAIL, summary, List.copyOf(all));
    }

    /** One definite final read of an acknowledged reservation; false (with a problem) when it cannot be right. */
    private static boolean checkRead(Acked a, Ops.Operation read, List<Ops.Operation> transitions, String acknowledged,
                                     List<String> problems) {
        Op answer = read.last();
        if (answer.type() == Op.Type.fail) {
            Ops.add(problems, acknowledged + " lost: final read " + read.where() + " got "
                    + (answer.has("code") ? answer.str("code") : "fail"));
            return false;
        }
        boolean ok = true;
        if (!Objects.equals(a.sku(), answer.str("sku")) || !answer.has("quantity")
                || a.quantity() != answer.num("quantity")) {
            Ops.add(problems, acknowledged + " was reserved as sku " + a.sku() + " x " + a.quantity()
                    + " but final read " + read.where() + " shows sku " + answer.str("sku") + " x "
                    + answer.value().get("quantity"));
            ok = false;
        }
        Set<State> allowed = allowedStates(read, transitions);
        State shown = parse(answer.str("state"));
        if (shown == null || !allowed.contains(shown)) {
            Ops.add(problems, acknowledged + ": final read " + read.where() + " shows state " + answer.str("state")
                    + ", but its history allows only " + (allowed.isEmpty() ? "nothing (contradictory outcomes)" : allowed)
                    + "; transitions: " + describe(transitions));
            ok = false;
        }
        return ok;
    }

    /** The states a final read may show, given the reservation's commits and releases (see the class comment). */
    static Set<State> allowedStates(Ops.Operation read, List<Ops.Operation> transitions) {
        Set<State> pinned = null;
        Set<State> maybe = EnumSet.of(State.HELD, State.EXPIRED);
        for (Ops.Operation t : transitions) {
            if (t.invoke().index() > read.last().index()) {
                continue; // began after the read answered: cannot show in it
            }
            Op last = t.last();
            State reached = null;
            if (t.outcome() == Op.Type.ok) {
                reached = t.f().equals("commit") ? State.COMMITTED : terminal(last.str("state"), State.RELEASED);
            } else if (t.outcome() == Op.Type.fail) {
                reached = terminal(last.str("state"), null); // the state it found; null: found nothing useful
            }
            if (reached != null && last.index() < read.invoke().index()) {
                // definite and over before the read began: the state was terminal by then and stays so
                if (pinned == null) {
                    pinned = EnumSet.of(reached);
                } else {
                    pinned.retainAll(EnumSet.of(reached));
                }
            } else if (reached != null) {
                maybe.add(reached); // overlaps the read: may or may not show in it
            } else if (!t.definite()) {
                maybe.add(t.f().equals("commit") ? State.COMMITTED : State.RELEASED); // may have happened
            }
        }
        return pinned != null ? pinned : maybe;
    }

    private static State terminal(String state, State otherwise) {
        State s = parse(state);
        return s == null || s == State.HELD ? otherwise : s;
    }

    private static State parse(String state) {
        if (state == null) {
            return null;
        }
        try {
            return State.valueOf(state);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String describe(List<Ops.Operation> transitions) {
        if (transitions.isEmpty()) {
            return "none";
        }
        List<String> out = new ArrayList<>();
        for (Ops.Operation t : transitions) {
            Op last = t.last();
            out.add(t.f() + " " + t.where() + " " + t.outcome()
                    + (last != null && last.has("state") ? " " + last.str("state") : ""));
        }
        return String.join(", ", out);
    }
}
