package org.inventory.raft;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Node ids and HTTP addresses of members, replicated through the log (and kept in snapshots) so that every node
 * can name the leader and forward to it, including members added after the cluster started. Keyed by Raft address.
 */
final class MemberDirectory {
    static final String SNAPSHOT_FILE = "members.snap";
    private final Map<String, Member> byRaft = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();

    /** False when {@code m}'s Raft address is another member's: a directory entry may not take it over. */
    boolean canPut(Member m) {
        Member holder = byRaft.get(m.raft());
        return holder == null || holder.nodeId().equals(m.nodeId());
    }

    void put(Member m) {
        byRaft.values().removeIf(existing -> existing.nodeId().equals(m.nodeId()) && !existing.raft().equals(m.raft()));
        byRaft.put(m.raft(), m);
        version.incrementAndGet();
    }

    /** Changes with every put and replacement, so readers can tell whether what they derived is still current. */
    long version() {
        return version.get();
    }

    Collection<Member> all() {
        return List.copyOf(byRaft.values());
    }

    void write(Path file) throws IOException {
        write(all(), file);
    }

    /** Writes {@code members} (a copy taken earlier) as a snapshot file, fsynced. */
    static void write(Collection<Member> members, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        members.stream().sorted(java.util.Comparator.comparing(Member::raft))
                .forEach(m -> lines.add(m.nodeId() + " " + m.raft() + " " + m.http()));
        Files.write(file, lines, StandardCharsets.UTF_8);
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    void replaceFrom(Path file) throws IOException {
        Map<String, Member> read = new ConcurrentHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] parts = line.trim().split(" ");
            if (parts.length == 3) {
                try {
                    read.put(parts[1], Addresses.member(parts[0], parts[1], parts[2]));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ": " + e.getMessage());
                }
            } else if (!line.isBlank()) {
                throw new IOException(file + ": unreadable line '" + line + "'");
            }
        }
        byRaft.clear();
        byRaft.putAll(read);
        version.incrementAndGet();
    }
}
