package org.inventory.chaos.check.linear;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.inventory.chaos.history.Op;

/**
 * Groups the history's events into client operations by op id, keeping the completion that counts.
 *
 * <p>The last definite completion (ok or fail) counts: the recovery pass may complete an op that first ended
 * {@code info}. An {@code info} never overrides an earlier definite answer (it says "don't know", which a definite
 * answer already settled); an op with only {@code info} completions, or none, is indeterminate.
 */
final class ClientOps {
    /** The ops the linearizability check models. */
    static final Set<String> MODELLED = Set.of("reserve", "commit", "release", "receipt", "adjust", "read-sku");
    /** Not modelled, but grouped too: evidence of how reservations ended (see {@link ExpiryEvidence}). */
    static final String READ_RESERVATION = "read-reservation";

    private ClientOps() {
    }

    /** Ops in invoke order; {@code problems} gets completions that have no invoke. */
    static List<ClientOp> group(List<Op> events, List<String> problems) {
        Map<Long, Integer> invokeAt = new LinkedHashMap<>();
        Map<Long, Integer> doneAt = new LinkedHashMap<>();
        for (int k = 0; k < events.size(); k++) {
            Op e = events.get(k);
            if (!MODELLED.contains(e.f()) && !READ_RESERVATION.equals(e.f())) {
                continue;
            }
            if (e.type() == Op.Type.invoke) {
                if (invokeAt.putIfAbsent(e.op(), k) != null) {
                    problems.add("op " + e.op() + " is invoked twice (index " + e.index() + ")");
                }
                continue;
            }
            if (!invokeAt.containsKey(e.op())) {
                problems.add("op " + e.op() + " (" + e.f() + ") completes at index " + e.index() + " but was never invoked");
                continue;
            }
            Integer previous = doneAt.get(e.op());
            boolean definite = e.type() != Op.Type.info;
            if (previous == null || definite || events.get(previous).type() == Op.Type.info) {
                doneAt.put(e.op(), k);
            }
        }
        List<ClientOp> ops = new ArrayList<>(invokeAt.size());
        for (Map.Entry<Long, Integer> e : invokeAt.entrySet()) {
            Op invoke = events.get(e.getValue());
            Integer d = doneAt.get(e.getKey());
            ops.add(new ClientOp(e.getKey(), invoke.f(), invoke, e.getValue(), d == null ? null : events.get(d),
                    d == null ? -1 : d));
        }
        return ops;
    }
}
