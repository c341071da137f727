package org.inventory.http.cli;

import io.micronaut.json.tree.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code invctl --endpoint URL [--token T] [--json] <command>} (contract.md §3). Exit 0 on success, 1 when a change
 * is refused or a node cannot be reached (with the reason), 2 on usage errors.
 */
@Command(name = "invctl", mixinStandardHelpOptions = true, description = "Operate an inventory-store cluster.",
        subcommands = {Invctl.Status.class, Invctl.AddMember.class, Invctl.Promote.class, Invctl.RemoveMember.class,
                Invctl.TransferLeader.class, Invctl.Snapshot.class, Invctl.Digest.class, Invctl.ForceReset.class})
public final class Invctl {
    @Option(names = "--endpoint", required = true, description = "any node's HTTP URL, e.g. http://127.0.0.1:8081")
    String endpoint;

    @Option(names = "--token", defaultValue = "${env:INVENTORY_ADMIN_TOKEN}", description = "admin token (default $INVENTORY_ADMIN_TOKEN)")
    String token;

    @Option(names = "--ca", description = "PEM file of the CA to trust for an https:// endpoint (e.g. the cluster CA)")
    java.nio.file.Path ca;

    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Invctl());
        cli.setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof AdminClient.Refused refused) {
                commandLine.getErr().println("invctl: " + refused.getMessage());
                return 1;
            }
            throw e;
        });
        return cli.execute(args); // picocli answers usage errors with 2
    }

    String base() {
        return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }

    /** The other members are reached the way --endpoint is: a cluster serves HTTPS on every node or on none. */
    String scheme() {
        return endpoint.regionMatches(true, 0, "https://", 0, 8) ? "https://" : "http://";
    }

    AdminClient client() {
        if (ca != null && !java.nio.file.Files.isReadable(ca)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ca " + ca + " is not readable");
        }
        return new AdminClient(token, java.util.Optional.ofNullable(ca));
    }

    /** Prints the cluster as a table, or as JSON. */
    void printCluster(JsonNode cluster, PrintWriter out, AdminClient client) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode m : cluster.get("members").values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("node_id", AdminClient.text(m, "node_id"));
            row.put("role", AdminClient.text(m, "role"));
            row.put("raft", AdminClient.text(m, "raft"));
            row.put("http", AdminClient.text(m, "http"));
            Long applied = null;
            Long lag = null;
            String http = AdminClient.text(m, "http");
            String reachable = "down";
            if (http != null) {
                try { // each member reports its own applied index and lag
                    JsonNode self = client.get(scheme() + http + "/v1/cluster");
                    for (JsonNode s : self.get("members").values()) {
                        if (http.equals(AdminClient.text(s, "http")) && s.get("applied_index") != null && s.get("applied_index").isNumber()) {
                            applied = s.get("applied_index").getLongValue();
                            lag = s.get("lag").getLongValue();
                        }
                    }
                    reachable = "up";
                } catch (AdminClient.Refused unreachable) {
                    reachable = "down";
                }
            }
            row.put("applied_index", applied);
            row.put("lag", lag);
            row.put("state", reachable);
            rows.add(row);
        }
        if (json) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("leader", AdminClient.text(cluster, "leader"));
            all.put("term", cluster.get("term").getLongValue());
            all.put("members", rows);
            out.println(client.write(all));
            return;
        }
        out.printf("leader: %s   term: %s%n", AdminClient.text(cluster, "leader"), AdminClient.text(cluster, "term"));
        String format = "%-8s %-9s %-22s %-22s %-14s %-6s %-5s%n";
        out.printf(format, "MEMBER", "ROLE", "RAFT", "HTTP", "APPLIED INDEX", "LAG", "STATE");
        for (Map<String, Object> r : rows) {
            out.printf(format, r.get("node_id"), r.get("role"), r.get("raft"), r.get("http"),
                    r.get("applied_index") == null ? "-" : r.get("applied_index"), r.get("lag") == null ? "-" : r.get("lag"), r.get("state"));
        }
    }

    @Command
    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        Invctl parent;

        @Spec
        CommandLine.Model.CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        int showCluster() {
            AdminClient client = parent.client();
            parent.printCluster(client.get(parent.base() + "/v1/cluster"), out(), client);
            return 0;
        }
    }

    @Command(name = "status", description = "members, roles, term, applied index, lag, leader")
    static final class Status extends Sub {
        @Override
        public Integer call() {
            return showCluster();
        }
    }

    @Command(name = "add-member", description = "add a node (a voter, or a learner with --learner); waits for the commit")
    static final class AddMember extends Sub {
        @Parameters(index = "0", paramLabel = "NODE_ID") String nodeId;
        @Parameters(index = "1", paramLabel = "RAFT") String raft;
        @Parameters(index = "2", paramLabel = "HTTP") String http;
        @Option(names = "--learner") boolean learner;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("node_id", nodeId);
            body.put("raft", raft);
            body.put("http", http);
            body.put("learner", learner);
            AdminClient client = parent.client();
            client.post(parent.base() + "/v1/cluster/members", client.write(body));
            return showCluster();
        }
    }

    @Command(name = "promote", description = "turn a learner into a voter")
    static final class Promote extends Sub {
        @Parameters(paramLabel = "NODE_ID") String nodeId;

        @Override
        public Integer call() {
            parent.client().post(parent.base() + "/v1/cluster/members/" + nodeId + "/promote", "");
            return showCluster();
        }
    }

    @Command(name = "remove-member", description = "remove a member (refused for the last voter or when quorum would break)")
    static final class RemoveMember extends Sub {
        @Parameters(paramLabel = "NODE_ID") String nodeId;

        @Override
        public Integer call() {
            parent.client().delete(parent.base() + "/v1/cluster/members/" + nodeId);
            return showCluster();
        }
    }

    @Command(name = "transfer-leader", description = "hand leadership to a voter")
    static final class TransferLeader extends Sub {
        @Parameters(paramLabel = "NODE_ID") String nodeId;

        @Override
        public Integer call() {
            AdminClient client = parent.client();
            client.post(parent.base() + "/v1/cluster/leader", client.write(Map.of("node_id", nodeId)));
            return showCluster();
        }
    }

    @Command(name = "snapshot", description = "take a snapshot now on NODE_ID (default: the --endpoint node)")
    static final class Snapshot extends Sub {
        @Parameters(paramLabel = "NODE_ID", arity = "0..1") String nodeId;

        @Override
        public Integer call() {
            AdminClient client = parent.client();
            String target = parent.base();
            if (nodeId != null) {
                String http = null;
                for (JsonNode m : client.get(parent.base() + "/v1/cluster").get("members").values()) {
                    if (nodeId.equals(AdminClient.text(m, "node_id"))) {
                        http = AdminClient.text(m, "http");
                    }
                }
                if (http == null) {
                    throw new AdminClient.Refused("no member has node id " + nodeId);
                }
                target = parent.scheme() + http;
            }
            JsonNode done = client.post(target + "/v1/cluster/snapshot", "");
            out().println(parent.json ? client.write(Map.of("node_id", AdminClient.text(done, "node_id"),
                    "applied_index", done.get("applied_index").getLongValue()))
                    : "snapshot taken on " + AdminClient.text(done, "node_id") + " at applied index " + AdminClient.text(done, "applied_index"));
            return 0;
        }
    }

    @Command(name = "force-reset", description = {
            "DANGEROUS: for a cluster that lost its quorum for good. Makes NODE_ID... the only voters of the --endpoint node,",
            "without asking anyone. Writes the lost majority acknowledged and this node never received are LOST.",
            "Run it on every survivor with the same list, then add new members."})
    static final class ForceReset extends Sub {
        @Parameters(paramLabel = "NODE_ID", arity = "1..*") List<String> voters;

        @Option(names = "--i-understand-acknowledged-writes-may-be-lost", required = true,
                description = "required: says you read the warning")
        boolean understood;

        @Override
        public Integer call() {
            AdminClient client = parent.client();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("voters", voters);
            body.put("confirm", "I understand that acknowledged writes may be lost");
            client.post(parent.base() + "/v1/cluster/force-reset", client.write(body));
            return showCluster();
        }
    }

    @Command(name = "digest", description = "every member's applied index and state digest, and whether they agree")
    static final class Digest extends Sub {
        @Override
        public Integer call() throws InterruptedException {
            AdminClient client = parent.client();
            List<String> https = new ArrayList<>();
            Map<String, String> ids = new LinkedHashMap<>();
            for (JsonNode m : client.get(parent.base() + "/v1/cluster").get("members").values()) {
                String http = AdminClient.text(m, "http");
                if (http != null) {
                    https.add(http);
                    ids.put(http, AdminClient.text(m, "node_id"));
                }
            }
            // the leader ticks every 500 ms, so replicas are compared in a round where they report one applied index
            Map<String, JsonNode> round = new LinkedHashMap<>();
            boolean common = false;
            for (int attempt = 0; attempt < 50 && !common; attempt++) {
                round.clear();
                for (String http : https) {
                    try {
                        round.put(http, client.get(parent.scheme() + http + "/v1/cluster/digest"));
                    } catch (AdminClient.Refused unreachable) {
                        round.put(http, null);
                    }
                }
                common = round.values().stream().filter(java.util.Objects::nonNull)
                        .map(d -> d.get("applied_index").getLongValue()).distinct().count() == 1;
                if (!common) {
                    Thread.sleep(20);
                }
            }
            boolean agree = common && round.values().stream().filter(java.util.Objects::nonNull)
                    .map(d -> AdminClient.text(d, "digest")).distinct().count() == 1;
            List<Map<String, Object>> rows = new ArrayList<>();
            for (var e : round.entrySet()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("node_id", ids.get(e.getKey()));
                row.put("applied_index", e.getValue() == null ? null : e.getValue().get("applied_index").getLongValue());
                row.put("digest", e.getValue() == null ? null : AdminClient.text(e.getValue(), "digest"));
                rows.add(row);
            }
            if (parent.json) {
                out().println(client.write(Map.of("agree", agree, "common_index", common, "members", rows)));
            } else {
                for (Map<String, Object> r : rows) {
                    out().printf("%-8s %-14s %s%n", r.get("node_id"), r.get("applied_index") == null ? "unreachable" : r.get("applied_index"),
                            r.get("digest") == null ? "-" : r.get("digest"));
                }
                out().println(agree ? "replicas agree" : common ? "REPLICAS DISAGREE" : "no common applied index seen; try again");
            }
            return agree ? 0 : 1;
        }
    }
}
