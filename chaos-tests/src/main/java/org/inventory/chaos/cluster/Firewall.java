package org.inventory.chaos.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Partitions between node processes, cut with iptables in a chain of our own so that healing and cleaning up
 * never touch anyone else's rules. A rule drops what one node's cgroup sends to another node's address; rules
 * always come in pairs, so both directions of every connection are cut. Clients (this JVM) are never cut off:
 * as in Jepsen, partitions are between servers.
 */
public final class Firewall implements AutoCloseable {
    static final String CHAIN = "INVENTORY-CHAOS";

    private Firewall() {
    }

    /** Installs the (empty) chain, removing one an interrupted earlier run left behind. */
    public static Firewall install() throws IOException, InterruptedException {
        removeChain();
        iptables("-N", CHAIN);
        iptables("-I", "OUTPUT", "-j", CHAIN);
        return new Firewall();
    }

    /**
     * Cuts every pair in {@code grudge}: node id -> the addresses (of other nodes) it must not reach.
     */
    public synchronized void cut(Map<String, Collection<String>> grudge) throws IOException, InterruptedException {
        for (Map.Entry<String, Collection<String>> e : grudge.entrySet()) {
            for (String address : e.getValue()) {
                if (!address.startsWith("127.")) {
                    throw new IllegalArgumentException("only loopback addresses may be cut, not " + address);
                }
                iptables("-A", CHAIN, "-m", "cgroup", "--path", Cgroups.name(e.getKey()), "-d", address, "-j", "DROP");
            }
        }
    }

    public synchronized void heal() throws IOException, InterruptedException {
        iptables("-F", CHAIN);
    }

    /** The rules in place, for the log. */
    public synchronized List<String> rules() throws IOException, InterruptedException {
        return run(List.of("iptables", "-w", "-S", CHAIN));
    }

    @Override
    public synchronized void close() throws IOException, InterruptedException {
        removeChain();
    }

    private static void removeChain() throws IOException, InterruptedException {
        // each step may fail when the chain is not there: that is the goal
        while (quiet("-D", "OUTPUT", "-j", CHAIN)) {
            // a chain jumped to twice (two interrupted runs) needs two deletes
        }
        quiet("-F", CHAIN);
        quiet("-X", CHAIN);
    }

    private static boolean quiet(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("iptables", "-w"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    private static void iptables(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("iptables", "-w"));
        cmd.addAll(List.of(args));
        run(cmd);
    }

    private static List<String> run(List<String> cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run iptables (apt-get install -y iptables; needs root): " + e.getMessage(), e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
        }
        return out.lines().toList();
    }
}
