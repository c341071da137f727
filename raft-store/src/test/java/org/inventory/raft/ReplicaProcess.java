package org.inventory.raft;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A replica in a JVM of its own, so that it can really crash: {@link #kill} is SIGKILL, with no shutdown hook, no
 * leadership hand-over and no last fsync.
 */
final class ReplicaProcess implements AutoCloseable {
    private final Process process;

    private ReplicaProcess(Process process) {
        this.process = process;
    }

    static ReplicaProcess start(String raftAddress, List<String> voters, Path dataDir, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dlogback.middleware.log.disable=true",
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), raftAddress, String.join(",", voters), dataDir.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ReplicaProcess(p);
    }

    void kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux
        process.waitFor(10, TimeUnit.SECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    /** The child's entry point: run one replica until killed. */
    public static final class Main {
        public static void main(String[] args) throws Exception {
            LedgerReplica replica = LedgerReplica.start(ReplicaConfig.of(args[0], List.of(args[1].split(",")), Path.of(args[2])));
            System.out.println("replica " + replica.raftAddress() + " running");
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
