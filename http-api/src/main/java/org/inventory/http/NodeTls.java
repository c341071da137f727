package org.inventory.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.inventory.raft.PeerTls;

/**
 * The node's TLS (contract.md §4): {@code --tls-cert} is its certificate followed by the cluster CA, {@code --tls-key}
 * its PKCS#8 key. The HTTP API is served over HTTPS with that certificate; the Raft port and the node's own calls to
 * its peers (forwarding, read index, relayed admin calls) are mutual TLS with the cluster CA. {@code --tls-client-ca},
 * when given, makes the HTTP API ask every client for a certificate of that CA as well (the nodes' own included, so
 * it must have issued theirs too, or be a file holding both CAs).
 */
record NodeTls(Path certificate, Path key, Optional<Path> clientCa, PeerTls peer) {

    static NodeTls load(Path certificate, Path key, Optional<Path> clientCa) throws IOException {
        for (Path p : clientCa.map(c -> new Path[] {certificate, key, c}).orElse(new Path[] {certificate, key})) {
            if (!Files.isReadable(p)) {
                throw new IllegalArgumentException(p + " is not readable");
            }
        }
        return new NodeTls(certificate, key, clientCa, PeerTls.fromPem(certificate, key));
    }

    /** Micronaut's HTTPS on the --http address, and nothing served in clear text. */
    Map<String, Object> serverProperties(int port) {
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.server.ssl.enabled", true);
        p.put("micronaut.server.ssl.port", port);
        p.put("micronaut.server.ssl.key-store.certificate-path", "file:" + certificate.toAbsolutePath());
        p.put("micronaut.server.ssl.key-store.key-path", "file:" + key.toAbsolutePath());
        p.put("micronaut.server.ssl.protocols", new String[] {"TLSv1.3", "TLSv1.2"});
        clientCa.ifPresent(ca -> {
            p.put("micronaut.server.ssl.trust-store.path", "file:" + ca.toAbsolutePath());
            p.put("micronaut.server.ssl.client-authentication", "need");
        });
        return p;
    }

    /** A client that presents this node's certificate and trusts the cluster CA only. */
    HttpClient.Builder secure(HttpClient.Builder builder) {
        return builder.sslContext(peer.jdkClientContext());
    }
}
