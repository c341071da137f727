package org.inventory.http;

import java.time.Duration;
import java.util.List;

/** Lets tests in other packages drive {@link NodeProcesses}. */
public class NodeProcessesAccess implements AutoCloseable {
    public static final String ADMIN = NodeProcesses.ADMIN;
    public static final String CHECKOUT = NodeProcesses.CHECKOUT;
    public static final String STOCK = NodeProcesses.STOCK;
    private final NodeProcesses nodes;
    public final List<String> httpAddresses;
    public final List<String> raftAddresses;

    public NodeProcessesAccess(int n) throws Exception {
        this(n, false);
    }

    public NodeProcessesAccess(int n, boolean tls) throws Exception {
        nodes = new NodeProcesses(n, tls);
        httpAddresses = nodes.httpAddresses;
        raftAddresses = nodes.raftAddresses;
    }

    public void awaitLeader(Duration within) throws InterruptedException {
        nodes.awaitLeader(within);
    }

    public java.nio.file.Path ca() {
        return nodes.ca();
    }

    public String url(int node, String path) {
        return nodes.url(node, path);
    }

    public int startJoining(String nodeId) throws Exception {
        return nodes.startJoining(nodeId);
    }

    public java.net.http.HttpResponse<String> send(String url, String method, String token, String key, String body)
            throws Exception {
        return nodes.send(url, method, token, key, body);
    }

    public void restart(int i) throws Exception {
        nodes.restart(i);
    }

    public void kill(int i) throws InterruptedException {
        nodes.kill(i);
    }

    @Override
    public void close() throws Exception {
        nodes.close();
    }
}
