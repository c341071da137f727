package org.inventory.raft;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.sofa.jraft.entity.Task;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.ResultCode;
import org.junit.jupiter.api.Test;

/**
 * Random payloads in the two entry formats this build knows, proposed as they are (past every check a node makes
 * before proposing) through the real apply path of three replicas: none stops, all refuse the same way, and they
 * go on agreeing.
 */
class PoisonEntryTest {

    private static ByteBuffer entry(byte format, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(9 + payload.length);
        b.put(format).putLong(System.currentTimeMillis()).put(payload);
        return b.flip();
    }

    private static CompletableFuture<CommandResult> proposeRaw(LedgerReplica leader, ByteBuffer data) {
        Proposal p = new Proposal(() -> null);
        leader.node().apply(new Task(data, p));
        return p.future;
    }

    @Test
    void randomDirectoryAndLedgerPayloadsStopNoReplica() throws Exception {
        try (LocalGroup group = new LocalGroup(3)) {
            LedgerReplica leader = group.awaitLeader();
            leader.propose(Commands.createSku("s")).get(10, TimeUnit.SECONDS);
            leader.propose(Commands.receive("s", 100)).get(10, TimeUnit.SECONDS);
            leader.registerMember(new Member("n1", leader.raftAddress(), "127.0.0.1:8081")).get(10, TimeUnit.SECONDS);
            Random random = new Random(20261203L);
            List<CompletableFuture<CommandResult>> answers = new ArrayList<>();
            List<byte[]> members = List.of(
                    "n9\n127.0.0.1:7099\na\nb:1".getBytes(StandardCharsets.UTF_8),     // the newline that once stopped every replica
                    "n9\n127.0.0.1:7099\na b:1".getBytes(StandardCharsets.UTF_8),      // a space that broke members.snap
                    "n9\n127.0.0.1:7099".getBytes(StandardCharsets.UTF_8),
                    ("n9\n" + leader.raftAddress() + "\n127.0.0.1:8099").getBytes(StandardCharsets.UTF_8), // another member's address
                    new byte[0]);
            for (byte[] m : members) {
                answers.add(proposeRaw(leader, entry(LogEntryCodec.DIRECTORY, m)));
            }
            for (int i = 0; i < 300; i++) {
                byte[] payload = new byte[random.nextInt(64)];
                random.nextBytes(payload);
                if (random.nextBoolean() && payload.length > 4) { // directory-shaped: three fields, random text
                    payload = ("n" + random.nextInt(99) + "\n" + new String(payload, StandardCharsets.ISO_8859_1) + "\nh:1")
                            .getBytes(StandardCharsets.UTF_8);
                }
                answers.add(proposeRaw(leader, entry(random.nextBoolean() ? LogEntryCodec.DIRECTORY : LogEntryCodec.FORMAT, payload)));
            }
            for (CompletableFuture<CommandResult> a : answers) {
                CommandResult r = a.get(20, TimeUnit.SECONDS);
                assertThat(r.getCode()).isNotEqualTo(ResultCode.RESULT_CODE_UNSPECIFIED);
            }
            for (int i = 0; i < 5; i++) {
                assertThat(answers.get(i).get().getCode()).as("directory entry %d", i).isEqualTo(ResultCode.INVALID_VALUE);
            }
            // still applying, still agreeing, the directory holding only real members
            CommandResult after = leader.propose(Commands.reserve("after", "alice", "s", 1)).get(10, TimeUnit.SECONDS);
            assertThat(after.getCode()).isEqualTo(ResultCode.OK);
            String digest = group.awaitConverged();
            for (LedgerReplica r : group.running()) {
                assertThat(r.failure()).isEmpty();
                assertThat(r.digest().digestHex()).isEqualTo(digest);
                for (Member m : r.directory()) {
                    assertThat(Addresses.member(m.nodeId(), m.raft(), m.http())).isEqualTo(m);
                    assertThat(m.raft().equals(leader.raftAddress())).as("only n1 has the leader's address: %s", m)
                            .isEqualTo(m.nodeId().equals("n1"));
                }
            }
            // and a replica restarted from a snapshot (members.snap included) comes back
            leader.snapshotNow().get(30, TimeUnit.SECONDS);
            int i = group.indexOf(leader);
            group.stop(i);
            LedgerReplica again = group.start(i);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> again.snapshotsLoaded() >= 1);
            group.awaitConverged();
            assertThat(again.failure()).isEmpty();
        }
    }
}
