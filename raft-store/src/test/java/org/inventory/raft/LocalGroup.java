package org.inventory.raft;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A Raft group of real replicas in this JVM, on loopback ports, each with its own data directory. Stopping a
 * replica closes it without handing leadership over: to the others it is a crash.
 */
final class LocalGroup implements AutoCloseable {
    final Path root;
    final List<String> addresses = new ArrayList<>();
    final List<LedgerReplica> replicas = new ArrayList<>();
    private final UnaryOperator<ReplicaConfig> tune;

    LocalGroup(int size) throws IOException {
        this(size, c -> c);
    }

    LocalGroup(int size, UnaryOperator<ReplicaConfig> tune) throws IOException {
        this.tune = tune;
        this.root = Files.createTempDirectory("raft-group-");
        for (int i = 0; i < size; i++) {
            addresses.add("127.0.0.1:" + freePort());
            replicas.add(null);
        }
        for (int i = 0; i < size; i++) {
            start(i);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    ReplicaConfig config(int i) {
        return tune.apply(ReplicaConfig.of(addresses.get(i), addresses, root.resolve("n" + (i + 1))));
    }

    LedgerReplica start(int i) throws IOException {
        LedgerReplica r = LedgerReplica.start(config(i));
        replicas.set(i, r);
        return r;
    }

    /**
     * Stops replica {@code i} in order. A leader stopped this way hands leadership to an up-to-date follower on its
     * way down (JRaft sends TimeoutNow), so the group barely notices; a real crash is {@link ReplicaProcess#kill}.
     */
    void stop(int i) {
        LedgerReplica r = replicas.set(i, null);
        if (r != null) {
            r.close();
        }
    }

    List<LedgerReplica> running() {
        return replicas.stream().filter(Objects::nonNull).toList();
    }

    LedgerReplica awaitLeader() {
        return awaitLeader(Duration.ofSeconds(20));
    }

    LedgerReplica awaitLeader(Duration within) {
        LedgerReplica[] found = new LedgerReplica[1];
        await().atMost(within).pollInterval(Duration.ofMillis(20)).until(() -> {
            List<LedgerReplica> leaders = running().stream().filter(LedgerReplica::isLeader).toList();
            found[0] = leaders.size() == 1 ? leaders.get(0) : null;
            return found[0] != null;
        });
        return found[0];
    }

    int indexOf(LedgerReplica r) {
        return replicas.indexOf(r);
    }

    /** Waits until every running replica has applied the same index, and returns their (equal) digest. */
    String awaitConverged() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            List<String> views = running().stream()
                    .map(r -> r.readLocal(l -> l.lastAppliedIndex() + "/" + l.digestHex())).distinct().toList();
            return views.size() == 1;
        });
        return running().get(0).readLocal(l -> l.digestHex());
    }

    @Override
    public void close() {
        for (int i = 0; i < replicas.size(); i++) {
            stop(i);
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
