package org.inventory.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bearer tokens of the three roles, read from a file of {@code INVENTORY_ADMIN_TOKEN=...},
 * {@code INVENTORY_CHECKOUT_TOKEN=...}, {@code INVENTORY_STOCK_TOKEN=...} lines (the format of .cluster/tokens.env).
 */
public final class Tokens {
    private static final int MIN_LENGTH = 16;
    private final Map<Role, byte[]> byRole;

    private Tokens(Map<Role, byte[]> byRole) {
        this.byRole = byRole;
    }

    public static Tokens read(Path file) throws IOException {
        Map<Role, byte[]> byRole = new EnumMap<>(Role.class);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String raw : lines) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(file + ": line '" + line + "' is not KEY=VALUE");
            }
            String key = line.substring(0, eq).trim();
            String value = line.substring(eq + 1).trim();
            Role role = switch (key) {
                case "INVENTORY_ADMIN_TOKEN" -> Role.ADMIN;
                case "INVENTORY_CHECKOUT_TOKEN" -> Role.CHECKOUT;
                case "INVENTORY_STOCK_TOKEN" -> Role.STOCK;
                case "INVENTORY_PEER_TOKEN" -> Role.PEER;
                default -> throw new IllegalArgumentException(file + ": unknown key " + key);
            };
            if (value.length() < MIN_LENGTH) {
                throw new IllegalArgumentException(file + ": " + key + " is shorter than " + MIN_LENGTH + " characters");
            }
            byRole.put(role, value.getBytes(StandardCharsets.UTF_8));
        }
        if (!byRole.keySet().containsAll(List.of(Role.ADMIN, Role.CHECKOUT, Role.STOCK))) {
            throw new IllegalArgumentException(file + " must define INVENTORY_ADMIN_TOKEN, INVENTORY_CHECKOUT_TOKEN and INVENTORY_STOCK_TOKEN");
        }
        byRole.computeIfAbsent(Role.PEER, r -> derivedPeerToken(byRole.get(Role.ADMIN)));
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (byte[] token : byRole.values()) {
            if (!distinct.add(new String(token, StandardCharsets.UTF_8))) {
                throw new IllegalArgumentException(file + ": two roles have the same token");
            }
        }
        return new Tokens(byRole);
    }

    /** The role of a presented token; every token is compared in constant time, so timing tells nothing. */
    public Optional<Role> roleOf(String presented) {
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        Role match = null;
        for (Map.Entry<Role, byte[]> e : byRole.entrySet()) {
            if (MessageDigest.isEqual(e.getValue(), given)) {
                match = e.getKey();
            }
        }
        return Optional.ofNullable(match);
    }

    /** What this node presents when it forwards to another. */
    String peerToken() {
        return new String(byRole.get(Role.PEER), StandardCharsets.UTF_8);
    }

    private static byte[] derivedPeerToken(byte[] adminToken) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(adminToken, "HmacSHA256"));
            byte[] derived = mac.doFinal("inventory node-to-node credential v1".getBytes(StandardCharsets.US_ASCII));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(derived).getBytes(StandardCharsets.US_ASCII);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
