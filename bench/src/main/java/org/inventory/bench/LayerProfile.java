package org.inventory.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Splits a node's CPU time and allocation per request into the layers a request passes through, from
 * async-profiler's collapsed stacks (one line per stack: {@code [thread];frame;...;leaf count}, recorded with the
 * {@code threads} option; CPU samples, and allocation in bytes with {@code total}).
 *
 * <p>Each stack goes to the innermost layer it passes through (a HashMap lookup inside the ledger is apply, inside a
 * filter it is that filter), except that threads of the Raft engine are the engine's unless they were applying the
 * ledger, and the JVM's own threads are GC or JIT. The kernel's time stays with the layer that entered it (a
 * socket write is "write", an fsync the engine's).
 *
 * <p>{@code java -cp bench/target/classes org.inventory.bench.LayerProfile DIR CPU_OPS ALLOC_OPS LEADER_CPU_MS FOLLOWER_CPU_MS}
 * reads {@code DIR/{leader,follower}-{cpu,alloc}.collapsed} (ops: what each of the two runs completed; CPU ms: each
 * node's CPU time during the CPU run) and prints a markdown table (bench/profile.sh runs it).
 */
public final class LayerProfile {
    /** A layer and the frames that mark it, tried innermost first, in this order at each frame. */
    record Layer(String name, Pattern frames) {
    }

    static final List<Layer> LAYERS = List.of(
            new Layer("auth", Pattern.compile("org/inventory/http/(AuthFilter|Tokens)")),
            new Layer("JSON in (body read, checked)", Pattern.compile("org/inventory/http/(JsonBody|JsonShape|ReservationRequests)"
                    + "|io/micronaut/serde/jackson/JacksonDecoder|JsonMapper\\.readValue|jackson/core/json/UTF8StreamJsonParser"
                    + "|jackson/core/JsonFactory\\.createParser")),
            new Layer("command build + encode", Pattern.compile("org/inventory/http/(ReservationController\\.(create|batch)|IdempotencyKey)"
                    + "|org/inventory/http/CommandGateway\\.submit")),
            new Layer("apply (ledger)", Pattern.compile("org/inventory/ledger/|org/inventory/raft/LedgerStateMachine\\.onApply")),
            new Layer("propose (group commit, JRaft apply queue)", Pattern.compile("org/inventory/raft/(GroupCommit|LedgerReplica\\.propose)"
                    + "|com/alipay/sofa/jraft/core/NodeImpl\\.apply|org/inventory/http/CommandGateway")),
            new Layer("result → view", Pattern.compile("org/inventory/http/(Outcomes|ReservationJson|AvailabilityJson|ProblemJson|Responses"
                    + "|Views|BatchResultsJson|ReservationController\\.(lambda|reservation))")),
            new Layer("JSON out", Pattern.compile("io/micronaut/serde/|io/micronaut/json/|JsonMessageHandler|NettyJsonHandler"
                    + "|jackson/core/json/UTF8JsonGenerator")),
            new Layer("metrics", Pattern.compile("io/micrometer/|io/micronaut/configuration/metrics/|org/inventory/http/InventoryMetrics")),
            new Layer("cluster headers", Pattern.compile("org/inventory/http/(ClusterHeadersFilter|NodeDirectory)")),
            new Layer("Raft engine (log, fsync, replication)", Pattern.compile("com/alipay/|org/rocksdb/|com/lmax/")),
            new Layer("HTTP decode", Pattern.compile("io/netty/handler/codec/http/HttpObjectDecoder|io/netty/handler/codec/ByteToMessageDecoder"
                    + "|sun/nio/ch/SocketDispatcher\\.read|Socket\\.recv")),
            new Layer("write (HTTP encode, socket)", Pattern.compile("io/netty/handler/codec/http/HttpObjectEncoder"
                    + "|AbstractChannel\\$AbstractUnsafe\\.flush|sun/nio/ch/.*[wW]rite|Socket\\.send")),
            new Layer("routing, filters, request lifecycle", Pattern.compile("io/micronaut/")),
            new Layer("event loop (wakeups, tasks, epoll)", Pattern.compile("io/netty/")));

    static final String ENGINE = "Raft engine (log, fsync, replication)";
    static final String GC = "GC";
    static final String JIT = "JIT";
    static final String OTHER = "other (thread pools, parking)";
    private static final Pattern ENGINE_THREAD = Pattern.compile("^\\[(JRaft|Rpc-|Bolt|bolt|Append-Entries|jraft)", Pattern.CASE_INSENSITIVE);
    private static final Pattern GC_THREAD = Pattern.compile("^\\[(GC |G1 |VM Thread|PS |GC Thread|G1 Conc|G1 Refine|G1 Service)");
    private static final Pattern JIT_THREAD = Pattern.compile("^\\[(C1 |C2 |Compiler)");
    private static final Pattern APPLY = Pattern.compile("org/inventory/ledger/|org/inventory/raft/LedgerStateMachine\\.onApply");

    static String classify(String stack) {
        String[] frames = stack.split(";");
        String thread = frames.length > 0 ? frames[0] : "";
        if (GC_THREAD.matcher(thread).find()) {
            return GC;
        }
        if (JIT_THREAD.matcher(thread).find()) {
            return JIT;
        }
        if (ENGINE_THREAD.matcher(thread).find() && !APPLY.matcher(stack).find()) {
            return ENGINE;
        }
        for (int i = frames.length - 1; i >= 1; i--) {
            for (Layer l : LAYERS) {
                if (l.frames().matcher(frames[i]).find()) {
                    return l.name();
                }
            }
        }
        return OTHER;
    }

    /** Sums the counts of a collapsed-stacks file per layer. */
    static Map<String, Double> byLayer(List<String> lines) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : lines) {
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                continue;
            }
            double n = Double.parseDouble(line.substring(space + 1).trim());
            out.merge(classify(line.substring(0, space)), n, Double::sum);
        }
        return out;
    }

    static double total(Map<String, Double> m) {
        return m.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: LayerProfile DIR CPU_OPS ALLOC_OPS LEADER_CPU_MS FOLLOWER_CPU_MS");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        double requests = Double.parseDouble(args[1]);
        double allocRequests = Double.parseDouble(args[2]);
        double[] cpuMs = {Double.parseDouble(args[3]), Double.parseDouble(args[4])};
        String[] nodes = {"leader", "follower"};
        List<Map<String, Double>> cpu = new ArrayList<>();
        List<Map<String, Double>> alloc = new ArrayList<>();
        for (String n : nodes) {
            cpu.add(byLayer(Files.readAllLines(dir.resolve(n + "-cpu.collapsed"))));
            alloc.add(byLayer(Files.readAllLines(dir.resolve(n + "-alloc.collapsed"))));
        }
        List<String> order = new ArrayList<>();
        LAYERS.forEach(l -> order.add(l.name()));
        order.addAll(List.of(GC, JIT, OTHER));
        StringBuilder md = new StringBuilder();
        md.append("| layer | leader µs/req | leader B/req | follower µs/req | follower B/req |\n| --- | --- | --- | --- | --- |\n");
        double[] sumUs = new double[2];
        double[] sumB = new double[2];
        for (String layer : order) {
            StringBuilder row = new StringBuilder("| " + layer);
            boolean any = false;
            for (int i = 0; i < 2; i++) {
                double share = cpu.get(i).getOrDefault(layer, 0.0) / Math.max(1, total(cpu.get(i)));
                double us = share * cpuMs[i] * 1000 / requests;
                double bytes = alloc.get(i).getOrDefault(layer, 0.0) / allocRequests;
                sumUs[i] += us;
                sumB[i] += bytes;
                any |= us >= 0.05 || bytes >= 1;
                row.append(String.format(Locale.ROOT, " | %.1f | %.0f", us, bytes));
            }
            if (any) {
                md.append(row).append(" |\n");
            }
        }
        md.append(String.format(Locale.ROOT, "| **total** | **%.1f** | **%.0f** | **%.1f** | **%.0f** |%n", sumUs[0], sumB[0], sumUs[1], sumB[1]));
        System.out.print(md);
    }
}
