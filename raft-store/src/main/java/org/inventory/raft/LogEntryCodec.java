package org.inventory.raft;

import java.nio.ByteBuffer;

/**
 * The bytes of one Raft log entry: a format byte, the proposing leader's wall clock, then the ledger command.
 * The leader's clock travels inside the entry so every replica applies it with the same time; the command bytes
 * stay exactly as the client's request was encoded, so idempotency fingerprints do not depend on the stamp.
 */
final class LogEntryCodec {
    static final byte FORMAT = 1;
    /** A member directory entry (node id, Raft and HTTP address), not a ledger command. */
    static final byte DIRECTORY = 2;
    private static final int HEADER = 1 + Long.BYTES;

    private LogEntryCodec() {
    }

    static ByteBuffer encode(long leaderTimeMs, byte[] command) {
        ByteBuffer entry = ByteBuffer.allocate(HEADER + command.length);
        entry.put(FORMAT).putLong(leaderTimeMs).put(command);
        return entry.flip();
    }

    static ByteBuffer encodeMember(long leaderTimeMs, Member member) {
        byte[] text = (member.nodeId() + "\n" + member.raft() + "\n" + member.http())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer entry = ByteBuffer.allocate(HEADER + text.length);
        entry.put(DIRECTORY).putLong(leaderTimeMs).put(text);
        return entry.flip();
    }

    /**
     * A decoded entry: a ledger command, or a member, or a directory entry refused ({@code refused}: why), or none of
     * them (a format this build does not know).
     */
    record Decoded(long leaderTimeMs, byte[] command, Member member, String refused) {
        Decoded(long leaderTimeMs, byte[] command, Member member) {
            this(leaderTimeMs, command, member, null);
        }
    }

    static Decoded decode(ByteBuffer data) {
        ByteBuffer entry = data.duplicate();
        if (entry.remaining() < HEADER) {
            return new Decoded(0, null, null);
        }
        byte format = entry.get();
        long stamp = entry.getLong();
        byte[] body = new byte[entry.remaining()];
        entry.get(body);
        if (format == FORMAT) {
            return new Decoded(stamp, body, null);
        }
        if (format == DIRECTORY) {
            // a directory entry in a known format whose payload is not a member is refused the same way by every
            // replica (they all read the same bytes): applying goes on; only a format unknown to this build stops it
            String[] parts = new String(body, java.nio.charset.StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 3) {
                return new Decoded(stamp, null, null, "a directory entry has node id, Raft and HTTP address, got "
                        + parts.length + " field(s)");
            }
            try {
                return new Decoded(stamp, null, Addresses.member(parts[0], parts[1], parts[2]));
            } catch (IllegalArgumentException e) {
                return new Decoded(stamp, null, null, e.getMessage());
            }
        }
        return new Decoded(0, null, null);
    }
}
