package org.inventory.chaos.report;

import org.inventory.chaos.history.Op;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A made-up but plausible history for the report's tests: clients c1..c8 and s1..s2 doing reserve / commit /
 * release / receipt / adjust against n1..n5, faults from a given schedule (more info and slower answers inside
 * them), a recovery pass that decides some indeterminate operations at the end, a few that never complete.
 * It also keeps, per f, the counts the report should show (by last completion).
 */
final class SyntheticHistory {

    /** A fault to inject: kind, nodes, start and end seconds. */
    record Fault(String kind, List<String> nodes, double start, double end, boolean wasLeader) {
    }

    /** Expected per-f counts; fail by code. */
    static final class Counts {
        long ops;
        long ok;
        long info;
        long never;
        long later;
        final Map<String, Long> fail = new TreeMap<>();

        long failTotal() {
            return fail.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private record Event(double t, String process, Op.Type type, String f, long op, String node,
                         Map<String, Object> value) {
    }

    private static final String[] F = {"reserve", "reserve", "reserve", "reserve", "commit", "commit", "release",
            "receipt", "adjust"};

    final List<Op> history;
    final Map<String, Counts> expected = new TreeMap<>();
    final List<Fault> faults;

    private final List<Event> events = new ArrayList<>();
    private long nextOp;

    SyntheticHistory(long seed, int clientOps, double seconds, List<Fault> faults) {
        this.faults = faults;
        Random rnd = new Random(seed);
        for (Fault fault : faults) {
            long start = ++nextOp;
            Map<String, Object> v = new LinkedHashMap<>(Map.of("kind", fault.kind(), "nodes", fault.nodes()));
            events.add(new Event(fault.start(), "nemesis", Op.Type.invoke, "start", start, "", v));
            Map<String, Object> done = new LinkedHashMap<>(v);
            if (fault.wasLeader()) {
                done.put("was_leader", true);
            }
            events.add(new Event(fault.start() + 0.05, "nemesis", Op.Type.ok, "start", start, "", done));
            long stop = ++nextOp;
            events.add(new Event(fault.end() - 0.2, "nemesis", Op.Type.invoke, "stop", stop, "", v));
            events.add(new Event(fault.end(), "nemesis", Op.Type.ok, "stop", stop, "", v));
        }
        double recoveryAt = seconds - 0.1; // after every info completion (those end by seconds - 0.2)
        for (int i = 0; i < clientOps; i++) {
            double t = 0.3 + rnd.nextDouble() * (seconds - 1.5);
            boolean faulty = faults.stream().anyMatch(x -> x.start() <= t && t < x.end());
            String f = F[rnd.nextInt(F.length)];
            String process = f.equals("receipt") || f.equals("adjust") ? "s" + (1 + rnd.nextInt(2))
                    : "c" + (1 + rnd.nextInt(8));
            String node = "n" + (1 + rnd.nextInt(5));
            long op = ++nextOp;
            Counts c = expected.computeIfAbsent(f, k -> new Counts());
            c.ops++;
            events.add(new Event(t, process, Op.Type.invoke, f, op, node, Map.of("sku", "chaos-" + rnd.nextInt(3))));
            double lat = Math.exp(rnd.nextGaussian() * 0.6) * (faulty ? 0.4 : 0.008);
            double r = rnd.nextDouble();
            double pInfo = faulty ? 0.35 : 0.03;
            if (r < 0.01) {
                c.never++;
                c.info++;
            } else if (r < 0.01 + pInfo) {
                events.add(new Event(t + Math.min(lat * 5, 1.0), process, Op.Type.info, f, op, node,
                        Map.of("reason", "timeout")));
                if (rnd.nextBoolean()) {
                    c.later++;
                    if (rnd.nextBoolean() || f.equals("receipt")) { // a receipt never fails
                        c.ok++;
                        events.add(new Event(recoveryAt, process, Op.Type.ok, f, op, node, Map.of()));
                    } else {
                        String code = failCode(f);
                        c.fail.merge(code, 1L, Long::sum);
                        events.add(new Event(recoveryAt, process, Op.Type.fail, f, op, node, Map.of("code", code)));
                    }
                } else {
                    c.info++;
                }
            } else if (r < 0.25 + pInfo && !f.equals("receipt")) {
                String code = failCode(f);
                c.fail.merge(code, 1L, Long::sum);
                events.add(new Event(t + lat, process, Op.Type.fail, f, op, node, Map.of("code", code)));
            } else {
                c.ok++;
                events.add(new Event(t + lat, process, Op.Type.ok, f, op, node, Map.of()));
            }
        }
        // setup's stock, before the clients: a harness process, reported apart from the clients' receipts
        for (int i = 0; i < 3; i++) {
            long op = ++nextOp;
            events.add(new Event(0.01 * i, "setup", Op.Type.invoke, "receipt", op, "n1", Map.of("sku", "chaos-" + i)));
            events.add(new Event(0.01 * i + 0.005, "setup", Op.Type.ok, "receipt", op, "n1", Map.of("on_hand", 100)));
        }
        events.sort(Comparator.comparingDouble(Event::t));
        List<Op> ops = new ArrayList<>(events.size());
        for (Event e : events) {
            ops.add(new Op(ops.size(), (long) (e.t() * 1e9), 1_795_432_100_000L + (long) (e.t() * 1000), e.process(),
                    e.type(), e.f(), e.op(), e.node(), e.value()));
        }
        history = List.copyOf(ops);
    }

    private static String failCode(String f) {
        return switch (f) {
            case "reserve" -> "insufficient_stock";
            case "adjust" -> "would_go_negative";
            default -> "invalid_transition";
        };
    }

    /** The small history of the tests: 400 client ops over 20 s, a leader kill and a bridge partition. */
    static SyntheticHistory small() {
        return new SyntheticHistory(7, 400, 20, List.of(
                new Fault("kill", List.of("n3"), 4, 6.5, true),
                new Fault("partition-bridge", List.of("n1", "n2", "n4"), 10, 15, false)));
    }

    /** Many operations over a long run with a fault every half minute or so. */
    static SyntheticHistory large(int clientOps, double seconds) {
        String[] kinds = {"kill", "pause", "partition-isolate-leader", "partition-majority-minority",
                "partition-bridge", "partition-majority-ring", "membership", "transfer-leader"};
        List<Fault> faults = new ArrayList<>();
        Random rnd = new Random(11);
        for (double t = 5; t + 20 < seconds; t += 20 + rnd.nextInt(25)) {
            String kind = kinds[rnd.nextInt(kinds.length)];
            double len = kind.equals("transfer-leader") ? 1 : 4 + rnd.nextInt(12);
            faults.add(new Fault(kind, List.of("n" + (1 + rnd.nextInt(5))), t, t + len,
                    kind.equals("kill") && rnd.nextBoolean()));
        }
        return new SyntheticHistory(3, clientOps, seconds, faults);
    }
}
