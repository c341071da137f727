package org.inventory.ledger;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.Arrays;
import org.inventory.ledger.proto.ReservationState;

/**
 * A format-4 reservation record ({@code SnapshotReservation} in ledger.proto) written from a reservation's fields and
 * read back into reused fields, without a protobuf message, its line lists and its builder per record: a snapshot
 * holds a million of them, and those objects were most of what writing and loading one allocated. The bytes are
 * exactly the generated message's (fields in number order, defaults left out, lines packed), and the reader takes
 * whatever the generated parser takes (unpacked lines, unknown fields, repeated scalars: the last one counts), which
 * {@code SnapshotReservationCodecTest} checks against the generated class.
 */
final class SnapshotReservationCodec {
    private static final int ID = 1;
    private static final int STATE = 2;
    private static final int LINE_SKUS = 3;
    private static final int LINE_QUANTITIES = 4;
    private static final int CUSTOMER_ID = 5;
    private static final int CART_ID = 6;
    private static final int CREATED_AT_MS = 7;
    private static final int EXPIRES_AT_MS = 8;
    private static final int UPDATED_AT_MS = 9;
    private static final int REASON = 10;

    private SnapshotReservationCodec() {
    }

    /** Writes one record, preceded by its length as {@code writeDelimitedTo} does. */
    /** {@code lineSkus[0..lineQuantities.length)} are the lines' SKU positions (the array may be longer: reused). */
    static void writeDelimited(CodedOutputStream out, long id, ReservationState state, int[] lineSkus, long[] lineQuantities,
                               String customerId, String cartId, long createdAtMs, long expiresAtMs, long updatedAtMs,
                               String reason) throws IOException {
        int lines = lineQuantities.length;
        int skusSize = 0;
        for (int i = 0; i < lines; i++) {
            skusSize += CodedOutputStream.computeInt32SizeNoTag(lineSkus[i]);
        }
        int quantitiesSize = 0;
        for (long q : lineQuantities) {
            quantitiesSize += CodedOutputStream.computeInt64SizeNoTag(q);
        }
        int size = (id != 0 ? CodedOutputStream.computeInt64Size(ID, id) : 0)
                + (state.getNumber() != 0 ? CodedOutputStream.computeEnumSize(STATE, state.getNumber()) : 0)
                + packedSize(LINE_SKUS, skusSize) + packedSize(LINE_QUANTITIES, quantitiesSize)
                + stringSize(CUSTOMER_ID, customerId) + stringSize(CART_ID, cartId)
                + (createdAtMs != 0 ? CodedOutputStream.computeInt64Size(CREATED_AT_MS, createdAtMs) : 0)
                + (expiresAtMs != 0 ? CodedOutputStream.computeInt64Size(EXPIRES_AT_MS, expiresAtMs) : 0)
                + (updatedAtMs != 0 ? CodedOutputStream.computeInt64Size(UPDATED_AT_MS, updatedAtMs) : 0)
                + stringSize(REASON, reason);
        out.writeUInt32NoTag(size);
        if (id != 0) {
            out.writeInt64(ID, id);
        }
        if (state.getNumber() != 0) {
            out.writeEnum(STATE, state.getNumber());
        }
        if (skusSize > 0) {
            out.writeTag(LINE_SKUS, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(skusSize);
            for (int i = 0; i < lines; i++) {
                out.writeInt32NoTag(lineSkus[i]);
            }
        }
        if (quantitiesSize > 0) {
            out.writeTag(LINE_QUANTITIES, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(quantitiesSize);
            for (long q : lineQuantities) {
                out.writeInt64NoTag(q);
            }
        }
        writeString(out, CUSTOMER_ID, customerId);
        writeString(out, CART_ID, cartId);
        if (createdAtMs != 0) {
            out.writeInt64(CREATED_AT_MS, createdAtMs);
        }
        if (expiresAtMs != 0) {
            out.writeInt64(EXPIRES_AT_MS, expiresAtMs);
        }
        if (updatedAtMs != 0) {
            out.writeInt64(UPDATED_AT_MS, updatedAtMs);
        }
        writeString(out, REASON, reason);
    }

    private static int packedSize(int field, int payload) {
        return payload == 0 ? 0 : CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(payload) + payload;
    }

    private static int stringSize(int field, String value) {
        return value.isEmpty() ? 0 : CodedOutputStream.computeStringSize(field, value);
    }

    private static void writeString(CodedOutputStream out, int field, String value) throws IOException {
        if (!value.isEmpty()) {
            out.writeString(field, value);
        }
    }

    /** One record as read; {@link #read} overwrites every field, so one instance serves a whole load. */
    static final class Fields {
        long id;
        ReservationState state;
        int lines;
        int[] lineSkus = new int[4];
        int quantities;
        long[] lineQuantities = new long[4];
        String customerId;
        String cartId;
        long createdAtMs;
        long expiresAtMs;
        long updatedAtMs;
        String reason;

        /** Reads the record that {@code in}'s current limit encloses (the caller pushed its length). */
        void read(CodedInputStream in) throws IOException {
            id = 0;
            state = ReservationState.RESERVATION_STATE_UNSPECIFIED;
            lines = 0;
            quantities = 0;
            customerId = "";
            cartId = "";
            createdAtMs = 0;
            expiresAtMs = 0;
            updatedAtMs = 0;
            reason = "";
            while (true) {
                int tag = in.readTag();
                switch (tag) {
                    case 0 -> {
                        return;
                    }
                    case ID << 3 | WireFormat.WIRETYPE_VARINT -> id = in.readInt64();
                    case STATE << 3 | WireFormat.WIRETYPE_VARINT -> {
                        ReservationState s = ReservationState.forNumber(in.readEnum());
                        state = s == null ? ReservationState.UNRECOGNIZED : s;
                    }
                    case LINE_SKUS << 3 | WireFormat.WIRETYPE_VARINT -> addSku(in.readInt32());
                    case LINE_SKUS << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                        int outer = in.pushLimit(in.readRawVarint32());
                        while (in.getBytesUntilLimit() > 0) {
                            addSku(in.readInt32());
                        }
                        in.popLimit(outer);
                    }
                    case LINE_QUANTITIES << 3 | WireFormat.WIRETYPE_VARINT -> addQuantity(in.readInt64());
                    case LINE_QUANTITIES << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                        int outer = in.pushLimit(in.readRawVarint32());
                        while (in.getBytesUntilLimit() > 0) {
                            addQuantity(in.readInt64());
                        }
                        in.popLimit(outer);
                    }
                    case CUSTOMER_ID << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED -> customerId = in.readStringRequireUtf8();
                    case CART_ID << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED -> cartId = in.readStringRequireUtf8();
                    case CREATED_AT_MS << 3 | WireFormat.WIRETYPE_VARINT -> createdAtMs = in.readInt64();
                    case EXPIRES_AT_MS << 3 | WireFormat.WIRETYPE_VARINT -> expiresAtMs = in.readInt64();
                    case UPDATED_AT_MS << 3 | WireFormat.WIRETYPE_VARINT -> updatedAtMs = in.readInt64();
                    case REASON << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED -> reason = in.readStringRequireUtf8();
                    default -> {
                        if (!in.skipField(tag)) { // an end-group tag, which the generated parser refuses too
                            throw new com.google.protobuf.InvalidProtocolBufferException("an end-group tag in a reservation record");
                        }
                    }
                }
            }
        }

        private void addSku(int position) {
            if (lines == lineSkus.length) {
                lineSkus = Arrays.copyOf(lineSkus, lines * 2);
            }
            lineSkus[lines++] = position;
        }

        private void addQuantity(long quantity) {
            if (quantities == lineQuantities.length) {
                lineQuantities = Arrays.copyOf(lineQuantities, quantities * 2);
            }
            lineQuantities[quantities++] = quantity;
        }
    }
}
