package org.inventory.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stacks in async-profiler's collapsed form (with thread names) go to the layers a reader would put them in. */
class LayerProfileTest {

    private static final String LOOP = "[default-nioEventLoopGroup-1-1 tid=42];java/lang/Thread.run;io/netty/util/concurrent/SingleThreadEventExecutor$4.run;";

    @Test
    void theInnermostLayerOfARequestThreadWins() {
        assertThat(LayerProfile.classify(LOOP + "io/micronaut/http/server/RequestLifecycle.normalFlow;"
                + "org/inventory/http/ReservationController.create;org/inventory/http/JsonBody.parse;"
                + "com/fasterxml/jackson/core/json/UTF8StreamJsonParser.nextToken")).isEqualTo("JSON in (body read, checked)");
        assertThat(LayerProfile.classify(LOOP + "io/micronaut/http/filter/FilterRunner.run;org/inventory/http/AuthFilter.authorize;"
                + "java/util/HashMap.getNode")).isEqualTo("auth");
        assertThat(LayerProfile.classify(LOOP + "io/micronaut/http/server/RouteExecutor.executeRoute;io/micronaut/serde/jackson/JacksonJsonMapper.writeValue;"
                + "com/fasterxml/jackson/core/json/UTF8JsonGenerator._writeStringSegment")).isEqualTo("JSON out");
        assertThat(LayerProfile.classify(LOOP + "io/netty/channel/AbstractChannel$AbstractUnsafe.flush;sun/nio/ch/SocketChannelImpl.write;"
                + "writev;entry_SYSCALL_64_after_hwframe_[k]")).isEqualTo("write (HTTP encode, socket)");
        assertThat(LayerProfile.classify(LOOP + "io/micronaut/web/router/DefaultRouter.findClosest;java/util/HashMap.getNode"))
                .isEqualTo("routing, filters, request lifecycle");
        assertThat(LayerProfile.classify(LOOP + "io/netty/channel/epoll/Native.epollWait0;epoll_pwait2"))
                .isEqualTo("event loop (wakeups, tasks, epoll)");
    }

    @Test
    void engineThreadsAreTheEnginesUnlessTheyApplyTheLedger() {
        assertThat(LayerProfile.classify("[JRaft-LogManager-Disruptor-0 tid=7];com/lmax/disruptor/BatchEventProcessor.run;"
                + "org/rocksdb/RocksDB.write0;__GI_fdatasync")).isEqualTo(LayerProfile.ENGINE);
        assertThat(LayerProfile.classify("[Rpc-netty-server-worker-1 tid=9];io/netty/channel/epoll/Native.epollWait0"))
                .isEqualTo(LayerProfile.ENGINE);
        assertThat(LayerProfile.classify("[JRaft-FSMCaller-Disruptor-0 tid=8];com/alipay/sofa/jraft/core/FSMCallerImpl.doCommitted;"
                + "org/inventory/raft/LedgerStateMachine.onApply;org/inventory/ledger/Ledger.apply;java/util/HashMap.getNode"))
                .isEqualTo("apply (ledger)");
        assertThat(LayerProfile.classify("[GC Thread#0 tid=3];G1ParScanThreadState::trim_queue_to_threshold")).isEqualTo(LayerProfile.GC);
        assertThat(LayerProfile.classify("[C2 CompilerThread0 tid=4];PhaseChaitin::Split")).isEqualTo(LayerProfile.JIT);
        assertThat(LayerProfile.classify("[pool-3-thread-1 tid=5];java/util/concurrent/ThreadPoolExecutor.runWorker;Unsafe_Park"))
                .isEqualTo(LayerProfile.OTHER);
    }

    @Test
    void countsAreSummedPerLayer() {
        Map<String, Double> m = LayerProfile.byLayer(List.of(
                LOOP + "org/inventory/http/AuthFilter.authorize 30",
                LOOP + "org/inventory/http/Tokens.roleOf 10",
                "[GC Thread#1 tid=3];G1 60"));
        assertThat(m).containsEntry("auth", 40.0).containsEntry(LayerProfile.GC, 60.0);
        assertThat(LayerProfile.total(m)).isEqualTo(100.0);
    }
}
