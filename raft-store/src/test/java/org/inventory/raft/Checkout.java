package org.inventory.raft;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.LedgerCommand;

/**
 * What a checkout service does against the group: send a command to whoever leads, and on "not leader", "outcome
 * unknown" or a timeout, send the very same command (same idempotency key) again until it gets an answer.
 */
final class Checkout {
    private Checkout() {
    }

    static CommandResult proposeUntilAnswered(LocalGroup group, LedgerCommand command, Duration giveUpAfter)
            throws InterruptedException {
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        while (System.nanoTime() < deadline) {
            LedgerReplica leader = group.running().stream().filter(LedgerReplica::isLeader).findFirst().orElse(null);
            if (leader == null) {
                Thread.sleep(20);
                continue;
            }
            try {
                return leader.propose(command).get(3, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                Thread.sleep(20); // not leader any more, or the outcome is unknown: retry with the same key
            } catch (IllegalStateException stopped) {
                Thread.sleep(20); // the replica was stopped under us
            }
        }
        throw new AssertionError("no answer for " + command.getIdempotencyKey() + " within " + giveUpAfter);
    }
}
