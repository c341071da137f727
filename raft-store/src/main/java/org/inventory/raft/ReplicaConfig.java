package org.inventory.raft;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.inventory.ledger.LedgerSettings;

/**
 * How to run one replica of the ledger group.
 *
 * @param raftAddress      this replica's Raft endpoint, "host:port"
 * @param initialVoters    the group's voters at bootstrap, "host:port" each (ignored once the replica has a log);
 *                         empty for a replica that joins an existing group and waits to be added
 * @param dataDir          log (RocksDB), Raft metadata and snapshots live under it
 * @param electionTimeout  follower → candidate after this long without a leader
 * @param snapshotInterval how often a snapshot is taken (and the log before it compacted)
 * @param tickInterval     how often the leader proposes a Tick so holds expire without other traffic
 * @param sync             fsync the log on every append batch (leave on outside tests)
 * @param groupCommitInFlight coalesced reservation entries in flight before single reservations wait to travel
 *                         together (GroupCommit); 1 gives the largest batches, more the shortest waits
 * @param time             the clocks this replica reads (its wall clock stamps entries while it leads)
 * @param maxClockStep     how far ahead of the applied ledger time a new leader may start its stamps (LeaderClock)
 */
public record ReplicaConfig(String groupId, String raftAddress, List<String> initialVoters, Path dataDir,
                            Duration electionTimeout, Duration snapshotInterval, Duration tickInterval,
                            boolean sync, LedgerSettings ledgerSettings, int groupCommitInFlight,
                            TimeSource time, Duration maxClockStep) {

    public static final String DEFAULT_GROUP = "inventory";

    public ReplicaConfig {
        initialVoters = List.copyOf(initialVoters);
        if (electionTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("election timeout below 100 ms");
        }
        if (tickInterval.toMillis() < 10) {
            throw new IllegalArgumentException("tick interval below 10 ms");
        }
        if (snapshotInterval.toSeconds() < 1) {
            throw new IllegalArgumentException("snapshot interval below 1 s");
        }
        if (maxClockStep.isNegative()) {
            throw new IllegalArgumentException("clock step must not be negative");
        }
        if (groupCommitInFlight < 1) {
            throw new IllegalArgumentException("group commit needs at least one entry in flight");
        }
    }

    /** Coalesced entries in flight by default (measured: docs/performance.md, group commit). */
    public static final int DEFAULT_GROUP_COMMIT_IN_FLIGHT = 1;

    /** How far a new leader's stamps may start ahead of the ledger time it applied: covers an election's gap. */
    public static final Duration DEFAULT_MAX_CLOCK_STEP = Duration.ofSeconds(5);

    /** Defaults: election timeout 1 s, snapshot every hour, a tick every 500 ms, fsync on. */
    public static ReplicaConfig of(String raftAddress, List<String> initialVoters, Path dataDir) {
        return new ReplicaConfig(DEFAULT_GROUP, raftAddress, initialVoters, dataDir, Duration.ofSeconds(1),
                Duration.ofHours(1), Duration.ofMillis(500), true, LedgerSettings.DEFAULT, DEFAULT_GROUP_COMMIT_IN_FLIGHT,
                TimeSource.SYSTEM, DEFAULT_MAX_CLOCK_STEP);
    }

    public ReplicaConfig withElectionTimeout(Duration d) {
        return new ReplicaConfig(groupId, raftAddress, initialVoters, dataDir, d, snapshotInterval, tickInterval, sync, ledgerSettings, groupCommitInFlight, time, maxClockStep);
    }

    public ReplicaConfig withSnapshotInterval(Duration d) {
        return new ReplicaConfig(groupId, raftAddress, initialVoters, dataDir, electionTimeout, d, tickInterval, sync, ledgerSettings, groupCommitInFlight, time, maxClockStep);
    }

    public ReplicaConfig withTickInterval(Duration d) {
        return new ReplicaConfig(groupId, raftAddress, initialVoters, dataDir, electionTimeout, snapshotInterval, d, sync, ledgerSettings, groupCommitInFlight, time, maxClockStep);
    }

    public ReplicaConfig withSync(boolean s) {
        return new ReplicaConfig(groupId, raftAddress, initialVoters, dataDir, electionTimeout, snapshotInterval, tickInterval, s, ledgerSettings, groupCommitInFlight, time, maxClockStep);
    }

    public ReplicaConfig withLedgerSettings(LedgerSettings l) {
        return new ReplicaConfig(groupId, raftAddress, initialVoters, dataDir, electionTimeout, snapshotInterval, tickInterval, sync, l, groupCommitInFlight, time, maxClockStep);
    }

    public ReplicaConfig withGroupCommitInFlight(int n) {
        return new ReplicaConfig(groupId, raftAddress, initialVoters, dataDir, electionTimeout, snapshotInterval, tickInterval, sync, ledgerSettings, n, time, maxClockStep);
    }

    public ReplicaConfig withTime(TimeSource t) {
        return new ReplicaConfig(groupId, raftAddress, initialVoters, dataDir, electionTimeout, snapshotInterval, tickInterval, sync, ledgerSettings, groupCommitInFlight, t, maxClockStep);
    }

    public ReplicaConfig withMaxClockStep(Duration d) {
        return new ReplicaConfig(groupId, raftAddress, initialVoters, dataDir, electionTimeout, snapshotInterval, tickInterval, sync, ledgerSettings, groupCommitInFlight, time, d);
    }
}
