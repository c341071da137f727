package org.inventory.raft;

import com.alipay.remoting.ExtendedNettyChannelHandler;
import com.alipay.remoting.config.BoltClientOption;
import com.alipay.remoting.config.BoltServerOption;
import com.alipay.sofa.jraft.rpc.RpcClient;
import com.alipay.sofa.jraft.rpc.impl.BoltRaftRpcFactory;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcClient;
import com.alipay.sofa.jraft.util.SPI;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.SslContext;
import java.util.List;
import java.util.Optional;

/**
 * How this process's Raft connections are secured: plain, or mutual TLS with the cluster CA ({@link PeerTls}).
 *
 * <p>JRaft makes every RPC client — replicators, votes, read index, the CliService membership uses — through one
 * process-wide factory found by its service loader, so the choice is process-wide too: a node calls
 * {@link #secure(PeerTls)} before its replica starts. This factory is JRaft's Bolt factory (chosen over it by a higher
 * {@link SPI#priority}) with SOFABolt's extension hook putting a TLS handler first in each client pipeline; the
 * server side ({@link RaftPort}) does the same. SOFABolt's own TLS switches want a keystore file and a password and
 * trust whatever that keystore holds; this keeps the PEM files operators already have and trusts the CA alone.
 */
@SPI(priority = 100)
public final class PeerTransport extends BoltRaftRpcFactory {
    private static volatile PeerTls tls;

    /** From now on every Raft connection this process opens or accepts is mutual TLS with {@code peerTls}. */
    public static void secure(PeerTls peerTls) {
        tls = peerTls;
    }

    /** Plain connections again (tests that run secured and plain clusters in one JVM). */
    public static void plain() {
        tls = null;
    }

    static Optional<PeerTls> current() {
        return Optional.ofNullable(tls);
    }

    @Override
    public RpcClient createRpcClient(ConfigHelper<RpcClient> helper) {
        com.alipay.remoting.rpc.RpcClient bolt = new com.alipay.remoting.rpc.RpcClient();
        current().ifPresent(t -> bolt.option(BoltClientOption.EXTENDED_NETTY_CHANNEL_HANDLER, handlers(t.client())));
        RpcClient client = new BoltRpcClient(bolt);
        if (helper != null) {
            helper.config(client);
        }
        return client;
    }

    static void secureServer(com.alipay.remoting.rpc.RpcServer bolt) {
        current().ifPresent(t -> bolt.option(BoltServerOption.EXTENDED_NETTY_CHANNEL_HANDLER, handlers(t.server())));
    }

    /** A fresh TLS handler for each connection, ahead of Bolt's codec. */
    private static ExtendedNettyChannelHandler handlers(SslContext context) {
        return new ExtendedNettyChannelHandler() {
            @Override
            public List<ChannelHandler> frontChannelHandlers() {
                // the JDK engine does not allocate through this allocator; Netty's SslHandler uses the channel's own
                return List.of(context.newHandler(ByteBufAllocator.DEFAULT));
            }

            @Override
            public List<ChannelHandler> backChannelHandlers() {
                return List.of();
            }
        };
    }
}
