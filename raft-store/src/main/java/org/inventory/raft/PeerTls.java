package org.inventory.raft;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * A node's TLS identity among its peers: its certificate chain and key (PEM), and the cluster CA every member's
 * certificate must chain to. The CA is the last certificate of the chain file, so one file says both who this node is
 * and whom it trusts; a chain that does not end in a self-signed CA which signed the node certificate is refused at
 * start, where the operator sees it, not at the first handshake.
 *
 * <p>Netty reads the PEM files (PKCS#8 keys, RSA or EC). Peers are dialled by IP and the CA is the cluster's own, so
 * the Raft port checks the chain and nothing about host names: any certificate the cluster CA issued is a member.
 */
public final class PeerTls {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final X509Certificate clusterCa;
    private final SslContext server;
    private final SslContext client;

    private PeerTls(X509Certificate clusterCa, SslContext server, SslContext client) {
        this.clusterCa = clusterCa;
        this.server = server;
        this.client = client;
    }

    /** Reads {@code certChain} (node certificate first, the cluster CA last) and {@code key}; refuses a broken pair. */
    public static PeerTls fromPem(Path certChain, Path key) throws IOException {
        List<X509Certificate> chain = readChain(certChain);
        if (chain.size() < 2) {
            throw new IllegalArgumentException(certChain + " holds " + chain.size()
                    + " certificate(s): it must hold this node's certificate followed by the cluster CA that signed it");
        }
        X509Certificate ca = chain.get(chain.size() - 1);
        try {
            ca.verify(ca.getPublicKey());
            for (int i = 0; i < chain.size() - 1; i++) {
                chain.get(i).verify(chain.get(i + 1).getPublicKey());
                chain.get(i).checkValidity();
            }
            ca.checkValidity();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(certChain + " is not a chain from this node's certificate to a self-signed cluster CA: "
                    + e.getMessage());
        }
        requireMatchingKey(chain.get(0), key);
        try {
            SslContext server = SslContextBuilder.forServer(certChain.toFile(), key.toFile())
                    .sslProvider(SslProvider.JDK).protocols(PROTOCOLS).trustManager(ca).clientAuth(ClientAuth.REQUIRE).build();
            // peers are dialled through a Bolt hook that does not say which address: the chain to the cluster CA is what
            // identifies a member, so no host name check (Netty 4.2 turns one on for clients by default)
            SslContext client = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols(PROTOCOLS)
                    .keyManager(certChain.toFile(), key.toFile()).trustManager(ca).endpointIdentificationAlgorithm(null).build();
            return new PeerTls(ca, server, client);
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use " + key + " with " + certChain + " (a PKCS#8 PEM key matching the first certificate is needed): "
                    + rootMessage(e));
        }
    }

    private static List<X509Certificate> readChain(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalArgumentException(file + " is not a PEM certificate chain: " + e.getMessage());
        }
    }

    /**
     * Netty's JDK engine accepts a key that does not match the certificate and fails every handshake later; a
     * signature made with the key and checked with the certificate says so at start.
     */
    private static void requireMatchingKey(X509Certificate certificate, Path keyFile) throws IOException {
        String pem = Files.readString(keyFile);
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(keyFile + " is not a PKCS#8 PEM key (BEGIN PRIVATE KEY); convert it with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'");
        }
        byte[] der = java.util.Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        String algorithm = certificate.getPublicKey().getAlgorithm();
        try {
            java.security.PrivateKey privateKey = java.security.KeyFactory.getInstance(algorithm)
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
            String signatureAlgorithm = algorithm.equals("EC") ? "SHA256withECDSA" : "SHA256with" + algorithm;
            byte[] challenge = certificate.getEncoded();
            java.security.Signature sign = java.security.Signature.getInstance(signatureAlgorithm);
            sign.initSign(privateKey);
            sign.update(challenge);
            byte[] signature = sign.sign();
            java.security.Signature check = java.security.Signature.getInstance(signatureAlgorithm);
            check.initVerify(certificate.getPublicKey());
            check.update(challenge);
            if (!check.verify(signature)) {
                throw new IllegalArgumentException("cannot use " + keyFile + ": it is not the key of the first certificate");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use " + keyFile + " as the " + algorithm + " key of the first certificate: " + e.getMessage());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    public X509Certificate clusterCa() {
        return clusterCa;
    }

    SslContext server() {
        return server;
    }

    SslContext client() {
        return client;
    }

    /**
     * The same identity and trust for a JDK client (the node's HTTP forwarding to the leader): it presents this node's
     * certificate and trusts the cluster CA only.
     */
    public SSLContext jdkClientContext() {
        return ((JdkSslContext) client).context();
    }
}
