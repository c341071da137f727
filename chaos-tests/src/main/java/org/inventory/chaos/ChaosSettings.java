package org.inventory.chaos;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one run does.
 *
 * @param nodes    3 or 5 voters
 * @param duration how long faults and load run (recovery, final reads and checks come after)
 * @param seed     drives every random choice of the nemesis and the clients; printed so a run can be repeated
 * @param outDir   where {@code <run>/history.jsonl}, {@code report.md}, {@code timeline.svg} and node logs go
 * @param jar      the node jar
 * @param clients  concurrent checkout clients
 * @param skus     how many SKUs they race for
 * @param heap     each node's -Xmx option
 */
public record ChaosSettings(int nodes, Duration duration, long seed, Path outDir, Path jar, int clients, int skus,
                            String heap) {

    /** From the system properties the failsafe plugin passes (chaos.duration, chaos.seed, chaos.nodes, ...). */
    public static ChaosSettings fromSystemProperties() {
        String seed = System.getProperty("chaos.seed", "");
        return new ChaosSettings(Integer.getInteger("chaos.nodes", 5),
                Duration.parse(System.getProperty("chaos.duration", "PT150S")),
                seed.isBlank() ? System.currentTimeMillis() : Long.parseLong(seed.trim()),
                Path.of(System.getProperty("chaos.out", "target/chaos")),
                Path.of(System.getProperty("chaos.jar", "../http-api/target/inventory-node.jar")),
                Integer.getInteger("chaos.clients", 32), Integer.getInteger("chaos.skus", 10),
                System.getProperty("chaos.heap", "-Xmx384m"));
    }

    public String reproduce() {
        return "mvn verify -pl chaos-tests -Dchaos.seed=" + seed + " -Dchaos.duration=" + duration + " -Dchaos.nodes=" + nodes;
    }
}
