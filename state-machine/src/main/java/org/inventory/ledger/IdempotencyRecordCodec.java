package org.inventory.ledger;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * An {@code IdempotencyRecord} (ledger.proto) written from an entry's fields without building the message, its
 * builder, the key's String and two ByteString copies per record: a snapshot holds one per key, a million and more.
 * The bytes are exactly the generated message's ({@code IdempotencyRecordCodecTest}); snapshots are read with the
 * generated parser.
 */
final class IdempotencyRecordCodec {
    private static final int KEY = 1;
    private static final int FINGERPRINT = 2;
    private static final int RECORDED_AT_MS = 3;
    private static final int RESULT = 4;
    private static final int CREATED_RESERVATION_ID = 5;
    private static final int CREATED_TTL_SECONDS = 6;

    private IdempotencyRecordCodec() {
    }

    /**
     * Writes one record, preceded by its length. {@code asciiKey} is the key's bytes (printable ASCII, so also its
     * UTF-8); {@code result} is empty when the record names the reservation it created.
     */
    static void writeDelimited(CodedOutputStream out, byte[] asciiKey, byte[] fingerprint, long recordedAtMs, byte[] result,
                               long createdReservationId, int createdTtlSeconds) throws IOException {
        int size = bytesSize(KEY, asciiKey) + bytesSize(FINGERPRINT, fingerprint)
                + (recordedAtMs != 0 ? CodedOutputStream.computeInt64Size(RECORDED_AT_MS, recordedAtMs) : 0)
                + bytesSize(RESULT, result)
                + (createdReservationId != 0 ? CodedOutputStream.computeInt64Size(CREATED_RESERVATION_ID, createdReservationId) : 0)
                + (createdTtlSeconds != 0 ? CodedOutputStream.computeInt32Size(CREATED_TTL_SECONDS, createdTtlSeconds) : 0);
        out.writeUInt32NoTag(size);
        writeBytes(out, KEY, asciiKey);
        writeBytes(out, FINGERPRINT, fingerprint);
        if (recordedAtMs != 0) {
            out.writeInt64(RECORDED_AT_MS, recordedAtMs);
        }
        writeBytes(out, RESULT, result);
        if (createdReservationId != 0) {
            out.writeInt64(CREATED_RESERVATION_ID, createdReservationId);
        }
        if (createdTtlSeconds != 0) {
            out.writeInt32(CREATED_TTL_SECONDS, createdTtlSeconds);
        }
    }

    private static int bytesSize(int field, byte[] value) {
        return value.length == 0 ? 0 : CodedOutputStream.computeByteArraySize(field, value);
    }

    private static void writeBytes(CodedOutputStream out, int field, byte[] value) throws IOException {
        if (value.length > 0) { // a string field and a bytes field look the same on the wire
            out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(value.length);
            out.writeRawBytes(value);
        }
    }
}
