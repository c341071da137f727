package org.inventory.raft;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.sofa.jraft.JRaftUtils;
import com.alipay.sofa.jraft.util.timer.Timer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CoarseRaftTimersTest {

    @Test
    void jraftLoadsTheCoarseTimersOverItsDefault() {
        assertThat(JRaftUtils.raftTimerFactory()).isInstanceOf(CoarseRaftTimers.class);
    }

    @Test
    void aCoarseTimerStillFiresItsTimeouts() throws InterruptedException {
        Timer timer = new CoarseRaftTimers().createTimer("test-timer");
        try {
            CountDownLatch fired = new CountDownLatch(1);
            long start = System.nanoTime();
            timer.newTimeout(t -> fired.countDown(), 50, TimeUnit.MILLISECONDS);
            assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(50);
        } finally {
            timer.stop();
        }
    }
}
