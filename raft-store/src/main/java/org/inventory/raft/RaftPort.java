package org.inventory.raft;

import com.alipay.sofa.jraft.rpc.RaftRpcServerFactory;
import com.alipay.sofa.jraft.rpc.RpcServer;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcServer;
import com.alipay.sofa.jraft.util.Endpoint;

/**
 * The replica's Raft RPC server, listening on its {@code --raft} address only. JRaft's own factory binds the port on
 * every interface, whatever host the endpoint names (BoltRaftRpcFactory passes the port alone to SOFABolt), which
 * offers the Raft port — membership changes included — on networks the operator never meant it for. With
 * {@link PeerTransport#secure} in force it accepts only mutual-TLS connections from holders of a cluster certificate.
 */
final class RaftPort {
    private RaftPort() {
    }

    static RpcServer listeningOn(Endpoint endpoint) {
        // manageConnection as JRaft's factory sets it: the server keeps its connections for callbacks to clients
        com.alipay.remoting.rpc.RpcServer bolt = new com.alipay.remoting.rpc.RpcServer(endpoint.getIp(), endpoint.getPort(), true);
        PeerTransport.secureServer(bolt);
        RpcServer server = new BoltRpcServer(bolt);
        RaftRpcServerFactory.addRaftRequestProcessors(server);
        return server;
    }
}
