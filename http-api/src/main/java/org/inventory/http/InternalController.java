package org.inventory.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.concurrent.CompletableFuture;
import org.inventory.raft.LedgerReplica;

/**
 * Node-to-node: a follower forwards an encoded command here, to the leader, and gets the encoded result back.
 * The peer credential only, from a node the member directory knows ({@code X-Inventory-Forwarded-By}): anything
 * else is 403. A node that does not lead answers 503, and the follower asks again once it knows the new one.
 */
@Hidden
@Controller
final class InternalController {
    static final String PROPOSE = "/internal/v1/propose";
    static final String PROTOBUF = "application/x-protobuf";
    static final String READ_INDEX = "/internal/v1/read-index";

    private final LedgerReplica replica;
    private final Admission admission;
    private final NodeDirectory directory;

    InternalController(LedgerReplica replica, Admission admission, NodeDirectory directory) {
        this.replica = replica;
        this.admission = admission;
        this.directory = directory;
    }

    /** Refuses a caller that does not name itself as a member of this cluster. */
    private void fromAMember(String forwardedBy) {
        if (forwardedBy == null || directory.byNodeId(forwardedBy).isEmpty()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "unknown_peer",
                    "node-to-node requests are taken from members of this cluster only");
        }
    }

    /** The leader confirms its read index for a follower whose own ReadIndex failed (text: the index). */
    @Post(READ_INDEX)
    @Produces(io.micronaut.http.MediaType.TEXT_PLAIN)
    CompletableFuture<HttpResponse<String>> readIndex(@Nullable @Header(CommandGateway.FORWARDED_BY) String forwardedBy) {
        fromAMember(forwardedBy);
        if (!replica.isLeader()) {
            return CompletableFuture.completedFuture(HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE));
        }
        return RequestLoop.resumeHere(replica.confirmReadIndex(Reads.READ_INDEX_TIMEOUT)).handle((index, error) -> error == null
                ? HttpResponse.ok(String.valueOf(index))
                : HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE));
    }

    @Post(PROPOSE)
    @Consumes(PROTOBUF)
    @Produces(PROTOBUF)
    CompletableFuture<HttpResponse<byte[]>> propose(@Body byte[] command,
                                                    @Nullable @Header(CommandGateway.FORWARDED_BY) String forwardedBy) {
        fromAMember(forwardedBy);
        if (!replica.isLeader()) {
            return CompletableFuture.completedFuture(HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE));
        }
        if (!admission.admits()) {
            return CompletableFuture.completedFuture(HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS));
        }
        org.inventory.ledger.proto.LedgerCommand parsed;
        try {
            parsed = org.inventory.ledger.proto.LedgerCommand.parseFrom(command);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return CompletableFuture.completedFuture(HttpResponse.status(HttpStatus.BAD_REQUEST));
        }
        return RequestLoop.resumeHere(CommandGateway.proposeHere(replica, parsed, command)).handle((result, error) -> error == null
                ? HttpResponse.ok(result.toByteArray()).contentType(PROTOBUF)
                : HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE));
    }
}
