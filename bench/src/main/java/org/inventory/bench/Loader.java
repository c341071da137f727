package org.inventory.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Bulk setup through the HTTP API with the JDK HttpClient: {@code count} requests, at most {@code concurrency} in
 * flight, each retried (the same request, so the same Idempotency-Key) on 429, 503 or a socket error. Used to create
 * the SKU catalogue and the scale run's live reservations: it is not a measured load generator (wrk is).
 */
final class Loader {
    record Stats(long ok, long failed, long retries, double seconds, String firstFailure) {
        double perSecond() {
            return seconds > 0 ? ok / seconds : 0;
        }
    }

    private static final int MAX_ATTEMPTS = 60;

    private Loader() {
    }

    static Stats run(int count, int concurrency, IntFunction<HttpRequest> request) throws InterruptedException {
        return run(count, concurrency, request, 1, r -> 1);
    }

    /**
     * {@code count} requests of {@code itemsEach} items each; {@code itemsDone} says how many items of a 2xx answer
     * succeeded (a batch answers 200 whatever its items did). Stats count items.
     */
    static Stats run(int count, int concurrency, IntFunction<HttpRequest> request, int itemsEach,
                     java.util.function.ToIntFunction<HttpResponse<String>> itemsDone) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        AtomicReference<String> first = new AtomicReference<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            HttpRequest r = request.apply(i);
            attempt(r, 1, retries).whenComplete((resp, error) -> {
                int done = error == null && resp.statusCode() / 100 == 2 ? itemsDone.applyAsInt(resp) : 0;
                ok.addAndGet(done);
                if (done < itemsEach) {
                    failed.addAndGet(itemsEach - done);
                    first.compareAndSet(null, error != null ? error.toString()
                            : resp.statusCode() + " " + resp.body().substring(0, Math.min(400, resp.body().length())));
                }
                inFlight.release();
            });
        }
        inFlight.acquire(concurrency);
        return new Stats(ok.get(), failed.get(), retries.get(), (System.nanoTime() - t0) / 1e9, first.get());
    }

    private static CompletableFuture<HttpResponse<String>> attempt(HttpRequest r, int n, AtomicLong retries) {
        return Http.CLIENT.sendAsync(r, HttpResponse.BodyHandlers.ofString()).handle((resp, error) -> {
            boolean retry = error != null || resp.statusCode() == 429 || resp.statusCode() == 503;
            if (!retry || n >= MAX_ATTEMPTS) {
                return error == null ? CompletableFuture.completedFuture(resp)
                        : CompletableFuture.<HttpResponse<String>>failedFuture(error);
            }
            retries.incrementAndGet();
            return CompletableFuture.supplyAsync(() -> null,
                    CompletableFuture.delayedExecutor(Math.min(1000, 20L * n), TimeUnit.MILLISECONDS))
                    .thenCompose(x -> attempt(r, n + 1, retries));
        }).thenCompose(f -> f);
    }
}
