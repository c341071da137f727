package org.inventory.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A node whose snapshot no longer reads (a flipped byte on disk) must not serve: its replica starts in the
 * background, and when that start fails the process stops with exit code 1 and says why, as it did when the replica
 * started before the HTTP server. The other two go on serving.
 */
class CorruptSnapshotIT {

    @Test
    void aNodeWhoseSnapshotIsCorruptStopsAndSaysWhy() throws Exception {
        try (NodeProcesses nodes = new NodeProcesses(3)) {
            nodes.awaitLeader(Duration.ofSeconds(60));
            assertThat(nodes.send(nodes.url(0, "/v1/skus/sealed"), "PUT", NodeProcesses.STOCK, null, "{}").statusCode()).isEqualTo(200);
            assertThat(nodes.send(nodes.url(1, "/v1/cluster/snapshot"), "POST", NodeProcesses.ADMIN, null, "").statusCode())
                    .isEqualTo(200);
            nodes.kill(1);
            List<Path> snapshots;
            try (Stream<Path> files = Files.walk(nodes.dataDir(1).resolve("snapshot"))) {
                snapshots = files.filter(f -> f.getFileName().toString().equals("ledger.snap")).toList();
            }
            assertThat(snapshots).isNotEmpty();
            for (Path f : snapshots) {
                byte[] bytes = Files.readAllBytes(f);
                bytes[bytes.length / 2] ^= 0x40;
                Files.write(f, bytes);
            }

            nodes.restart(1);
            assertThat(nodes.process(1).waitFor(60, TimeUnit.SECONDS)).as("the node stopped").isTrue();
            assertThat(nodes.process(1).exitValue()).isEqualTo(1);
            assertThat(nodes.log(1)).contains("checksum mismatch").contains("node n2 stops: its replica could not start");
            assertThat(nodes.send(nodes.url(0, "/v1/skus/sealed/receipts"), "POST", NodeProcesses.STOCK, "after-1",
                    "{\"quantity\":1}").statusCode()).isEqualTo(201);
        }
    }
}
