package org.inventory.ledger;

import java.io.IOException;

/** A snapshot that is truncated, damaged, of an unknown format version, or internally inconsistent. */
public final class SnapshotCorruptException extends IOException {
    private static final long serialVersionUID = 1L;

    public SnapshotCorruptException(String message) {
        super(message);
    }
}
