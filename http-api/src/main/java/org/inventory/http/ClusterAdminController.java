package org.inventory.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.inventory.raft.LedgerReplica;
import org.inventory.raft.Member;
import org.inventory.raft.Members;
import org.inventory.raft.Membership;
import org.inventory.raft.MembershipChangeRefusedException;

/**
 * Cluster changes (admin): add a member (voter or learner), promote a learner, remove a member, hand leadership
 * over, snapshot now. Each answers once the change is committed, with the cluster as this node then sees it.
 */
@Controller("/v1/cluster")
final class ClusterAdminController {

    private final LedgerReplica replica;
    private final Membership membership;
    private final NodeDirectory directory;
    private final ClusterController view;
    private final NodeSettings settings;
    private final JsonMapper json;
    private final java.net.http.HttpClient http;

    ClusterAdminController(LedgerReplica replica, Membership membership, NodeDirectory directory, ClusterController view,
                           NodeSettings settings, JsonMapper json) {
        this.replica = replica;
        this.membership = membership;
        this.directory = directory;
        this.view = view;
        this.settings = settings;
        this.http = settings.peerClient(Duration.ofSeconds(2));
        this.json = json;
    }

    @Post("/members")
    CompletableFuture<HttpResponse<Map<String, Object>>> add(HttpRequest<?> request, @Nullable @Body String body) {
        JsonBody b = JsonBody.parse(body, Set.of("node_id", "raft", "http", "learner"));
        String nodeId = b.requiredString("node_id", 64);
        try {
            org.inventory.raft.Addresses.nodeId(nodeId);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("node_id must be letters, digits, '.', '_' or '-'", "node_id");
        }
        String raft = hostPort(b.requiredString("raft", 300), "raft");
        String httpAddress = hostPort(b.requiredString("http", 300), "http");
        boolean learner = b.optionalBoolean("learner");
        if (!replica.isLeader()) {
            return relayToLeader(request, body); // the directory entry must be proposed by the leader
        }
        directory.byNodeId(nodeId).filter(p -> !p.raft().equals(raft)).ifPresent(p -> {
            throw refused("node id " + nodeId + " already names " + p.raft());
        });
        directory.byRaft(raft).filter(p -> !p.nodeId().equals(nodeId)).ifPresent(p -> {
            throw refused("Raft address " + raft + " is " + p.nodeId() + "'s");
        });
        CompletableFuture<org.inventory.ledger.proto.CommandResult> registered;
        try {
            registered = replica.registerMember(new Member(nodeId, raft, httpAddress));
        } catch (IllegalArgumentException e) {
            throw refused(e.getMessage());
        }
        return registered
                .thenCompose(r -> {
                    if (r.getCode() != org.inventory.ledger.proto.ResultCode.OK) { // refused when applied
                        throw refused(r.getDetail());
                    }
                    return learner ? membership.addLearner(raft) : membership.addVoter(raft);
                })
                .handle((members, error) -> answer(error));
    }

    @Post("/members/{nodeId}/promote")
    CompletableFuture<HttpResponse<Map<String, Object>>> promote(@PathVariable String nodeId) {
        return membership.promote(raftOf(nodeId)).handle((m, error) -> answer(error));
    }

    @Delete("/members/{nodeId}")
    CompletableFuture<HttpResponse<Map<String, Object>>> remove(@PathVariable String nodeId) {
        return membership.remove(raftOf(nodeId)).handle((m, error) -> answer(error));
    }

    @Post("/leader")
    CompletableFuture<HttpResponse<Map<String, Object>>> transferLeader(@Nullable @Body String body) {
        JsonBody b = JsonBody.parse(body, Set.of("node_id"));
        String raft = raftOf(b.requiredString("node_id", 64));
        return membership.transferLeader(raft).handle((m, error) -> answer(error));
    }

    static final String CONFIRMATION = "I understand that acknowledged writes may be lost";

    /**
     * Recovery of a cluster that lost its quorum for good: forces this node's voters to the given survivors. Acts on
     * the serving node only; run it on every survivor with the same list. Refused unless the body repeats
     * {@link #CONFIRMATION} word for word.
     */
    @Post("/force-reset")
    HttpResponse<Map<String, Object>> forceReset(@Nullable @Body String body) {
        JsonBody b = JsonBody.parse(body, Set.of("voters", "confirm"));
        if (!CONFIRMATION.equals(b.optionalString("confirm", 200))) {
            throw ApiException.badRequest("this can lose acknowledged writes: send \"confirm\": \"" + CONFIRMATION + "\"", "confirm");
        }
        java.util.List<String> rafts = new java.util.ArrayList<>();
        for (Object v : b.requiredArray("voters", 1, 9)) {
            if (!(v instanceof String nodeId)) {
                throw ApiException.badRequest("voters are node ids", "voters");
            }
            rafts.add(raftOf(nodeId));
        }
        try {
            replica.forceResetVoters(rafts);
        } catch (RuntimeException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "not_ready", e.getMessage());
        }
        return HttpResponse.ok(view.cluster());
    }

    @Post("/snapshot")
    CompletableFuture<HttpResponse<Map<String, Object>>> snapshot() {
        return replica.snapshotNow().handle((v, error) -> {
            if (error != null) {
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "not_ready", "snapshot failed: " + cause(error).getMessage());
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("node_id", settings.nodeId());
            out.put("applied_index", replica.appliedIndex());
            return HttpResponse.ok(out);
        });
    }

    private HttpResponse<Map<String, Object>> answer(Throwable error) {
        if (error == null) {
            return HttpResponse.ok(view.cluster());
        }
        Throwable c = cause(error);
        if (c instanceof ApiException api) {
            throw api;
        }
        if (c instanceof MembershipChangeRefusedException) {
            throw refused(c.getMessage());
        }
        throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "not_ready", "the change was not confirmed: " + c.getMessage())
                .retryAfter(1);
    }

    private String raftOf(String nodeId) {
        return directory.byNodeId(nodeId).map(Peer::raft)
                .orElseThrow(() -> refused("no member has node id " + nodeId));
    }

    private static ApiException refused(String why) {
        return new ApiException(HttpStatus.CONFLICT, "membership_change_refused", why);
    }

    private static Throwable cause(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private static String hostPort(String text, String field) {
        try {
            return Peer.hostPort(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field + " must be HOST:PORT: " + e.getMessage(), field);
        }
    }

    /** Sends this admin request on to the leader and hands its answer back. */
    private CompletableFuture<HttpResponse<Map<String, Object>>> relayToLeader(HttpRequest<?> request, String body) {
        Peer leader = directory.leader().orElseThrow(() -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "no_leader",
                "no leader known right now").retryAfter(1));
        java.net.http.HttpRequest.Builder relay = java.net.http.HttpRequest.newBuilder(URI.create(settings.url(leader.http(), request.getPath())))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .method(request.getMethodName(), java.net.http.HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        request.getHeaders().getFirst("Authorization").ifPresent(a -> relay.header("Authorization", a));
        return http.sendAsync(relay.build(), java.net.http.HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            Map<String, Object> out;
            try {
                out = json.readValue(r.body(), Map.class);
            } catch (java.io.IOException e) {
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "not_ready", "unreadable answer from the leader");
            }
            MutableHttpResponse<Map<String, Object>> response = HttpResponse.<Map<String, Object>>status(HttpStatus.valueOf(r.statusCode())).body(out);
            r.headers().firstValue("Content-Type").ifPresent(t -> response.contentType(t));
            return response;
        });
    }
}
