package org.inventory.http;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.sse.Event;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.inventory.ledger.Availability;
import org.inventory.raft.LedgerReplica;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Pushes availability changes to stream subscribers. A change to SOLD_OUT goes out at once; other changes of a
 * SKU are coalesced to at most one event per {@code inventory.stream.coalesce-ms} (250). The state machine only
 * hands over the names of changed SKUs; everything else happens on this class's own thread, and a subscriber
 * that does not keep up is cut off (its buffer is bounded), so no subscriber can slow the apply loop. A node takes
 * at most {@code inventory.stream.max-subscribers} (10 000) at once: each holds a connection and a buffer, and the
 * stream needs no token, so beyond that a new one is refused with 429 until others leave.
 */
@Singleton
final class AvailabilityStream {
    static final int BUFFER = 256;

    private final LedgerReplica replica;
    private final NodeSettings settings;
    private final long coalesceMs;
    private final int maxSubscribers;
    private final java.util.concurrent.atomic.AtomicInteger subscribed = new java.util.concurrent.atomic.AtomicInteger();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "availability-stream");
        t.setDaemon(true);
        return t;
    });
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    /** How many subscribers watch each SKU: changes to other SKUs are dropped on the state machine thread. */
    private final Map<String, Integer> watched = new ConcurrentHashMap<>();
    // worker-thread state
    private final Map<String, Availability> lastSent = new HashMap<>();
    private final Map<String, Long> lastSentAt = new HashMap<>();
    private final Set<String> flushScheduled = new HashSet<>();

    private record Subscriber(Set<String> skus, Sinks.Many<Event<AvailabilityJson>> sink) {
    }

    AvailabilityStream(LedgerReplica replica, NodeSettings settings, @Value("${inventory.stream.coalesce-ms:250}") long coalesceMs,
                       @Value("${inventory.stream.max-subscribers:10000}") int maxSubscribers) {
        this.replica = replica;
        this.settings = settings;
        this.coalesceMs = coalesceMs;
        this.maxSubscribers = maxSubscribers;
        replica.onSkusChanged(changed -> {
            Set<String> interesting = null;
            for (String sku : changed) {
                if (watched.containsKey(sku)) {
                    if (interesting == null) {
                        interesting = new HashSet<>();
                    }
                    interesting.add(sku);
                }
            }
            if (interesting != null) {
                Set<String> skus = interesting;
                worker.execute(() -> skus.forEach(this::changed));
            }
        });
    }

    Flux<Event<AvailabilityJson>> subscribe(Set<String> skus) {
        if (subscribed.incrementAndGet() > maxSubscribers) {
            subscribed.decrementAndGet();
            throw new ApiException(io.micronaut.http.HttpStatus.TOO_MANY_REQUESTS, "too_many_subscribers",
                    "this node streams to " + maxSubscribers + " subscribers already; retry later or on another node")
                    .retryAfter(5);
        }
        Sinks.Many<Event<AvailabilityJson>> sink = Sinks.many().unicast().onBackpressureBuffer(
                new java.util.concurrent.ArrayBlockingQueue<>(BUFFER));
        Subscriber s = new Subscriber(Set.copyOf(skus), sink);
        skus.forEach(sku -> watched.merge(sku, 1, Integer::sum));
        subscribers.add(s);
        worker.execute(() -> skus.forEach(sku -> current(sku).ifPresent(a -> emit(s, a)))); // start from the current state
        return sink.asFlux().doFinally(signal -> unsubscribe(s));
    }

    private void unsubscribe(Subscriber s) {
        if (subscribers.remove(s)) {
            subscribed.decrementAndGet();
            s.skus().forEach(sku -> watched.computeIfPresent(sku, (k, n) -> n == 1 ? null : n - 1));
        }
    }

    private Optional<Availability> current(String sku) {
        return replica.readLocal(l -> l.availability(sku));
    }

    private void changed(String sku) {
        Optional<Availability> now = current(sku);
        if (now.isEmpty() || now.get().equals(lastSent.get(sku))) {
            return;
        }
        Availability previous = lastSent.get(sku);
        boolean soldOutNow = now.get().status() == Availability.Status.SOLD_OUT
                && (previous == null || previous.status() != Availability.Status.SOLD_OUT);
        long since = System.currentTimeMillis() - lastSentAt.getOrDefault(sku, 0L);
        if (soldOutNow || since >= coalesceMs) {
            publish(sku, now.get());
        } else if (flushScheduled.add(sku)) {
            worker.schedule(() -> {
                flushScheduled.remove(sku);
                current(sku).filter(a -> !a.equals(lastSent.get(sku))).ifPresent(a -> publish(sku, a));
            }, coalesceMs - since, TimeUnit.MILLISECONDS);
        }
    }

    private void publish(String sku, Availability a) {
        lastSent.put(sku, a);
        lastSentAt.put(sku, System.currentTimeMillis());
        for (Subscriber s : subscribers) {
            if (s.skus().contains(sku)) {
                emit(s, a);
            }
        }
    }

    private void emit(Subscriber s, Availability a) {
        AvailabilityJson body = AvailabilityJson.of(a, replica.appliedIndex(), replica.stalenessMs(), settings.nodeId());
        Sinks.EmitResult result = s.sink().tryEmitNext(Event.of(body).name("availability").id(String.valueOf(replica.appliedIndex())));
        if (result.isFailure() && result != Sinks.EmitResult.FAIL_CANCELLED && result != Sinks.EmitResult.FAIL_TERMINATED) {
            // too slow to keep up (or gone): cut it off rather than buffer without bound; it may reconnect
            s.sink().tryEmitError(new IllegalStateException("subscriber too slow"));
            unsubscribe(s);
        }
    }

    @PreDestroy
    void close() {
        worker.shutdownNow();
        subscribers.forEach(s -> s.sink().tryEmitComplete());
    }
}
