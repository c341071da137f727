package org.inventory.chaos.check.linear;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.inventory.chaos.history.Op;

/**
 * What the history says about each reservation's fate. A hold expires with no operation of its own, so the check
 * synthesizes one; this tells it whether someone saw the hold EXPIRED (the earliest such observation bounds when the
 * expiry happened), or saw it end another way (then it never expired, and no expiry is synthesized).
 *
 * <p>Evidence of EXPIRED: a commit failing with state EXPIRED, a release ok with state EXPIRED, a read-reservation ok
 * with state EXPIRED. Evidence of another end: commit ok, a release ok RELEASED, any answer naming COMMITTED,
 * RELEASED, CANCELLED or FULFILLED. A reservation never leaves EXPIRED and only a HELD one expires, so a reservation
 * with both kinds of evidence is a violation by itself.
 */
final class ExpiryEvidence {
    private final Map<String, ClientOp> firstExpired = new HashMap<>();
    private final Map<String, ClientOp> otherEnd = new HashMap<>();

    ExpiryEvidence(List<ClientOp> ops) {
        for (ClientOp c : ops) {
            if (c.done() == null || c.done().type() == Op.Type.info) {
                continue;
            }
            String rid = c.str("reservation_id");
            if (rid == null) {
                continue;
            }
            String state = c.done().str("state");
            boolean ok = c.is(Op.Type.ok);
            switch (c.f()) {
                case "commit":
                    if (ok) {
                        otherEnd.putIfAbsent(rid, c);
                    } else {
                        note(rid, state, c);
                    }
                    break;
                case "release":
                    note(rid, ok && state == null ? "RELEASED" : state, c);
                    break;
                case ClientOps.READ_RESERVATION:
                    if (ok) {
                        note(rid, state, c);
                    }
                    break;
                default:
                    break;
            }
        }
    }

    private void note(String rid, String state, ClientOp c) {
        if (state == null || state.equals("HELD")) {
            return;
        }
        if (state.equals("EXPIRED")) {
            ClientOp seen = firstExpired.get(rid);
            if (seen == null || c.doneAt() < seen.doneAt()) {
                firstExpired.put(rid, c);
            }
        } else {
            otherEnd.putIfAbsent(rid, c);
        }
    }

    /** The op whose completion first showed {@code rid} EXPIRED, or null. */
    ClientOp firstExpired(String rid) {
        return firstExpired.get(rid);
    }

    /** An op that showed {@code rid} ended some other way (so it never expired), or null. */
    ClientOp otherEnd(String rid) {
        return otherEnd.get(rid);
    }
}
