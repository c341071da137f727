package org.inventory.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGHUP re-reads the tokens file (the usual "reload" of a Unix daemon, `systemctl reload`), so a token is rotated
 * without a restart. Without a handler the JVM would take SIGHUP as a request to stop.
 */
final class TokenReload {
    private static final Logger LOG = LoggerFactory.getLogger(TokenReload.class);

    private TokenReload() {
    }

    static void onHangup(Tokens tokens) {
        try {
            Signal.handle(new Signal("HUP"), signal -> tokens.reload());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.warn("SIGHUP cannot be handled here ({}): restart the node to take new tokens", e.getMessage());
        }
    }
}
