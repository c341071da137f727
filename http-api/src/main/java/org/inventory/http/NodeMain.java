package org.inventory.http;

import io.micronaut.runtime.Micronaut;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar inventory-node.jar --node-id n1 --http HOST:PORT --raft HOST:PORT --peers ...} (contract.md §1). */
@Command(name = "inventory-node", mixinStandardHelpOptions = true,
        description = "One node of the inventory store: a ledger replica with the HTTP API v1.")
public final class NodeMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(NodeMain.class);

    @Option(names = "--node-id", defaultValue = "${env:INVENTORY_NODE_ID}", required = true, description = "this node's id, e.g. n1")
    String nodeId;

    @Option(names = "--http", defaultValue = "${env:INVENTORY_HTTP}", required = true, description = "HOST:PORT to serve HTTP on")
    String http;

    @Option(names = "--raft", defaultValue = "${env:INVENTORY_RAFT}", required = true, description = "HOST:PORT for Raft")
    String raft;

    @Option(names = "--peers", defaultValue = "${env:INVENTORY_PEERS}",
            description = "initial voters: n1=RAFTHOST:PORT@HTTPHOST:PORT,n2=...")
    String peers;

    @Option(names = "--join", defaultValue = "${env:INVENTORY_JOIN:-false}",
            description = "start empty and wait to be added to an existing cluster")
    boolean join;

    @Option(names = "--data-dir", defaultValue = "${env:INVENTORY_DATA_DIR}", required = true, description = "where the log and snapshots live")
    Path dataDir;

    @Option(names = "--tokens-file", defaultValue = "${env:INVENTORY_TOKENS_FILE}",
            description = "INVENTORY_ADMIN_TOKEN=..., INVENTORY_CHECKOUT_TOKEN=..., INVENTORY_STOCK_TOKEN=... lines")
    Path tokensFile;

    @Option(names = "--insecure-no-auth", defaultValue = "${env:INVENTORY_INSECURE_NO_AUTH:-false}",
            description = "serve without authentication (never in production)")
    boolean insecureNoAuth;

    @Option(names = "--tls-cert", defaultValue = "${env:INVENTORY_TLS_CERT}",
            description = "PEM: this node's certificate followed by the cluster CA (HTTPS, and mutual TLS between members)")
    Path tlsCert;

    @Option(names = "--tls-key", defaultValue = "${env:INVENTORY_TLS_KEY}", description = "PEM (PKCS#8): the key of --tls-cert")
    Path tlsKey;

    @Option(names = "--tls-client-ca", defaultValue = "${env:INVENTORY_TLS_CLIENT_CA}",
            description = "PEM: HTTP clients must present a certificate of this CA")
    Path tlsClientCa;

    @Override
    public Integer call() throws Exception {
        try {
            return start();
        } catch (IllegalArgumentException bad) {
            System.err.println("inventory-node: " + bad.getMessage());
            return 2;
        }
    }

    private int start() throws Exception {
        Optional<Tokens> tokens = Optional.empty();
        if (tokensFile != null) {
            if (!Files.isReadable(tokensFile)) {
                System.err.println("tokens file " + tokensFile + " is not readable");
                return 2;
            }
            tokens = Optional.of(Tokens.read(tokensFile));
            TokenReload.onHangup(tokens.get());
        } else if (!insecureNoAuth) {
            System.err.println("refusing to start without tokens: give --tokens-file FILE (or --insecure-no-auth for a throwaway test node)");
            return 2;
        }
        if ((tlsCert == null) != (tlsKey == null) || (tlsClientCa != null && tlsCert == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together (and --tls-client-ca needs them)");
        }
        Optional<NodeTls> tls = tlsCert == null ? Optional.empty()
                : Optional.of(NodeTls.load(tlsCert, tlsKey, Optional.ofNullable(tlsClientCa)));
        NodeSettings settings = new NodeSettings(nodeId, Peer.hostPort(http), Peer.hostPort(raft), Peer.parseList(peers),
                join, dataDir, tokens, tls);
        if (tokens.isEmpty()) {
            LOG.warn("*** INSECURE: node {} serves without authentication (--insecure-no-auth): anyone who can reach {} can change stock ***",
                    nodeId, http);
        }
        Map<String, Object> properties = new HashMap<>();
        int colon = settings.http().lastIndexOf(':');
        properties.put("micronaut.server.host", settings.http().substring(0, colon));
        int port = Integer.parseInt(settings.http().substring(colon + 1));
        properties.put("micronaut.server.port", port);
        tls.ifPresent(t -> {
            properties.putAll(t.serverProperties(port));
            // before the replica starts: its Raft port and every Raft client it makes are mutual TLS from the first
            org.inventory.raft.PeerTransport.secure(t.peer());
        });
        io.micronaut.context.ApplicationContext context = Micronaut.build(new String[0]).mainClass(NodeMain.class).banner(false)
                .singletons(settings).properties(properties).start();
        context.getBean(org.inventory.raft.LedgerReplica.class).started().whenComplete((started, failed) -> {
            if (failed != null) { // as when the replica started before the server: a node without its state stops
                LOG.error("node {} stops: its replica could not start", nodeId, failed);
                System.exit(1);
            }
        });
        return 0;
    }

    public static void main(String[] args) {
        int code = new CommandLine(new NodeMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
