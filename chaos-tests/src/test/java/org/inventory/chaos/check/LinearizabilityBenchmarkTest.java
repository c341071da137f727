package org.inventory.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.inventory.chaos.check.CheckResult.Verdict;
import org.junit.jupiter.api.Test;

/** One SKU, 20 000 operations, as a long chaos run would give it: must pass, and quickly. Prints the time. */
class LinearizabilityBenchmarkTest {

    @Test
    void twentyThousandOpsOnOneSku() {
        RandomHistory h = RandomHistory.generate(42, 1, 20_000, 25);
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        long c0 = cpu.getCurrentThreadCpuTime();
        CheckResult r = LinearizabilityCheck.check(h.events, 10_000_000);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long cpuMs = (cpu.getCurrentThreadCpuTime() - c0) / 1_000_000;
        System.out.println("benchmark: " + h.events.size() + " events, " + ms + " ms (" + cpuMs + " ms cpu): "
                + r.verdict() + " " + r.summary());
        assertThat(r.verdict()).as("%s", r.problems()).isEqualTo(Verdict.PASS);
    }
}
