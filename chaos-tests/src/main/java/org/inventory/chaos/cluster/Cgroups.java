package org.inventory.chaos.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One cgroup (v2) per node process. All nodes share the host's loopback, and a node's outgoing connections leave
 * from 127.0.0.1 whatever address it listens on, so a firewall rule cannot tell nodes apart by source address;
 * it can by the cgroup of the sending socket ({@code iptables -m cgroup --path}).
 */
final class Cgroups {
    static final String PREFIX = "inventory-chaos-";
    private final Path root;

    private Cgroups(Path root) {
        this.root = root;
    }

    /** Finds the cgroup2 mount (unified or hybrid hierarchy); fails with what is missing. */
    static Cgroups find() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
            String[] f = line.split(" ");
            if (f.length > 2 && f[2].equals("cgroup2")) {
                return new Cgroups(Path.of(f[1]));
            }
        }
        throw new IllegalStateException("no cgroup2 mount in /proc/mounts: partitions need one cgroup per node "
                + "(mount -t cgroup2 none /sys/fs/cgroup/unified)");
    }

    /** The path iptables names, relative to the cgroup2 root. */
    static String name(String nodeId) {
        return PREFIX + nodeId;
    }

    /** Creates the node's cgroup, first killing whatever an interrupted earlier run left inside it. */
    Path create(String nodeId) throws IOException, InterruptedException {
        Path dir = root.resolve(name(nodeId));
        if (Files.isDirectory(dir)) {
            killMembers(dir);
            Files.delete(dir);
        }
        Files.createDirectory(dir);
        return dir.resolve("cgroup.procs");
    }

    void removeAll() throws IOException, InterruptedException {
        try (var dirs = Files.list(root)) {
            for (Path dir : dirs.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList()) {
                killMembers(dir);
                try {
                    Files.delete(dir);
                } catch (IOException e) {
                    // a process still exiting keeps it busy; the next run's create() retries
                }
            }
        }
    }

    private static void killMembers(Path dir) throws IOException, InterruptedException {
        List<String> pids = Files.readAllLines(dir.resolve("cgroup.procs"));
        for (String pid : pids) {
            if (!pid.isBlank()) {
                new ProcessBuilder("kill", "-CONT", pid.trim()).start().waitFor();
                new ProcessBuilder("kill", "-KILL", pid.trim()).start().waitFor();
            }
        }
        for (int i = 0; i < 50 && !Files.readAllLines(dir.resolve("cgroup.procs")).isEmpty(); i++) {
            Thread.sleep(100);
        }
    }
}
