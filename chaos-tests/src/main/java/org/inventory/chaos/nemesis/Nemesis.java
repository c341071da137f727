package org.inventory.chaos.nemesis;

import org.inventory.chaos.cluster.ChaosCluster;
import org.inventory.chaos.history.History;
import org.inventory.chaos.history.Op;
import org.inventory.chaos.workload.Attempts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Causes one fault at a time, each followed by a quiet spell, in an order drawn from the run's seed. The first
 * round plays every kind once (so even a short run sees kills, pauses, every partition shape and a membership
 * change); after it, kinds are drawn at random. Every fault is recorded as a start and a stop in the history.
 */
public final class Nemesis implements Runnable {
    private final ChaosCluster cluster;
    private final History history;
    private final Random random;
    private final long untilNanos;
    private final List<Supplier<Fault>> kinds = new ArrayList<>();
    private final List<String> played = Collections.synchronizedList(new ArrayList<>());
    private volatile Throwable failure;

    public Nemesis(ChaosCluster cluster, History history, Attempts admin, long seed, long untilNanos) {
        this.cluster = cluster;
        this.history = history;
        this.random = new Random(seed);
        this.untilNanos = untilNanos;
        kinds.add(() -> new Kill(true));
        kinds.add(() -> new Kill(false));
        kinds.add(() -> new Pause(true));
        kinds.add(() -> new Pause(false));
        kinds.add(() -> new Partition(Partition.Shape.ISOLATE_LEADER));
        kinds.add(() -> new Partition(Partition.Shape.MAJORITY_MINORITY));
        if (cluster.nodes().size() >= 5) {
            // with three nodes a bridge or a ring is just a minority cut
            kinds.add(() -> new Partition(Partition.Shape.BRIDGE));
            kinds.add(() -> new Partition(Partition.Shape.MAJORITY_RING));
        }
        kinds.add(() -> new Membership(admin));
        kinds.add(() -> new TransferLeader(admin));
    }

    @Override
    public void run() {
        List<Supplier<Fault>> firstRound = new ArrayList<>(kinds);
        Collections.shuffle(firstRound, random);
        int next = 0;
        try {
            while (System.nanoTime() < untilNanos) {
                Thread.sleep(3_000 + random.nextInt(3_000));
                if (System.nanoTime() >= untilNanos) {
                    break;
                }
                Fault fault = (next < firstRound.size() ? firstRound.get(next++) : kinds.get(random.nextInt(kinds.size()))).get();
                play(fault);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e;
        }
    }

    private void play(Fault fault) throws Exception {
        long op = history.newOpId();
        history.record("nemesis", Op.Type.invoke, "start", op, "", Map.of("kind", fault.kind()));
        Map<String, Object> started = new LinkedHashMap<>(Map.of("kind", fault.kind()));
        try {
            started.putAll(fault.start(cluster, random));
        } finally {
            history.record("nemesis", Op.Type.ok, "start", op, "", started);
        }
        played.add(fault.kind() + " " + started.get("nodes"));
        long hold = fault.holdMs(random);
        long remaining = (untilNanos - System.nanoTime()) / 1_000_000;
        Thread.sleep(Math.max(1_000, Math.min(hold, remaining)));
        long stop = history.newOpId();
        history.record("nemesis", Op.Type.invoke, "stop", stop, "", Map.of("kind", fault.kind(), "nodes", started.get("nodes")));
        fault.heal(cluster);
        history.record("nemesis", Op.Type.ok, "stop", stop, "", Map.of("kind", fault.kind(), "nodes", started.get("nodes")));
    }

    /** What was played, in order, for the log and the report. */
    public List<String> played() {
        return List.copyOf(played);
    }

    /** The exception that stopped the nemesis early (a fault it could not cause or undo), or null. */
    public Throwable failure() {
        return failure;
    }
}
