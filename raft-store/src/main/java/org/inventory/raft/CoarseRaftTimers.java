package org.inventory.raft;

import com.alipay.sofa.jraft.util.NamedThreadFactory;
import com.alipay.sofa.jraft.util.SPI;
import com.alipay.sofa.jraft.util.timer.DefaultRaftTimerFactory;
import com.alipay.sofa.jraft.util.timer.HashedWheelTimer;
import com.alipay.sofa.jraft.util.timer.Timer;
import java.util.concurrent.TimeUnit;

/**
 * JRaft's timers (election, vote, step-down, snapshot) with a 10 ms tick instead of 1 ms. Each of a node's four
 * timers is a wheel whose thread wakes every tick whether or not anything is due: at 1 ms that was ~7 % of a
 * follower's CPU under load (async-profiler, docs/performance.md) for deadlines of hundreds of milliseconds and more,
 * which a 10 ms tick still meets well within their own randomisation. Chosen by JRaft's service loader over its
 * default factory (higher {@link SPI#priority}); everything else is the default factory's.
 */
@SPI(priority = 100)
public final class CoarseRaftTimers extends DefaultRaftTimerFactory {
    static final long TICK_MS = 10;

    @Override
    public Timer createTimer(String name) {
        return new HashedWheelTimer(new NamedThreadFactory(name, true), TICK_MS, TimeUnit.MILLISECONDS, 512);
    }
}
