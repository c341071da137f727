package org.inventory.raft;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Keeps the JVM's own SIGUSR2 handler. JRaft's NodeImpl, when its class loads, puts Java handlers on USR2 that
 * write node_describe / node_metrics / thread_pool_metrics files into the working directory. HotSpot on Linux uses
 * USR2 to suspend threads (JFR's execution sampler), so on a node with JRaft's handlers a JFR recording sampled
 * nothing, started a thread and wrote three files per sample, and cut the node's throughput by ~10×. The node's
 * state is on /metrics and /v1/cluster instead.
 */
final class VmSignalGuard {
    private static final Signal USR2 = new Signal("USR2");
    private static volatile boolean done;

    private VmSignalGuard() {
    }

    /** Loads JRaft's node class with the JVM's USR2 handler saved, and puts that handler back afterwards. */
    static synchronized void loadJraftKeepingVmHandlers() {
        if (done) return;
        done = true;
        SignalHandler vm;
        try {
            vm = Signal.handle(USR2, SignalHandler.SIG_IGN);
            Signal.handle(USR2, vm);
        } catch (IllegalArgumentException | UnsupportedOperationException refused) {
            initialize(); // a platform without USR2 for Java code: JRaft cannot take it either
            return;
        }
        initialize();
        Signal.handle(USR2, vm);
    }

    /** The handler now on USR2 (test hook: swaps it out and back, like the guard itself). */
    static SignalHandler currentUsr2Handler() {
        SignalHandler now = Signal.handle(USR2, SignalHandler.SIG_IGN);
        Signal.handle(USR2, now);
        return now;
    }

    private static void initialize() {
        try {
            Class.forName("com.alipay.sofa.jraft.core.NodeImpl", true, VmSignalGuard.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("jraft-core is not on the class path", e);
        }
    }
}
