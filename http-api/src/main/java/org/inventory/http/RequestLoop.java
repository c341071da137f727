package org.inventory.http;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.concurrent.CompletableFuture;

/**
 * Brings a request's continuation back to the Netty event loop that received it. Raft completes proposals and read
 * indexes on its own threads — a write's on JRaft's single apply thread — and a CompletableFuture runs dependents
 * on the completing thread, so without this hop building and writing every response (JSON, headers, the socket
 * write) ran on the apply thread: ~90 % of its time at 64 clients (JFR, docs/performance.md), serialising the
 * whole node behind one thread.
 *
 * <p>{@code ThreadExecutorMap} sits in Netty's internal package but is how Netty itself names the loop a thread
 * runs; the alternative, taking the channel's loop from each request, would thread the request through every
 * controller method for the same answer.
 */
final class RequestLoop {
    private RequestLoop() {
    }

    /** {@code work}'s outcome, delivered on the calling event loop; as is when not called on one (tests, timers). */
    static <T> CompletableFuture<T> resumeHere(CompletableFuture<T> work) {
        EventExecutor loop = ThreadExecutorMap.currentExecutor();
        if (loop == null || work.isDone()) {
            return work;
        }
        return work.whenCompleteAsync((result, error) -> { }, loop);
    }
}
