package org.inventory.raft;

import com.alipay.sofa.jraft.rpc.RaftRpcServerFactory;
import com.alipay.sofa.jraft.rpc.RpcServer;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcServer;
import com.alipay.sofa.jraft.util.Endpoint;

/**
 * The replica's Raft RPC server, listening on its {@code --raft} address only. JRaft's own factory binds the port on
 * every interface, whatever host the endpoint names (BoltRaftRpcFactory passes the port alone to SOFABolt), which
 * offers the Raft port — membership changes included — on networks the operator never meant it for.
 */
final class RaftPort {
    private RaftPort() {
    }

    static RpcServer listeningOn(Endpoint endpoint) {
        // manageConnection as JRaft's factory sets it: the server keeps its connections for callbacks to clients
        RpcServer server = new BoltRpcServer(new com.alipay.remoting.rpc.RpcServer(endpoint.getIp(), endpoint.getPort(), true));
        RaftRpcServerFactory.addRaftRequestProcessors(server);
        return server;
    }
}
