package org.inventory.raft;

/**
 * The replica could not do what was asked right now (shutting down, a read index that timed out, a busy log):
 * the outcome of a proposal is then unknown and a retry under the same idempotency key is the safe next step.
 */
public final class ReplicaUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReplicaUnavailableException(String message) {
        super(message);
    }
}
