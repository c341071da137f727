package org.inventory.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alipay.sofa.jraft.CliService;
import com.alipay.sofa.jraft.RaftServiceFactory;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.option.CliOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With peer TLS on, the group replicates over mutual TLS, and a real JRaft CliService that has no certificate of the
 * cluster CA — none at all, or one from another CA — can change nothing: not remove, add, reset, transfer or snapshot.
 */
class PeerTlsTest {
    @TempDir
    Path scratch;

    @AfterEach
    void plainAgain() {
        PeerTransport.plain();
    }

    @Test
    void aSecuredGroupReplicatesAndARogueCliServiceCanChangeNothing() throws Exception {
        Path certs = TestCertificates.make(scratch, "n1");
        Path otherCa = TestCertificates.make(scratch, "n1");
        PeerTransport.secure(TestCertificates.node(certs, "n1"));
        try (LocalGroup group = new LocalGroup(3)) {
            LedgerReplica leader = group.awaitLeader();
            leader.propose(Commands.createSku("tee")).get(10, TimeUnit.SECONDS);
            leader.propose(Commands.receive("tee", 5)).get(10, TimeUnit.SECONDS);
            long applied = leader.appliedIndex();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> group.running().stream().allMatch(r -> r.appliedIndex() >= applied));

            PeerTransport.plain();
            assertRogueChangesNothing(group, leader, "no certificate");
            PeerTransport.secure(TestCertificates.node(otherCa, "n1"));
            assertRogueChangesNothing(group, leader, "a certificate of another CA");

            PeerTransport.secure(TestCertificates.node(certs, "n1"));
            assertThat(group.awaitLeader().members().voters()).hasSize(3);
            group.awaitLeader().propose(Commands.receive("tee", 1)).get(10, TimeUnit.SECONDS);
        }
    }

    private static void assertRogueChangesNothing(LocalGroup group, LedgerReplica leader, String what) {
        CliOptions options = new CliOptions();
        options.setTimeoutMs(2_000);
        options.setMaxRetry(1);
        CliService rogue = RaftServiceFactory.createAndInitCliService(options);
        try {
            Configuration conf = new Configuration();
            group.addresses.forEach(a -> conf.addPeer(PeerId.parsePeer(a)));
            String group0 = ReplicaConfig.DEFAULT_GROUP;
            PeerId victim = PeerId.parsePeer(group.addresses.stream().filter(a -> !a.equals(leader.raftAddress())).findFirst().orElseThrow());
            PeerId self = PeerId.parsePeer(leader.raftAddress());
            List<Status> answers = List.of(
                    rogue.removePeer(group0, conf, victim),
                    rogue.addPeer(group0, conf, PeerId.parsePeer("127.0.0.1:1")),
                    rogue.resetPeer(group0, self, new Configuration(List.of(self))),
                    rogue.transferLeader(group0, conf, victim),
                    rogue.snapshot(group0, self));
            assertThat(answers).as("a rogue with %s", what).allSatisfy(s -> assertThat(s.isOk()).isFalse());
            assertThatThrownBy(() -> rogue.getPeers(group0, conf)).as("a rogue with %s learns no member", what)
                    .hasMessageContaining("Fail to get leader");
        } finally {
            rogue.shutdown();
        }
        assertThat(leader.isLeader()).isTrue();
        assertThat(leader.members().voters()).containsExactlyInAnyOrderElementsOf(group.addresses);
        assertThat(leader.lastSnapshotMillis()[0]).as("no snapshot taken").isZero();
    }

    @Test
    void aChainWithoutTheClusterCaIsRefusedAtStart() throws Exception {
        Path certs = TestCertificates.make(scratch, "n1", "n2");
        Path leafOnly = certs.resolve("leaf.pem");
        String chain = Files.readString(certs.resolve("n1.pem"));
        Files.writeString(leafOnly, chain.substring(0, chain.indexOf("-----END CERTIFICATE-----") + 25) + "\n");
        assertThatThrownBy(() -> PeerTls.fromPem(leafOnly, certs.resolve("n1.key")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("followed by the cluster CA");

        Path foreign = TestCertificates.make(scratch, "n1");
        Path mixed = certs.resolve("mixed.pem");
        Files.writeString(mixed, Files.readString(certs.resolve("n1.pem")).substring(0, chain.indexOf("-----END CERTIFICATE-----") + 26)
                + Files.readString(foreign.resolve("ca.pem")));
        assertThatThrownBy(() -> PeerTls.fromPem(mixed, certs.resolve("n1.key")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a chain");

        assertThatThrownBy(() -> PeerTls.fromPem(certs.resolve("n1.pem"), certs.resolve("n2.key")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot use");
        assertThatThrownBy(() -> PeerTls.fromPem(certs.resolve("n1.key"), certs.resolve("n1.key")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a PEM certificate chain");
    }
}
