package org.inventory.http.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alipay.sofa.jraft.CliService;
import com.alipay.sofa.jraft.RaftServiceFactory;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.option.CliOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.inventory.http.NodeProcessesAccess;
import org.junit.jupiter.api.Test;

/**
 * Three node processes started with --tls-cert/--tls-key: the API is HTTPS only, followers forward to the leader over
 * HTTPS, linearizable reads on a follower confirm over the mutual-TLS Raft port, invctl works with --ca, and this JVM —
 * with JRaft on its classpath and no cluster certificate — can neither read nor change the membership.
 */
class TlsClusterIT {
    @Test
    void aTlsClusterServesOnlyHttpsAndAdmitsOnlyItsMembersToTheRaftPort() throws Exception {
        try (NodeProcessesAccess nodes = new NodeProcessesAccess(3, true)) {
            nodes.awaitLeader(Duration.ofSeconds(60));
            assertThat(nodes.send(nodes.url(1, "/v1/skus/tls-tee"), "PUT", NodeProcessesAccess.STOCK, null, "{}").statusCode()).isEqualTo(200);
            for (int node = 0; node < 3; node++) {
                assertThat(nodes.send(nodes.url(node, "/v1/skus/tls-tee/receipts"), "POST", NodeProcessesAccess.STOCK, "po-" + node,
                        "{\"quantity\":5}").statusCode()).as("a receipt through node %d", node).isEqualTo(201);
            }
            HttpResponse<String> read = nodes.send(nodes.url(2, "/v1/skus/tls-tee?consistency=linearizable"), "GET",
                    NodeProcessesAccess.STOCK, null, "");
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.body()).contains("\"on_hand\":15");

            // the same port in clear text, or a client that does not trust the cluster CA: nothing is served
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String http = nodes.url(0, "/v1/cluster").replace("https://", "http://");
            assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create(http)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
            assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create(nodes.url(0, "/v1/cluster")))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);

            // a real CliService without a certificate of the cluster CA
            CliOptions options = new CliOptions();
            options.setTimeoutMs(2_000);
            options.setMaxRetry(1);
            CliService rogue = RaftServiceFactory.createAndInitCliService(options);
            try {
                Configuration conf = new Configuration();
                nodes.raftAddresses.forEach(a -> conf.addPeer(PeerId.parsePeer(a)));
                assertThat(rogue.removePeer("inventory", conf, PeerId.parsePeer(nodes.raftAddresses.get(2))).isOk()).isFalse();
                PeerId first = PeerId.parsePeer(nodes.raftAddresses.get(0));
                assertThat(rogue.resetPeer("inventory", first, new Configuration(java.util.List.of(first))).isOk()).isFalse();
                assertThat(rogue.transferLeader("inventory", conf, PeerId.parsePeer(nodes.raftAddresses.get(1))).isOk()).isFalse();
            } finally {
                rogue.shutdown();
            }

            StringWriter out = new StringWriter();
            int code = Invctl.run(new String[] {"--endpoint", nodes.url(2, ""), "--ca", nodes.ca().toString(),
                    "--token", NodeProcessesAccess.ADMIN, "--json", "status"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
            assertThat(code).isZero();
            assertThat(out.toString()).contains("\"n1\"", "\"n2\"", "\"n3\"").contains("LEADER");
            java.nio.file.Path notPem = java.nio.file.Files.createTempFile("not-a-ca", ".pem");
            java.nio.file.Files.writeString(notPem, "not a certificate\n");
            StringWriter refusal = new StringWriter();
            assertThat(Invctl.run(new String[] {"--endpoint", nodes.url(2, ""), "--ca", notPem.toString(), "status"},
                    new PrintWriter(new StringWriter(), true), new PrintWriter(refusal, true))).isEqualTo(1);
            assertThat(refusal.toString()).contains("cannot use --ca");
            assertThat(Invctl.run(new String[] {"--endpoint", nodes.url(2, ""), "--ca", notPem + ".missing", "status"},
                    new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true))).isEqualTo(2);
            HttpResponse<String> cluster = nodes.send(nodes.url(0, "/v1/cluster"), "GET", NodeProcessesAccess.STOCK, null, "");
            assertThat(cluster.body()).contains("\"node_id\":\"n1\"", "\"node_id\":\"n2\"", "\"node_id\":\"n3\"");
        }
    }
}
