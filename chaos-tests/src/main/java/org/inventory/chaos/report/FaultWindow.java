package org.inventory.chaos.report;

import org.inventory.chaos.history.Op;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One fault as the nemesis recorded it: from its {@code start} invoke to the {@code stop} ok that healed it.
 * Starts and stops of the same {@code kind} are paired in order (the first stop heals the oldest open start);
 * a start that was never healed runs to the end of the history and has {@code healed == false}.
 *
 * @param kind        the nemesis kind, e.g. "kill" or "partition-bridge"
 * @param nodes       the nodes it hit, as the start recorded them, e.g. "n2,n3" (may be "")
 * @param wasLeader   whether the start's completion says the victim led ({@code was_leader: true})
 * @param startNanos  the start invoke's {@code t_ns}
 * @param endNanos    the stop ok's {@code t_ns}, or the history's last {@code t_ns} when never healed
 * @param healed      whether a stop ok closed it
 */
public record FaultWindow(String kind, String nodes, boolean wasLeader, long startNanos, long endNanos,
                          boolean healed) {

    public long durationNanos() {
        return endNanos - startNanos;
    }

    /** "kind nodes", plus "(leader)" when the victim led; for labels. */
    public String label() {
        String s = nodes.isEmpty() ? kind : kind + " " + nodes;
        return wasLeader ? s + " (leader)" : s;
    }

    /** The fault windows of a history, ordered by start. */
    public static List<FaultWindow> of(List<Op> history) {
        long lastNanos = history.isEmpty() ? 0 : history.get(history.size() - 1).tNanos();
        for (Op e : history) {
            lastNanos = Math.max(lastNanos, e.tNanos());
        }
        Map<String, Deque<Op>> open = new HashMap<>();
        Map<Long, Boolean> leaderByOp = new HashMap<>();
        // the victims are known once the fault is in place: the start's completion names them
        Map<Long, Object> nodesByOp = new HashMap<>();
        List<FaultWindow> windows = new ArrayList<>();
        List<Op> starts = new ArrayList<>();
        Map<Op, Op> stopOf = new HashMap<>();
        for (Op e : history) {
            if (!"nemesis".equals(e.process())) {
                continue;
            }
            String kind = String.valueOf(e.value().getOrDefault("kind", "?"));
            if ("start".equals(e.f()) && e.type() == Op.Type.invoke) {
                open.computeIfAbsent(kind, k -> new ArrayDeque<>()).addLast(e);
                starts.add(e);
            } else if ("start".equals(e.f()) && e.type() != Op.Type.invoke) {
                if (e.value().get("nodes") != null) {
                    nodesByOp.put(e.op(), e.value().get("nodes"));
                }
                if (Boolean.TRUE.equals(e.value().get("was_leader"))) {
                    leaderByOp.put(e.op(), true);
                }
            } else if ("stop".equals(e.f()) && e.type() == Op.Type.ok) {
                Deque<Op> q = open.get(kind);
                if (q != null && !q.isEmpty()) {
                    stopOf.put(q.pollFirst(), e);
                }
            }
        }
        for (Op start : starts) {
            Op stop = stopOf.get(start);
            windows.add(new FaultWindow(String.valueOf(start.value().getOrDefault("kind", "?")),
                    nodesOf(nodesByOp.getOrDefault(start.op(), start.value().get("nodes"))), leaderByOp.getOrDefault(start.op(), false),
                    start.tNanos(), stop == null ? lastNanos : stop.tNanos(), stop != null));
        }
        windows.sort(Comparator.comparingLong(FaultWindow::startNanos));
        return windows;
    }

    private static String nodesOf(Object nodes) {
        if (nodes == null) {
            return "";
        }
        if (nodes instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return nodes.toString();
    }
}
