package org.inventory.raft;

import java.nio.ByteBuffer;

/**
 * The bytes of one Raft log entry: a format byte, the proposing leader's wall clock, then the ledger command.
 * The leader's clock travels inside the entry so every replica applies it with the same time; the command bytes
 * stay exactly as the client's request was encoded, so idempotency fingerprints do not depend on the stamp.
 */
final class LogEntryCodec {
    static final byte FORMAT = 1;
    private static final int HEADER = 1 + Long.BYTES;

    private LogEntryCodec() {
    }

    static ByteBuffer encode(long leaderTimeMs, byte[] command) {
        ByteBuffer entry = ByteBuffer.allocate(HEADER + command.length);
        entry.put(FORMAT).putLong(leaderTimeMs).put(command);
        return entry.flip();
    }

    /** A decoded entry; {@code command} is null when the entry is not in a format this build knows. */
    record Decoded(long leaderTimeMs, byte[] command) {
    }

    static Decoded decode(ByteBuffer data) {
        ByteBuffer entry = data.duplicate();
        if (entry.remaining() < HEADER || entry.get() != FORMAT) {
            return new Decoded(0, null);
        }
        long stamp = entry.getLong();
        byte[] command = new byte[entry.remaining()];
        entry.get(command);
        return new Decoded(stamp, command);
    }
}
