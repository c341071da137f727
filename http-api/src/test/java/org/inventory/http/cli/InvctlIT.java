package org.inventory.http.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** invctl against real node processes: every command, and each error path's exit code and message. */
class InvctlIT {
    record Result(int code, String out, String err) {
    }

    private static Result invctl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Invctl.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private static String[] as(String endpoint, String token, String... command) {
        List<String> args = new ArrayList<>(List.of("--endpoint", endpoint, "--token", token));
        args.addAll(List.of(command));
        return args.toArray(String[]::new);
    }

    @Test
    void operatesARealCluster() throws Exception {
        try (TestNodes nodes = new TestNodes(3)) {
            nodes.awaitLeader(Duration.ofSeconds(60));
            String n1 = nodes.url(0, "");
            String admin = TestNodes.ADMIN;

            Result status = invctl(as(n1, admin, "status"));
            assertThat(status.code()).as(status.err()).isZero();
            assertThat(status.out()).contains("leader: n").contains("MEMBER").contains("n1").contains("n2").contains("n3")
                    .contains("LEADER").doesNotContain("down");
            Result json = invctl(as(n1, admin, "--json", "status"));
            assertThat(json.out()).startsWith("{\"leader\":\"n").contains("\"members\":[");

            Result digest = invctl(as(n1, admin, "digest"));
            assertThat(digest.code()).as(digest.out() + digest.err()).isZero();
            assertThat(digest.out()).contains("replicas agree");

            int n4 = nodes.startJoining("n4");
            Result added = invctl(as(nodes.url(1, ""), admin, "add-member", "n4", nodes.raftAddresses.get(n4),
                    nodes.httpAddresses.get(n4), "--learner"));
            assertThat(added.code()).as(added.err()).isZero();
            assertThat(added.out()).contains("n4").contains("LEARNER");
            Result[] lastPromote = new Result[1];
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> (lastPromote[0] = invctl(as(n1, admin, "promote", "n4"))).code() == 0);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("promote kept failing: " + lastPromote[0], e);
            }
            assertThat(invctl(as(n1, admin, "status")).out()).containsPattern("n4\\s+FOLLOWER");
            Result transfer = invctl(as(n1, admin, "transfer-leader", "n4"));
            assertThat(transfer.code()).as(transfer.err()).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> invctl(as(n1, admin, "status")).out().contains("leader: n4"));
            assertThat(invctl(as(n1, admin, "transfer-leader", "n1")).code()).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> invctl(as(n1, admin, "status")).out().contains("leader: n1"));
            Result removed = invctl(as(n1, admin, "remove-member", "n4"));
            assertThat(removed.code()).as(removed.err()).isZero();
            assertThat(removed.out()).doesNotContain("n4 ");
            Result snapshot = invctl(as(n1, admin, "snapshot", "n2"));
            assertThat(snapshot.code()).as(snapshot.err()).isZero();
            assertThat(snapshot.out()).contains("snapshot taken on n2");

            // error paths: exit 1 with the reason, 2 for usage
            Result unknown = invctl(as(n1, admin, "remove-member", "n9"));
            assertThat(unknown.code()).isEqualTo(1);
            assertThat(unknown.err()).contains("membership_change_refused").contains("n9");
            Result badToken = invctl(as(n1, "not-the-token-123456", "remove-member", "n2"));
            assertThat(badToken.code()).isEqualTo(1);
            assertThat(badToken.err()).contains("401");
            int closed;
            try (ServerSocket s = new ServerSocket(0)) {
                closed = s.getLocalPort();
            }
            Result unreachable = invctl(as("http://127.0.0.1:" + closed, admin, "status"));
            assertThat(unreachable.code()).isEqualTo(1);
            assertThat(unreachable.err()).contains("cannot reach");
            assertThat(invctl(as(n1, admin, "add-member", "n5")).code()).as("missing arguments").isEqualTo(2);
            assertThat(invctl("status").code()).as("no --endpoint").isEqualTo(2);

            // quorum: with n3 dead, removing n2 would leave n1 alone of {n1, n3}
            nodes.kill(2);
            await().atMost(Duration.ofSeconds(30)).until(() -> java.util.regex.Pattern.compile("n3 .*down").matcher(invctl(as(n1, admin, "status")).out()).find());
            Thread.sleep(2_500); // past the leader's lease: n3 no longer counts as live
            Result quorum = invctl(as(n1, admin, "remove-member", "n2"));
            assertThat(quorum.code()).as(quorum.out()).isEqualTo(1);
            assertThat(quorum.err()).contains("quorum");
        }
    }

    /** The node processes of the http-api integration tests, reached from this package. */
    static final class TestNodes extends org.inventory.http.NodeProcessesAccess {
        TestNodes(int n) throws Exception {
            super(n);
        }
    }
}
