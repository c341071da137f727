package org.inventory.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;

/**
 * A snapshot's bytes up to its trailing 4-byte CRC32C, checksummed as they are read: the last four bytes of the
 * underlying stream are held back, so a reader that buffers ahead (protobuf's {@code CodedInputStream}) never
 * consumes or checksums the trailer, and sees the end of the records as the end of the stream.
 */
final class SnapshotBody extends InputStream {
    private static final int TRAILER = 4;

    private final InputStream in;
    private final CRC32C crc = new CRC32C();
    private final byte[] buf = new byte[(1 << 16) + TRAILER];
    private int pos;
    private int limit;
    private boolean ended;

    SnapshotBody(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        if (releasable() == 0 && !refill()) {
            return -1;
        }
        crc.update(buf[pos] & 0xff);
        return buf[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (releasable() == 0 && !refill()) {
            return -1;
        }
        int n = Math.min(len, releasable());
        System.arraycopy(buf, pos, b, off, n);
        crc.update(buf, pos, n);
        pos += n;
        return n;
    }

    /** The CRC32C of every byte read so far. */
    int checksum() {
        return (int) crc.getValue();
    }

    /** The checksum the snapshot ends with; only once this stream has ended. */
    int storedChecksum() {
        if (!ended || limit - pos != TRAILER) {
            throw new IllegalStateException("the body has not been read to its end");
        }
        return (buf[pos] & 0xff) << 24 | (buf[pos + 1] & 0xff) << 16 | (buf[pos + 2] & 0xff) << 8 | buf[pos + 3] & 0xff;
    }

    private int releasable() {
        return Math.max(0, limit - pos - TRAILER);
    }

    /** Reads on until a byte can be released; false at the end, with exactly the trailer left. */
    private boolean refill() throws IOException {
        if (ended) {
            return false;
        }
        int held = limit - pos;
        System.arraycopy(buf, pos, buf, 0, held);
        pos = 0;
        limit = held;
        while (limit <= TRAILER) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                ended = true;
                if (limit < TRAILER) {
                    throw new SnapshotCorruptException("snapshot is truncated");
                }
                return false;
            }
            limit += n;
        }
        return true;
    }
}
