package org.inventory.raft;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VmSignalGuardTest {
    @Test
    void jraftIsLoadedWithoutTakingTheJvmsUsr2Handler() throws Exception {
        VmSignalGuard.loadJraftKeepingVmHandlers();

        Class<?> node = Class.forName("com.alipay.sofa.jraft.core.NodeImpl", false, getClass().getClassLoader());
        assertThat(node).isNotNull();
        // JRaft's handler is its SignalHelper adapter; the JVM's own is a native one from sun.misc
        assertThat(VmSignalGuard.currentUsr2Handler().getClass().getName())
                .doesNotStartWith("com.alipay")
                .startsWith("sun.misc");
    }
}
