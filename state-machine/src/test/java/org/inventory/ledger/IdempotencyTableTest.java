package org.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written idempotency table against {@code LinkedHashMap} as the model: seeded random records, lookups of
 * present and absent keys, pruning by age, growth, and keys built to share a hash code ("Aa" and "BB" do).
 */
class IdempotencyTableTest {
    private static byte[] fingerprint(Random random) {
        byte[] f = new byte[Fingerprints.LENGTH];
        random.nextBytes(f);
        return f;
    }

    /** Keys of 1..12 blocks of "Aa" or "BB": all keys of one length share a String hash code. */
    private static String collidingKey(Random random) {
        StringBuilder b = new StringBuilder();
        int blocks = 1 + random.nextInt(12);
        for (int i = 0; i < blocks; i++) {
            b.append(random.nextBoolean() ? "Aa" : "BB");
        }
        return b.toString();
    }

    @Test
    void behavesAsALinkedHashMapInRecordingOrder() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            StateDigest digest = new StateDigest();
            IdempotencyTable table = new IdempotencyTable(digest);
            Map<String, IdempotencyTable.Entry> model = new LinkedHashMap<>();
            long now = 0;
            for (int step = 0; step < 5_000; step++) {
                now += random.nextInt(3);
                int op = random.nextInt(10);
                if (op < 6) {
                    String key = random.nextInt(4) == 0 ? collidingKey(random) : "k-" + random.nextInt(3_000);
                    if (!model.containsKey(key)) {
                        IdempotencyTable.Entry e = IdempotencyTable.Entry.ofResult(key, fingerprint(random), now, new byte[] {(byte) step});
                        table.record(key, e);
                        model.put(key, e);
                    }
                } else if (op < 9) {
                    String key = random.nextBoolean() ? collidingKey(random) : "k-" + random.nextInt(3_000);
                    assertThat(table.get(key)).as("seed %d step %d: %s", seed, step, key).isSameAs(model.get(key));
                } else {
                    long cutoff = now - random.nextInt(200);
                    table.pruneRecordedBefore(cutoff);
                    model.values().removeIf(e -> e.recordedAtMs < cutoff);
                }
                assertThat(table.size()).isEqualTo(model.size());
            }
            List<IdempotencyTable.Entry> order = new ArrayList<>();
            table.forEachInOrder(order::add);
            assertThat(order).containsExactlyElementsOf(model.values());
            for (IdempotencyTable.Entry e : order) {
                assertThat(table.get(e.key())).isSameAs(e);
            }
        }
    }

    @Test
    void theDigestOfWhatIsLeftIsTheDigestOfTheSameRecordsRecordedAfresh() {
        Random random = new Random(7);
        StateDigest pruned = new StateDigest();
        IdempotencyTable table = new IdempotencyTable(pruned);
        List<IdempotencyTable.Entry> all = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            IdempotencyTable.Entry e = IdempotencyTable.Entry.ofResult("key-" + i, fingerprint(random), i, new byte[] {1, 2, (byte) i});
            table.record(e.key(), e);
            all.add(e);
        }
        table.pruneRecordedBefore(1_500);
        StateDigest fresh = new StateDigest();
        IdempotencyTable again = new IdempotencyTable(fresh);
        for (IdempotencyTable.Entry e : all.subList(1_500, 2_000)) {
            again.record(e.key(), IdempotencyTable.Entry.ofResult(e.key(), e.fingerprint(), e.recordedAtMs, e.result()));
        }
        assertThat(pruned.sameSums(fresh)).isTrue();
        assertThat(table.get("key-1499")).isNull();
        assertThat(table.get("key-1500")).isNotNull();
    }

    @Test
    void refusesWhatItCannotKeep() {
        byte[] f = new byte[Fingerprints.LENGTH];
        IdempotencyTable table = new IdempotencyTable(new StateDigest());
        table.record("once", IdempotencyTable.Entry.ofResult("once", f, 1, new byte[0]));
        assertThatThrownBy(() -> table.record("once", IdempotencyTable.Entry.ofResult("once", f, 2, new byte[0])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recorded already");
        assertThatThrownBy(() -> IdempotencyTable.Entry.ofResult("caf\u00e9", f, 1, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> IdempotencyTable.Entry.ofResult("tab\there", f, 1, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(table.size()).isEqualTo(1);
    }
}
