package org.inventory.raft;

import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;

/**
 * Writes to a file and makes the data written so far durable every {@code bytesPerSync} bytes, as RocksDB's
 * {@code bytes_per_sync} does: a snapshot of a million reservations is ~170 MB, and flushing all of it with one
 * fsync at the end puts that much writeback in front of the Raft log's own fsyncs on the same disk, which every
 * write is waiting for.
 */
final class IncrementalSync extends FilterOutputStream {
    private final FileOutputStream file;
    private final long bytesPerSync;
    private long unsynced;

    IncrementalSync(FileOutputStream file, long bytesPerSync) {
        super(file);
        this.file = file;
        this.bytesPerSync = bytesPerSync;
    }

    @Override
    public void write(int b) throws IOException {
        file.write(b);
        written(1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        file.write(b, off, len);
        written(len);
    }

    private void written(int n) throws IOException {
        unsynced += n;
        if (unsynced >= bytesPerSync) {
            file.getChannel().force(false);
            unsynced = 0;
        }
    }
}
