package org.inventory.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each tokens file gives, and what each bad one gets. */
class TokensTest {
    @TempDir
    Path dir;

    private Tokens read(String content) throws Exception {
        Path file = dir.resolve("tokens.env");
        Files.writeString(file, content);
        return Tokens.read(file);
    }

    private static final String THREE = "INVENTORY_ADMIN_TOKEN=admin-0123456789abcdef\n"
            + "INVENTORY_CHECKOUT_TOKEN=checkout-0123456789abcdef\nINVENTORY_STOCK_TOKEN=stock-0123456789abcdef\n";

    @Test
    void withoutAPeerTokenNodesSharingTheFileDeriveTheSameOneAndItIsNotTheAdminToken() throws Exception {
        Tokens a = read(THREE);
        Tokens b = read("# the same file, written again\n" + THREE);
        assertThat(a.peerToken()).isEqualTo(b.peerToken()).isNotEqualTo("admin-0123456789abcdef").hasSizeGreaterThan(40);
        assertThat(a.roleOf(a.peerToken())).contains(Role.PEER);
        assertThat(a.roleOf("admin-0123456789abcdef")).contains(Role.ADMIN);
        Tokens otherAdmin = read(THREE.replace("admin-0123456789abcdef", "admin-fedcba9876543210"));
        assertThat(otherAdmin.peerToken()).isNotEqualTo(a.peerToken());
    }

    @Test
    void aPeerTokenGivenIsTheOneUsed() throws Exception {
        Tokens t = read(THREE + "INVENTORY_PEER_TOKEN=peer-0123456789abcdef\n");
        assertThat(t.peerToken()).isEqualTo("peer-0123456789abcdef");
        assertThat(t.roleOf("peer-0123456789abcdef")).contains(Role.PEER);
    }

    @Test
    void badFilesAreRefusedByName() {
        assertThatThrownBy(() -> read("INVENTORY_ADMIN_TOKEN=admin-0123456789abcdef\n"))
                .hasMessageContaining("must define INVENTORY_ADMIN_TOKEN, INVENTORY_CHECKOUT_TOKEN and INVENTORY_STOCK_TOKEN");
        assertThatThrownBy(() -> read(THREE + "INVENTORY_PEER_TOKEN=short\n")).hasMessageContaining("shorter than 16");
        assertThatThrownBy(() -> read(THREE + "INVENTORY_PEER_TOKEN=admin-0123456789abcdef\n"))
                .hasMessageContaining("have the same token");
        assertThatThrownBy(() -> read(THREE + "INVENTORY_ROOT_TOKEN=root-0123456789abcdef\n")).hasMessageContaining("unknown key");
    }

    @Test
    void thePeerRoleAndThePersonsRolesDoNotOverlap() {
        assertThat(Role.ADMIN.permits(Role.PEER)).isFalse();
        assertThat(Role.PEER.permits(Role.ADMIN)).isFalse();
        assertThat(Role.PEER.permits(Role.CHECKOUT)).isFalse();
        assertThat(Role.PEER.permits(Role.PEER)).isTrue();
        assertThat(Role.ADMIN.permits(Role.STOCK)).isTrue();
    }

    @Test
    void aRolesSecondTokenIsAcceptedAndNeverSent() throws Exception {
        Tokens t = read(THREE + "INVENTORY_STOCK_TOKEN_2=stock-next-0123456789\nINVENTORY_ADMIN_TOKEN_2=admin-next-0123456789\n");
        assertThat(t.roleOf("stock-0123456789abcdef")).contains(Role.STOCK);
        assertThat(t.roleOf("stock-next-0123456789")).contains(Role.STOCK);
        Tokens withoutSecond = read(THREE);
        Tokens nextOnly = read(THREE.replace("admin-0123456789abcdef", "admin-next-0123456789"));
        assertThat(t.peerToken()).as("the first admin token's peer credential is sent").isEqualTo(withoutSecond.peerToken());
        assertThat(t.roleOf(nextOnly.peerToken())).as("the second's is accepted").contains(Role.PEER);
        assertThatThrownBy(() -> read(THREE + "INVENTORY_STOCK_TOKEN_2=stock-0123456789abcdef\n"))
                .hasMessageContaining("the same token");
        assertThatThrownBy(() -> read(THREE + "INVENTORY_STOCK_TOKEN=stock-other-0123456789\n")).hasMessageContaining("given twice");
    }

    @Test
    void reloadTakesANewFileAndKeepsTheTokensInForceWhenTheFileIsBroken() throws Exception {
        Tokens t = read(THREE);
        Path file = dir.resolve("tokens.env");
        Files.writeString(file, THREE.replace("stock-0123456789abcdef", "stock-rotated-0123456789"));
        assertThat(t.reload()).isTrue();
        assertThat(t.roleOf("stock-rotated-0123456789")).contains(Role.STOCK);
        assertThat(t.roleOf("stock-0123456789abcdef")).isEmpty();

        Files.writeString(file, "INVENTORY_ADMIN_TOKEN=short\n");
        assertThat(t.reload()).isFalse();
        assertThat(t.roleOf("stock-rotated-0123456789")).contains(Role.STOCK);
        Files.delete(file);
        assertThat(t.reload()).isFalse();
        assertThat(t.roleOf("stock-rotated-0123456789")).contains(Role.STOCK);
    }
}
