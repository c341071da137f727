package org.inventory.raft;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A cluster CA and node certificates made by the product's own script (deploy/make-certs.sh, openssl). */
final class TestCertificates {
    private TestCertificates() {
    }

    static Path script() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path s = p.resolve("deploy/make-certs.sh");
            if (Files.isExecutable(s)) {
                return s;
            }
        }
        throw new IllegalStateException("deploy/make-certs.sh not found above " + Path.of("").toAbsolutePath());
    }

    /** Certificates for {@code nodes} ("n1", ...) valid for 127.0.0.1, in a new directory under {@code parent}. */
    static Path make(Path parent, String... nodes) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(parent, "certs-");
        List<String> command = new ArrayList<>(List.of(script().toString(), dir.toString()));
        for (String n : nodes) {
            command.add(n + "=127.0.0.1");
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("make-certs.sh failed: " + out);
        }
        return dir;
    }

    static PeerTls node(Path dir, String node) throws IOException {
        return PeerTls.fromPem(dir.resolve(node + ".pem"), dir.resolve(node + ".key"));
    }
}
