package org.inventory.raft;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far this replica's local reads may be behind the leader: the time since its applied index was last known to
 * have reached the leader's commit index. Every {@code interval} the replica asks for a read index (a quorum
 * confirms the leader and its commit index; JRaft answers once this replica has applied that far); when one is
 * confirmed, everything committed before it was sent is in the local state. A follower cut off or lagging, a leader
 * deposed or paused: their probes stop being confirmed and the figure grows with the time they are behind.
 */
final class Freshness implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Freshness.class);

    private final TimeSource time;
    private final Duration interval;
    private final long probeTimeoutMs;
    private final BiConsumer<Long, Consumer<Boolean>> askReadIndex;
    private final ScheduledExecutorService scheduler;
    private volatile long confirmedAsOf;
    private volatile long probeSentAt;
    private volatile boolean probing;

    /**
     * @param askReadIndex asks for a read index with a timeout in ms, and calls back with whether it was confirmed and
     *                     applied here
     */
    Freshness(String name, TimeSource time, Duration interval, BiConsumer<Long, Consumer<Boolean>> askReadIndex) {
        this.time = time;
        this.interval = interval;
        this.probeTimeoutMs = Math.max(1_000, interval.toMillis() * 10);
        this.askReadIndex = askReadIndex;
        this.confirmedAsOf = time.monotonicNanos(); // nothing is known yet: as stale as the replica is old
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "freshness-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        long ms = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::probe, 0, ms, TimeUnit.MILLISECONDS);
    }

    long stalenessMs() {
        return Math.max(0, (time.monotonicNanos() - confirmedAsOf) / 1_000_000);
    }

    private void probe() {
        long sent = time.monotonicNanos();
        // one probe at a time; a probe that never answers (it should time out) does not block the next for long
        if (probing && (sent - probeSentAt) / 1_000_000 < 2 * probeTimeoutMs) {
            return;
        }
        probing = true;
        probeSentAt = sent;
        try {
            askReadIndex.accept(probeTimeoutMs, confirmed -> {
                if (confirmed) {
                    confirm(sent);
                }
                probing = false;
            });
        } catch (RuntimeException e) {
            probing = false;
            LOG.debug("freshness probe not sent: {}", e.toString());
        }
    }

    private synchronized void confirm(long sentAt) {
        if (sentAt > confirmedAsOf) {
            confirmedAsOf = sentAt;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
