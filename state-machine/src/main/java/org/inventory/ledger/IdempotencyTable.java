package org.inventory.ledger;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Idempotency key -> (payload fingerprint, first result), in recording order. Because ledger time never goes
 * backwards, recording order is also time order, so pruning by age only ever looks at the oldest entries.
 *
 * <p>Every reservation created through the API has a key, so this table is most of a live reservation's heap, and it
 * is written by hand for that: each entry is one object that is at once the record, the link of its hash bucket and
 * the link of the recording order (a {@code LinkedHashMap} spends a node of its own on the last two, and a String
 * around the key's bytes). The key is kept as its ASCII bytes (keys are printable ASCII, checked before they are
 * recorded) beside its hash, which is compared first, as {@code HashMap} does: most lookups are for a key never seen,
 * and those must not touch other keys' bytes. The fingerprint is two longs, and the first result of a reservation
 * that was created is the reservation itself (its answer at creation is rebuilt from immutable fields on replay).
 * Everything but the two links is immutable, so a snapshot capture shares the entries.
 */
final class IdempotencyTable {
    static final class Entry {
        private final byte[] key;
        private final int hash;
        private final long fingerprintHigh;
        private final long fingerprintLow;
        final long recordedAtMs;
        /** the serialized first result (byte[]), or the Reservation the first command created. */
        private final Object firstResult;
        private Entry nextInBucket;
        private Entry newer;

        private Entry(String key, byte[] fingerprint, long recordedAtMs, Object firstResult) {
            if (fingerprint.length != Fingerprints.LENGTH) {
                throw new IllegalArgumentException("a fingerprint has " + Fingerprints.LENGTH + " bytes, got " + fingerprint.length);
            }
            this.key = ascii(key);
            this.hash = spread(key.hashCode());
            this.fingerprintHigh = Fingerprints.high(fingerprint);
            this.fingerprintLow = Fingerprints.low(fingerprint);
            this.recordedAtMs = recordedAtMs;
            this.firstResult = firstResult;
        }

        static Entry ofResult(String key, byte[] fingerprint, long recordedAtMs, byte[] result) {
            return new Entry(key, fingerprint, recordedAtMs, result);
        }

        static Entry ofCreated(String key, byte[] fingerprint, long recordedAtMs, Reservation created) {
            return new Entry(key, fingerprint, recordedAtMs, created);
        }

        /** The key's bytes, printable ASCII: not a copy, not to be changed (the snapshot writer's). */
        byte[] keyAscii() {
            return key;
        }

        /** The key, as a new String (for snapshots and the digest, never on a lookup). */
        String key() {
            return new String(key, StandardCharsets.ISO_8859_1);
        }

        private boolean hasKey(String other, int otherHash) {
            if (hash != otherHash || key.length != other.length()) {
                return false;
            }
            for (int i = 0; i < key.length; i++) {
                if (key[i] != other.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /** The entry recorded next, or null while this is the newest. Kept after this one is pruned. */
        Entry newer() {
            return newer;
        }

        long fingerprintHigh() {
            return fingerprintHigh;
        }

        long fingerprintLow() {
            return fingerprintLow;
        }

        boolean samePayload(byte[] otherFingerprint) {
            return Fingerprints.high(otherFingerprint) == fingerprintHigh && Fingerprints.low(otherFingerprint) == fingerprintLow;
        }

        byte[] fingerprint() {
            return Fingerprints.join(fingerprintHigh, fingerprintLow);
        }

        /** The reservation the first command created, or null when the first result is stored serialized. */
        Reservation created() {
            return firstResult instanceof Reservation r ? r : null;
        }

        /** The first result, serialized (rebuilt for a created reservation). */
        byte[] result() {
            return firstResult instanceof Reservation r ? ReservationCommands.created(r).build().toByteArray() : (byte[]) firstResult;
        }
    }

    private static final int MIN_BUCKETS = 16;

    private Entry[] buckets = new Entry[MIN_BUCKETS];
    private Entry oldest;
    private Entry newest;
    private int size;
    private final StateDigest digest;

    IdempotencyTable(StateDigest digest) {
        this.digest = digest;
    }

    private static byte[] ascii(String key) {
        byte[] bytes = new byte[key.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = key.charAt(i);
            if (c > 0x7e || c < 0x20) {
                throw new IllegalArgumentException("idempotency keys are printable ASCII, got " + (int) c + " at " + i);
            }
            bytes[i] = (byte) c;
        }
        return bytes;
    }

    /** HashMap's spreading of the high bits into the low ones the bucket index uses. */
    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** Sizes the table for {@code count} entries (a snapshot's), so restoring it never rehashes. */
    void expect(int count) {
        if (size == 0) {
            buckets = new Entry[bucketsFor(count)];
        }
    }

    private static int bucketsFor(int count) {
        long wanted = Math.max(MIN_BUCKETS, (long) (count / 0.75) + 1);
        return (int) Math.min(1 << 30, Long.highestOneBit(wanted - 1) << 1);
    }

    Entry get(String key) {
        int h = spread(key.hashCode());
        for (Entry e = buckets[h & (buckets.length - 1)]; e != null; e = e.nextInBucket) {
            if (e.hasKey(key, h)) {
                return e;
            }
        }
        return null;
    }

    /** Records the first result under a key not yet in the table (the ledger looks it up first). */
    void record(String key, Entry entry) {
        insert(entry);
        digest.idempotency(1, key, entry);
    }

    /** Restores an entry from a snapshot (not digested: the loader digests it); in recording order. */
    void restore(Entry e) {
        insert(e);
    }

    private void insert(Entry e) {
        int at = e.hash & (buckets.length - 1);
        for (Entry other = buckets[at]; other != null; other = other.nextInBucket) {
            if (other.hash == e.hash && java.util.Arrays.equals(other.key, e.key)) {
                throw new IllegalArgumentException("idempotency key " + e.key() + " is recorded already");
            }
        }
        e.nextInBucket = buckets[at];
        buckets[at] = e;
        if (newest == null) {
            oldest = e;
        } else {
            newest.newer = e;
        }
        newest = e;
        if (++size > buckets.length * 3L / 4 && buckets.length < 1 << 30) {
            rehash(buckets.length << 1);
        }
    }

    private void rehash(int count) {
        Entry[] grown = new Entry[count];
        for (Entry e = oldest; e != null; e = e.newer) {
            int at = e.hash & (count - 1);
            e.nextInBucket = grown[at];
            grown[at] = e;
        }
        buckets = grown;
    }

    void pruneRecordedBefore(long cutoffMs) {
        while (oldest != null && oldest.recordedAtMs < cutoffMs) {
            Entry gone = oldest;
            digest.idempotency(-1, gone.key(), gone);
            unlinkFromBucket(gone);
            oldest = gone.newer; // its link stays: a snapshot being written may still walk the order from here
            size--;
        }
        if (oldest == null) {
            newest = null;
        }
    }

    private void unlinkFromBucket(Entry gone) {
        int at = gone.hash & (buckets.length - 1);
        Entry previous = null;
        for (Entry e = buckets[at]; e != null; previous = e, e = e.nextInBucket) {
            if (e == gone) {
                if (previous == null) {
                    buckets[at] = e.nextInBucket;
                } else {
                    previous.nextInBucket = e.nextInBucket;
                }
                e.nextInBucket = null;
                return;
            }
        }
        throw new IllegalStateException("idempotency key " + gone.key() + " is in the recording order but not in its bucket");
    }

    /** The oldest entry; its {@link Entry#newer} links lead through the rest in recording order. */
    Entry oldest() {
        return oldest;
    }

    void forEachInOrder(Consumer<Entry> action) {
        for (Entry e = oldest; e != null; e = e.newer) {
            action.accept(e);
        }
    }

    int size() {
        return size;
    }
}
