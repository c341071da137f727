package org.inventory.http;

import io.micronaut.http.HttpStatus;

/**
 * The leader refused this node's own credential (401: the peer token differs, 403: this node is not in its member
 * directory). Retrying does not help and it is not the client's doing, so the client hears it at once as what it
 * is — a misconfigured cluster — rather than as 503 {@code no_leader} after the forwarding patience runs out.
 */
final class PeerRefusal {
    private PeerRefusal() {
    }

    static boolean is(int status) {
        return status == 401 || status == 403;
    }

    static ApiException of(Peer leader, int status, String selfNodeId) {
        return new ApiException(HttpStatus.BAD_GATEWAY, "peer_refused", "leader " + leader.nodeId() + " refused node "
                + selfNodeId + "'s peer credential (" + status + (status == 401
                ? "): every node needs the same tokens file (INVENTORY_PEER_TOKEN or the admin token it is derived from)"
                : "): this node is not in the leader's member directory") + "; send the request to the leader meanwhile");
    }
}
