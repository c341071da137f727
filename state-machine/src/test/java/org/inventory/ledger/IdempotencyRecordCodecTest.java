package org.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.inventory.ledger.proto.IdempotencyRecord;

/** The hand-written idempotency record against protobuf's generated class, byte for byte. */
class IdempotencyRecordCodecTest {

    @Property(tries = 500)
    void writesTheBytesTheGeneratedMessageWrites(@ForAll("records") IdempotencyRecord record) throws IOException {
        ByteArrayOutputStream generated = new ByteArrayOutputStream();
        record.writeDelimitedTo(generated);

        ByteArrayOutputStream written = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(written);
        IdempotencyRecordCodec.writeDelimited(out, record.getKey().getBytes(StandardCharsets.US_ASCII),
                record.getFingerprint().toByteArray(), record.getRecordedAtMs(), record.getResult().toByteArray(),
                record.getCreatedReservationId(), record.getCreatedTtlSeconds());
        out.flush();
        assertThat(written.toByteArray()).isEqualTo(generated.toByteArray());
    }

    @Provide
    Arbitrary<IdempotencyRecord> records() {
        Arbitrary<String> keys = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(200);
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<Long> longs = Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs());
        Arbitrary<Integer> ttls = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers());
        return Combinators.combine(keys, bytes, longs, bytes, longs, ttls).as((key, fingerprint, at, result, created, ttl) ->
                IdempotencyRecord.newBuilder().setKey(key).setFingerprint(ByteString.copyFrom(fingerprint)).setRecordedAtMs(at)
                        .setResult(ByteString.copyFrom(result)).setCreatedReservationId(created).setCreatedTtlSeconds(ttl).build());
    }
}
