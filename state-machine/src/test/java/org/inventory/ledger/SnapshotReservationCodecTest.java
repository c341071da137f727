package org.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.inventory.ledger.proto.ReservationState;
import org.inventory.ledger.proto.SnapshotReservation;
import org.junit.jupiter.api.Test;

/** The hand-written format-4 reservation record against protobuf's generated class, byte for byte and field by field. */
class SnapshotReservationCodecTest {

    @Property(tries = 500)
    void writesTheBytesTheGeneratedMessageWrites(@ForAll("records") SnapshotReservation record) throws IOException {
        ByteArrayOutputStream generated = new ByteArrayOutputStream();
        record.writeDelimitedTo(generated);

        ByteArrayOutputStream written = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(written);
        int[] skus = Arrays.copyOf(record.getLineSkusList().stream().mapToInt(Integer::intValue).toArray(),
                record.getLineSkusCount() + 3); // the writer is given a longer, reused array
        SnapshotReservationCodec.writeDelimited(out, record.getId(), record.getState(), skus,
                record.getLineQuantitiesList().stream().mapToLong(Long::longValue).toArray(), record.getCustomerId(),
                record.getCartId(), record.getCreatedAtMs(), record.getExpiresAtMs(), record.getUpdatedAtMs(), record.getReason());
        out.flush();
        assertThat(written.toByteArray()).isEqualTo(generated.toByteArray());
    }

    @Property(tries = 500)
    void readsWhatTheGeneratedParserReads(@ForAll("records") SnapshotReservation record, @ForAll boolean unpacked,
                                          @ForAll boolean unknownField) throws IOException {
        byte[] bytes = unpacked ? unpackedLines(record) : record.toByteArray();
        if (unknownField) { // a field a later format might add: skipped by both
            bytes = record.toBuilder().setUnknownFields(UnknownFieldSet.newBuilder()
                    .addField(99, UnknownFieldSet.Field.newBuilder().addVarint(7).addLengthDelimited(com.google.protobuf.ByteString.copyFromUtf8("x")).build())
                    .build()).build().toByteArray();
        }
        SnapshotReservation parsed = SnapshotReservation.parseFrom(bytes);
        SnapshotReservationCodec.Fields fields = new SnapshotReservationCodec.Fields();
        fields.lines = 99; // left over from a record read before: must be reset
        fields.read(CodedInputStream.newInstance(bytes));

        assertThat(fields.id).isEqualTo(parsed.getId());
        assertThat(fields.state).isEqualTo(parsed.getState());
        assertThat(Arrays.copyOf(fields.lineSkus, fields.lines))
                .containsExactly(parsed.getLineSkusList().stream().mapToInt(Integer::intValue).toArray());
        assertThat(Arrays.copyOf(fields.lineQuantities, fields.quantities))
                .containsExactly(parsed.getLineQuantitiesList().stream().mapToLong(Long::longValue).toArray());
        assertThat(fields.customerId).isEqualTo(parsed.getCustomerId());
        assertThat(fields.cartId).isEqualTo(parsed.getCartId());
        assertThat(fields.createdAtMs).isEqualTo(parsed.getCreatedAtMs());
        assertThat(fields.expiresAtMs).isEqualTo(parsed.getExpiresAtMs());
        assertThat(fields.updatedAtMs).isEqualTo(parsed.getUpdatedAtMs());
        assertThat(fields.reason).isEqualTo(parsed.getReason());
    }

    @Test
    void aStateThisBuildDoesNotKnowIsReadAsUnrecognizedAsTheGeneratedParserDoes() throws IOException {
        byte[] bytes = SnapshotReservation.newBuilder().setId(5).setStateValue(42).build().toByteArray();
        SnapshotReservationCodec.Fields fields = new SnapshotReservationCodec.Fields();
        fields.read(CodedInputStream.newInstance(bytes));
        assertThat(fields.state).isEqualTo(ReservationState.UNRECOGNIZED).isEqualTo(SnapshotReservation.parseFrom(bytes).getState());
    }

    @Test
    void aStringThatIsNotUtf8IsRefusedAsTheGeneratedParserRefusesIt() {
        byte[] bytes = {42, 2, (byte) 0xC3, (byte) 0x28}; // customer_id: an invalid two-byte sequence
        assertThatThrownBy(() -> SnapshotReservation.parseFrom(bytes)).isInstanceOf(InvalidProtocolBufferException.class);
        assertThatThrownBy(() -> new SnapshotReservationCodec.Fields().read(CodedInputStream.newInstance(bytes)))
                .isInstanceOf(InvalidProtocolBufferException.class);
    }

    private static byte[] unpackedLines(SnapshotReservation r) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        r.toBuilder().clearLineSkus().clearLineQuantities().build().writeTo(out);
        for (int p : r.getLineSkusList()) {
            out.writeInt32(3, p);
        }
        for (long q : r.getLineQuantitiesList()) {
            out.writeInt64(4, q);
        }
        out.flush();
        return bytes.toByteArray();
    }

    @Provide
    Arbitrary<SnapshotReservation> records() {
        Arbitrary<Long> anyLong = Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs(),
                Arbitraries.longs().between(-300, 300));
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(12));
        Arbitrary<List<Integer>> lines = Arbitraries.integers().between(-5, 1 << 20).list().ofMaxSize(12);
        Arbitrary<ReservationState> state = Arbitraries.of(Arrays.stream(ReservationState.values())
                .filter(s -> s != ReservationState.UNRECOGNIZED).toList());
        return Combinators.combine(anyLong, state, lines, text, text, anyLong, anyLong, text)
                .as((id, s, skus, customer, cart, created, expires, reason) -> {
                    SnapshotReservation.Builder b = SnapshotReservation.newBuilder().setId(id).setState(s)
                            .setCustomerId(customer).setCartId(cart).setCreatedAtMs(created).setExpiresAtMs(expires)
                            .setUpdatedAtMs(created ^ expires).setReason(reason);
                    for (int p : skus) {
                        b.addLineSkus(p).addLineQuantities((long) p * 1_000_003L - 7);
                    }
                    return b.build();
                });
    }
}
