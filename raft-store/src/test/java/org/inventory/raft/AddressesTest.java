package org.inventory.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AddressesTest {

    @Test
    void hostsAndPortsInFormAreTakenAsTheyAre() {
        for (String ok : List.of("127.0.0.1:7081", "node-1.example.com:8080", "localhost:1", "[::1]:65535", "a:80",
                "10.0.0.255:7000", "db01:5432")) {
            assertThat(Addresses.hostPort(ok)).isEqualTo(ok);
        }
    }

    @Test
    void everythingElseIsRefusedSayingWhat() {
        Object[][] bad = {
                {"a\nb:1", "not a host name"}, {"a b:8080", "not a host name"}, {"host", "not HOST:PORT"}, {":80", "not HOST:PORT"},
                {"host:", "not HOST:PORT"}, {"host:0", "port out of range"}, {"host:65536", "port out of range"},
                {"host:80a", "not a number"}, {"host:-1", "not a number"}, {"300.1.1.1:80", "not a host name"},
                {"-bad.example:80", "not a host name"}, {"bad-.example:80", "not a host name"}, {"a..b:80", "not a host name"},
                {"[::1:80", "not a host name"}, {"h\u00f6st:80", "not a host name"}, {"1.2.3:80", "not a host name"},
        };
        for (Object[] b : bad) {
            assertThatThrownBy(() -> Addresses.hostPort((String) b[0])).as("%s", b[0])
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining((String) b[1]);
        }
        assertThatThrownBy(() -> Addresses.hostPort("a\nb:1")).hasMessageContaining("\\u000a"); // said printably
    }

    @Test
    void nodeIds() {
        assertThat(Addresses.nodeId("n1")).isEqualTo("n1");
        assertThat(Addresses.nodeId("east-2.node_7")).isEqualTo("east-2.node_7");
        for (String bad : List.of("", "-n1", "n 1", "n1\n", "n\u00e9", "x".repeat(65))) {
            assertThatThrownBy(() -> Addresses.nodeId(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
