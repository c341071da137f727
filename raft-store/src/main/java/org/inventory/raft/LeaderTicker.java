package org.inventory.raft;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * While this replica leads, proposes a Tick at a steady cadence: holds expire cluster-wide on the leader's clock
 * even when no other command flows. No replica ever expires a hold on its own clock.
 */
final class LeaderTicker implements LeadershipListener, AutoCloseable {
    private final Duration interval;
    private final Runnable proposeTick;
    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> ticking;

    LeaderTicker(String name, Duration interval, Runnable proposeTick) {
        this.interval = interval;
        this.proposeTick = proposeTick;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "leader-ticker-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public synchronized void leaderStarted(long term) {
        if (ticking == null) {
            long ms = interval.toMillis();
            ticking = scheduler.scheduleAtFixedRate(proposeTick, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void leaderStopped() {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }

    @Override
    public void close() {
        leaderStopped();
        scheduler.shutdownNow();
    }
}
