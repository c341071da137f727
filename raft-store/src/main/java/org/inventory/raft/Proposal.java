package org.inventory.raft;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.error.RaftError;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.inventory.ledger.proto.CommandResult;

/**
 * One proposed command, waiting for its entry to be applied on this (leader) replica. The state machine puts the
 * result in before it runs the closure; a failure status means the entry may or may not commit later.
 */
final class Proposal implements Closure {
    final CompletableFuture<CommandResult> future = new CompletableFuture<>();
    private final Supplier<String> leaderHint;
    volatile CommandResult result;

    Proposal(Supplier<String> leaderHint) {
        this.leaderHint = leaderHint;
    }

    @Override
    public void run(Status status) {
        if (status.isOk()) {
            future.complete(result);
        } else if (status.getRaftError() == RaftError.EPERM) {
            future.completeExceptionally(new NotLeaderException(leaderHint.get(), "not the leader: " + status.getErrorMsg()));
        } else {
            future.completeExceptionally(new ReplicaUnavailableException("proposal outcome unknown: " + status));
        }
    }
}
