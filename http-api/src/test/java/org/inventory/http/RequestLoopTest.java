package org.inventory.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestLoopTest {
    private final DefaultEventLoop loop = new DefaultEventLoop();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void aContinuationRunsOnTheLoopThatStartedTheRequestNotOnTheThreadThatCompletedIt() throws Exception {
        CompletableFuture<String> work = new CompletableFuture<>();
        AtomicReference<Thread> loopThread = new AtomicReference<>();
        CompletableFuture<Thread> continuedOn = loop.submit(() -> {
            loopThread.set(Thread.currentThread());
            return RequestLoop.resumeHere(work).thenApply(result -> Thread.currentThread());
        }).get(5, TimeUnit.SECONDS);

        Thread raftApply = new Thread(() -> work.complete("applied"), "JRaft-FSMCaller-Disruptor-test");
        raftApply.start();
        raftApply.join();

        assertThat(continuedOn.get(5, TimeUnit.SECONDS)).isSameAs(loopThread.get()).isNotSameAs(raftApply);
    }

    @Test
    void failuresTravelTheSameWay() throws Exception {
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletableFuture<String> resumed = loop.submit(() -> RequestLoop.resumeHere(work)).get(5, TimeUnit.SECONDS);
        work.completeExceptionally(new IllegalStateException("no quorum"));
        assertThat(resumed).failsWithin(5, TimeUnit.SECONDS).withThrowableThat().havingRootCause().withMessage("no quorum");
    }

    @Test
    void offAnEventLoopTheFutureIsReturnedAsItIs() {
        CompletableFuture<String> work = new CompletableFuture<>();
        assertThat(RequestLoop.resumeHere(work)).isSameAs(work);
    }
}
