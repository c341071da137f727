package org.inventory.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.inventory.ledger.DigestInputs;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.ResultCode;
import org.junit.jupiter.api.Test;

/** Snapshots are written beside apply, and the digest is read without the lock: neither stops writes. */
class SnapshotBesideApplyTest {

    @Test
    void writesGoOnCommittingWhileTheLeadersSnapshotIsHeldMidWrite() throws Exception {
        try (LocalGroup group = new LocalGroup(3)) {
            LedgerReplica leader = group.awaitLeader();
            leader.propose(Commands.createSku("s")).get(10, TimeUnit.SECONDS);
            leader.propose(Commands.receive("s", 10_000)).get(10, TimeUnit.SECONDS);
            List<String> before = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                before.add(leader.propose(Commands.reserve("before-" + i, "c" + i, "s", 1)).get(10, TimeUnit.SECONDS)
                        .getReservation().getReservationId());
            }
            long capturedAt = leader.appliedIndex();
            CountDownLatch writing = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            leader.fsm().beforeSnapshotWrite = () -> {
                writing.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            CompletableFuture<Void> snapshot = leader.snapshotNow();
            try {
                assertThat(writing.await(10, TimeUnit.SECONDS)).as("the snapshot reached its writer").isTrue();
                // the writer is stuck: apply must not be
                for (int i = 0; i < 200; i++) {
                    CommandResult r = leader.propose(Commands.reserve("during-" + i, "d" + i, "s", 1)).get(10, TimeUnit.SECONDS);
                    assertThat(r.getCode()).isEqualTo(ResultCode.OK);
                }
                // and records the capture holds change under it: 20 commits, 10 releases
                for (int i = 0; i < 30; i++) {
                    assertOk(leader.propose(i < 20 ? Commands.commit(before.get(i)) : Commands.release(before.get(i)))
                            .get(10, TimeUnit.SECONDS));
                }
                assertThat(snapshot).as("still being written").isNotDone();
                // JRaft moves its applied index once the batch whose futures just completed is done: a moment later
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                        .until(() -> leader.appliedIndex() >= capturedAt + 200);
                assertThat(snapshot).as("still being written").isNotDone();
            } finally {
                release.countDown();
            }
            snapshot.get(30, TimeUnit.SECONDS);

            // the file holds the ledger as it was when captured: 50 holds, none committed or released yet
            org.inventory.ledger.Ledger written = writtenSnapshot(group.root.resolve("n" + (group.indexOf(leader) + 1)));
            assertThat(written.sku("s").orElseThrow().getHeld()).isEqualTo(50);
            assertThat(written.sku("s").orElseThrow().getCommitted()).isZero();
            assertThat(written.reservationCount()).isEqualTo(50);
            for (String id : before) {
                assertThat(written.reservation(id).orElseThrow().getState())
                        .isEqualTo(org.inventory.ledger.proto.ReservationState.HELD);
            }

            // the snapshot holds the state as captured, not as written: a replica restarted from it catches up to the same digest
            int restarted = group.indexOf(leader);
            group.stop(restarted);
            LedgerReplica again = group.start(restarted);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> again.snapshotsLoaded() >= 1);
            String digest = group.awaitConverged();
            assertThat(again.digest().digestHex()).isEqualTo(digest);
            long held = again.readLocal(l -> l.sku("s").orElseThrow().getHeld());
            assertThat(held).isEqualTo(220);
        }
    }

    private static void assertOk(CommandResult r) {
        assertThat(r.getCode()).as(r.toString()).isEqualTo(ResultCode.OK);
    }

    private static org.inventory.ledger.Ledger writtenSnapshot(java.nio.file.Path dataDir) throws java.io.IOException {
        java.nio.file.Path file;
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dataDir.resolve("snapshot"))) {
            file = files.filter(f -> f.getFileName().toString().equals(LedgerStateMachine.SNAPSHOT_FILE)).findFirst().orElseThrow();
        }
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            return org.inventory.ledger.Ledger.readSnapshot(in);
        }
    }

    @Test
    void fiftyReadersAskingForTheDigestDoNotHoldUpWrites() throws Exception {
        try (LocalGroup group = new LocalGroup(3)) {
            LedgerReplica leader = group.awaitLeader();
            leader.propose(Commands.createSku("s")).get(10, TimeUnit.SECONDS);
            leader.propose(Commands.receive("s", 10_000)).get(10, TimeUnit.SECONDS);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong reads = new AtomicLong();
            List<String> backwards = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService readers = Executors.newFixedThreadPool(50);
            for (int t = 0; t < 50; t++) {
                readers.execute(() -> {
                    long last = 0;
                    while (!stop.get()) {
                        DigestInputs d = leader.digest();
                        d.digestHex();
                        if (d.appliedIndex() < last) {
                            backwards.add(d.appliedIndex() + " after " + last);
                        }
                        last = d.appliedIndex();
                        reads.incrementAndGet();
                        java.util.concurrent.locks.LockSupport.parkNanos(200_000); // fifty callers, not fifty spinning cores
                    }
                });
            }
            try {
                for (int i = 0; i < 300; i++) {
                    CommandResult r = leader.propose(Commands.reserve("k-" + i, "c" + i, "s", 1)).get(10, TimeUnit.SECONDS);
                    assertThat(r.getCode()).isEqualTo(ResultCode.OK);
                }
            } finally {
                stop.set(true);
                readers.shutdown();
                assertThat(readers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(reads.get()).isGreaterThan(1000);
            assertThat(backwards).as("a replica's digest never goes back in the log").isEmpty();
            // and what they read is the real digest: the one every replica agrees on, and the one recomputed from scratch
            String converged = group.awaitConverged();
            assertThat(leader.digest().digestHex()).isEqualTo(converged);
            boolean verified = leader.readLocal(l -> l.verifyDigest());
            assertThat(verified).isTrue();
        }
    }
}
