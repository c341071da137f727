package org.inventory.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer tokens of the three roles, read from a file of {@code INVENTORY_ADMIN_TOKEN=...},
 * {@code INVENTORY_CHECKOUT_TOKEN=...}, {@code INVENTORY_STOCK_TOKEN=...} lines (the format of .cluster/tokens.env),
 * and optionally the nodes' own credential {@code INVENTORY_PEER_TOKEN=...}. Without one, the peer credential is
 * derived from the admin token (HMAC-SHA256), so nodes sharing a tokens file agree on it and forwarding never sends
 * the admin token itself.
 *
 * <p>Each role may have a second token, {@code INVENTORY_<ROLE>_TOKEN_2}: accepted like the first, never sent by a
 * node. That is how a token is rotated without downtime (docs/security.md): the new one is added as the second,
 * then swapped with the first, then the old one dropped, the file re-read by every node ({@link #reload}, on SIGHUP)
 * after each step. A file that does not read is refused whole and the tokens in force stay.
 */
public final class Tokens {
    private static final Logger LOG = LoggerFactory.getLogger(Tokens.class);
    private static final int MIN_LENGTH = 16;
    private static final String SECOND = "_2";

    /** What one reading of the file gave: the tokens each role presents first, and every token accepted. */
    private record Parsed(Map<Role, byte[]> first, List<Map.Entry<Role, byte[]>> accepted) {
    }

    private final Path file;
    private volatile Parsed current;

    private Tokens(Path file, Parsed parsed) {
        this.file = file;
        this.current = parsed;
    }

    public static Tokens read(Path file) throws IOException {
        return new Tokens(file, parse(file));
    }

    /**
     * Reads the file again. Returns whether the new tokens are in force; when the file does not read (or fails a
     * check), says why in the log and keeps the tokens in force.
     */
    public boolean reload() {
        try {
            current = parse(file);
            LOG.info("tokens re-read from {}", file);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            LOG.error("tokens file {} not taken, the tokens in force stay: {}", file, e.getMessage());
            return false;
        }
    }

    private static Parsed parse(Path file) throws IOException {
        Map<Role, byte[]> first = new EnumMap<>(Role.class);
        Map<Role, byte[]> second = new EnumMap<>(Role.class);
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
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
            boolean isSecond = key.endsWith(SECOND);
            Role role = switch (isSecond ? key.substring(0, key.length() - SECOND.length()) : key) {
                case "INVENTORY_ADMIN_TOKEN" -> Role.ADMIN;
                case "INVENTORY_CHECKOUT_TOKEN" -> Role.CHECKOUT;
                case "INVENTORY_STOCK_TOKEN" -> Role.STOCK;
                case "INVENTORY_PEER_TOKEN" -> Role.PEER;
                default -> throw new IllegalArgumentException(file + ": unknown key " + key);
            };
            if (value.length() < MIN_LENGTH) {
                throw new IllegalArgumentException(file + ": " + key + " is shorter than " + MIN_LENGTH + " characters");
            }
            if ((isSecond ? second : first).put(role, value.getBytes(StandardCharsets.UTF_8)) != null) {
                throw new IllegalArgumentException(file + ": " + key + " is given twice");
            }
        }
        if (!first.keySet().containsAll(List.of(Role.ADMIN, Role.CHECKOUT, Role.STOCK))) {
            throw new IllegalArgumentException(file + " must define INVENTORY_ADMIN_TOKEN, INVENTORY_CHECKOUT_TOKEN and INVENTORY_STOCK_TOKEN");
        }
        for (Role role : second.keySet()) {
            // the peer token's first may be the derived one: moving to an explicit peer token starts with its second
            if (!first.containsKey(role) && role != Role.PEER) {
                throw new IllegalArgumentException(file + ": INVENTORY_" + role + "_TOKEN_2 without INVENTORY_" + role + "_TOKEN");
            }
        }
        if (!first.containsKey(Role.PEER)) {
            // derived from the admin tokens, so that rotating the admin token rotates this one in step
            first.put(Role.PEER, derivedPeerToken(first.get(Role.ADMIN)));
            if (second.containsKey(Role.ADMIN) && !second.containsKey(Role.PEER)) {
                second.put(Role.PEER, derivedPeerToken(second.get(Role.ADMIN)));
            }
        }
        List<Map.Entry<Role, byte[]>> accepted = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        for (Map<Role, byte[]> tokens : List.of(first, second)) {
            for (Map.Entry<Role, byte[]> e : tokens.entrySet()) {
                if (!distinct.add(new String(e.getValue(), StandardCharsets.UTF_8))) {
                    throw new IllegalArgumentException(file + ": two roles (or both tokens of one) have the same token");
                }
                accepted.add(Map.entry(e.getKey(), e.getValue()));
            }
        }
        return new Parsed(first, List.copyOf(accepted));
    }

    /** The role of a presented token; every token is compared in constant time, so timing tells nothing. */
    public Optional<Role> roleOf(String presented) {
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        Role match = null;
        for (Map.Entry<Role, byte[]> e : current.accepted()) {
            if (MessageDigest.isEqual(e.getValue(), given)) {
                match = e.getKey();
            }
        }
        return Optional.ofNullable(match);
    }

    /** What this node presents when it forwards to another. */
    String peerToken() {
        return new String(current.first().get(Role.PEER), StandardCharsets.UTF_8);
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
