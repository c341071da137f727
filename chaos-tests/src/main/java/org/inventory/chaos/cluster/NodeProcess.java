package org.inventory.chaos.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One node: a {@code java -jar inventory-node.jar} process on its own loopback address, started inside its own
 * cgroup (see {@link Cgroups}) so the firewall can cut it off from its peers.
 */
public final class NodeProcess {
    public final String id;
    public final String ip;
    public final int httpPort;
    public final int raftPort;
    private final Path dataDir;
    private final Path log;
    private Process process;
    private boolean paused;

    NodeProcess(String id, String ip, int httpPort, int raftPort, Path dataDir, Path log) {
        this.id = id;
        this.ip = ip;
        this.httpPort = httpPort;
        this.raftPort = raftPort;
        this.dataDir = dataDir;
        this.log = log;
    }

    public String http() {
        return ip + ":" + httpPort;
    }

    public String raft() {
        return ip + ":" + raftPort;
    }

    public String url(String path) {
        return "http://" + http() + path;
    }

    Path dataDir() {
        return dataDir;
    }

    synchronized void start(Path cgroupProcs, List<String> javaCommand) throws IOException {
        // the shell puts itself into the cgroup, then becomes the JVM: every socket the node opens belongs there
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", "echo $$ > \"$1\" && shift && exec \"$@\"", "bash",
                cgroupProcs.toString()));
        cmd.addAll(javaCommand);
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        paused = false;
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    public synchronized boolean paused() {
        return paused;
    }

    synchronized void kill() throws InterruptedException, IOException {
        if (process == null) {
            return;
        }
        if (paused) {
            signal("CONT");
        }
        process.destroyForcibly();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            throw new IllegalStateException(id + " survived SIGKILL for 15 s");
        }
        paused = false;
    }

    synchronized void pause() throws IOException, InterruptedException {
        signal("STOP");
        paused = true;
    }

    synchronized void resume() throws IOException, InterruptedException {
        signal("CONT");
        paused = false;
    }

    private void signal(String name) throws IOException, InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        int rc = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
        if (rc != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " (" + id + ") failed");
        }
    }

    @Override
    public String toString() {
        return id + "@" + ip;
    }
}
