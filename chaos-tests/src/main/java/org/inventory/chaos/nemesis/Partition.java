package org.inventory.chaos.nemesis;

import org.inventory.chaos.cluster.ChaosCluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Network partitions between nodes, Jepsen's shapes: the leader alone; a majority and a minority; a bridge (two
 * halves that both still reach one node in the middle); a majority ring (each node reaches its two neighbours,
 * a majority, but no two nodes see the same majority).
 */
final class Partition implements Fault {
    enum Shape { ISOLATE_LEADER, MAJORITY_MINORITY, BRIDGE, MAJORITY_RING }

    private final Shape shape;

    Partition(Shape shape) {
        this.shape = shape;
    }

    @Override
    public String kind() {
        return "partition-" + shape.name().toLowerCase().replace('_', '-');
    }

    @Override
    public Map<String, Object> start(ChaosCluster cluster, Random random) throws Exception {
        List<String> ids = Targets.shuffled(cluster, random);
        int n = ids.size();
        Map<String, List<String>> grudge = new LinkedHashMap<>();
        Map<String, Object> v = new LinkedHashMap<>();
        switch (shape) {
            case ISOLATE_LEADER -> {
                String leader = Targets.leaderOrNull(cluster);
                String alone = leader != null ? leader : ids.get(0);
                grudge.put(alone, ids.stream().filter(id -> !id.equals(alone)).toList());
                v.put("was_leader", alone.equals(leader));
                v.put("components", List.of(List.of(alone), grudge.get(alone)));
            }
            case MAJORITY_MINORITY -> {
                List<String> minority = ids.subList(0, n / 2);
                List<String> majority = ids.subList(n / 2, n);
                minority.forEach(m -> grudge.put(m, majority));
                v.put("components", List.of(List.copyOf(minority), List.copyOf(majority)));
            }
            case BRIDGE -> {
                List<String> left = ids.subList(0, n / 2);
                List<String> right = ids.subList(n / 2 + 1, n);
                left.forEach(l -> grudge.put(l, right));
                v.put("components", List.of(List.copyOf(left), List.of(ids.get(n / 2)), List.copyOf(right)));
            }
            case MAJORITY_RING -> {
                // node i still reaches i-1 and i+1; it is cut from every node farther round the ring
                List<List<String>> views = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    List<String> far = new ArrayList<>();
                    for (int j = 0; j < n; j++) {
                        int d = Math.abs(i - j);
                        if (Math.min(d, n - d) > 1) {
                            far.add(ids.get(j));
                        }
                    }
                    grudge.put(ids.get(i), far);
                    views.add(List.of(ids.get((i + n - 1) % n), ids.get(i), ids.get((i + 1) % n)));
                }
                v.put("components", views);
            }
        }
        cluster.partition(grudge);
        TreeSet<String> touched = new TreeSet<>(grudge.keySet());
        grudge.values().forEach(touched::addAll);
        v.put("nodes", List.copyOf(touched));
        v.put("rules", cluster.firewall().rules().size() - 1);
        return v;
    }

    @Override
    public void heal(ChaosCluster cluster) throws Exception {
        cluster.firewall().heal();
    }
}
