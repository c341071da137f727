package org.inventory.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The node's command line: it refuses to start without tokens and names what is wrong. */
class NodeMainTest {

    private static int run(String... args) {
        return new CommandLine(new NodeMain()).execute(args);
    }

    @Test
    void refusesToStartWithoutTokens() throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured));
        try {
            int code = run("--node-id", "n1", "--http", "127.0.0.1:18081", "--raft", "127.0.0.1:17081",
                    "--peers", "n1=127.0.0.1:17081@127.0.0.1:18081", "--data-dir", Files.createTempDirectory("nm").toString());
            assertThat(code).isEqualTo(2);
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString()).contains("refusing to start without tokens");
    }

    @Test
    void aTokensFileWithAMissingRoleIsRefused() throws Exception {
        Path tokens = Files.createTempFile("tokens", ".env");
        Files.writeString(tokens, "INVENTORY_ADMIN_TOKEN=admin-token-0123456789\n");
        int code = run("--node-id", "n1", "--http", "127.0.0.1:18081", "--raft", "127.0.0.1:17081",
                "--peers", "n1=127.0.0.1:17081@127.0.0.1:18081", "--data-dir", Files.createTempDirectory("nm").toString(),
                "--tokens-file", tokens.toString());
        assertThat(code).isEqualTo(2);
    }

    @Test
    void peersMustBeWellFormed() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Peer.parseList("n1=127.0.0.1:7081"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NODE_ID=RAFTHOST:PORT@HTTPHOST:PORT");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Peer.parseList("n1=127.0.0.1:99999@127.0.0.1:8081"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port out of range");
        assertThat(Peer.parseList("n1=127.0.0.10:7081@127.0.0.10:8081,n2=127.0.0.11:7082@127.0.0.11:8082")).hasSize(2);
    }

    @Test
    void tlsFlagsThatDoNotGoTogetherOrFilesThatAreNotCertificatesAreRefusedAtStart() throws Exception {
        Path tokens = Files.createTempFile("tokens", ".env");
        Files.writeString(tokens, "INVENTORY_ADMIN_TOKEN=admin-token-0123456789\nINVENTORY_CHECKOUT_TOKEN=checkout-token-0123456789\n"
                + "INVENTORY_STOCK_TOKEN=stock-token-0123456789\n");
        String[] base = {"--node-id", "n1", "--http", "127.0.0.1:18081", "--raft", "127.0.0.1:17081",
                "--peers", "n1=127.0.0.1:17081@127.0.0.1:18081", "--data-dir", Files.createTempDirectory("nm").toString(),
                "--tokens-file", tokens.toString()};
        Object[][] cases = {
                {new String[] {"--tls-cert", tokens.toString()}, "--tls-cert and --tls-key go together"},
                {new String[] {"--tls-key", tokens.toString()}, "--tls-cert and --tls-key go together"},
                {new String[] {"--tls-client-ca", tokens.toString()}, "--tls-client-ca needs them"},
                {new String[] {"--tls-cert", "/nonexistent.pem", "--tls-key", tokens.toString()}, "is not readable"},
                {new String[] {"--tls-cert", tokens.toString(), "--tls-key", tokens.toString()}, "is not a PEM certificate chain"},
        };
        for (Object[] c : cases) {
            PrintStream err = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setErr(new PrintStream(captured));
            int code;
            try {
                String[] extra = (String[]) c[0];
                String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
                System.arraycopy(extra, 0, args, base.length, extra.length);
                code = run(args);
            } finally {
                System.setErr(err);
            }
            assertThat(code).as("%s", java.util.Arrays.toString((String[]) c[0])).isEqualTo(2);
            assertThat(captured.toString()).as("%s", java.util.Arrays.toString((String[]) c[0])).contains((String) c[1]);
        }
    }
}
