package org.inventory.ledger;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Idempotency key -> (payload fingerprint, first result), in recording order. Because ledger time never goes
 * backwards, recording order is also time order, so pruning by age only ever looks at the oldest entries.
 *
 * <p>Every reservation created through the API has a key, so this table is most of a live reservation's heap.
 * Entries are therefore compact: the 128-bit fingerprint in two longs, and the first result of a reservation that
 * was created kept as the reservation itself (its view at creation is rebuilt from immutable fields on replay)
 * instead of ~100 serialized bytes. Other results are stored serialized.
 */
final class IdempotencyTable {
    static final class Entry {
        private final long fingerprintHigh;
        private final long fingerprintLow;
        final long recordedAtMs;
        /** the serialized first result (byte[]), or the Reservation the first command created. */
        private final Object firstResult;

        private Entry(byte[] fingerprint, long recordedAtMs, Object firstResult) {
            if (fingerprint.length != Fingerprints.LENGTH) {
                throw new IllegalArgumentException("a fingerprint has " + Fingerprints.LENGTH + " bytes, got " + fingerprint.length);
            }
            this.fingerprintHigh = Fingerprints.high(fingerprint);
            this.fingerprintLow = Fingerprints.low(fingerprint);
            this.recordedAtMs = recordedAtMs;
            this.firstResult = firstResult;
        }

        static Entry ofResult(byte[] fingerprint, long recordedAtMs, byte[] result) {
            return new Entry(fingerprint, recordedAtMs, result);
        }

        static Entry ofCreated(byte[] fingerprint, long recordedAtMs, Reservation created) {
            return new Entry(fingerprint, recordedAtMs, created);
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

    private LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
    private final StateDigest digest;

    IdempotencyTable(StateDigest digest) {
        this.digest = digest;
    }

    /** Sizes the table for {@code count} entries (a snapshot's), so restoring it never rehashes. */
    void expect(int count) {
        if (entries.isEmpty()) {
            entries = new LinkedHashMap<>(Math.max(16, (int) (count / 0.75f) + 1));
        }
    }

    Entry get(String key) {
        return entries.get(key);
    }

    void record(String key, Entry entry) {
        entries.put(key, entry);
        digest.idempotency(1, key, entry);
    }

    /** Restores an entry from a snapshot (not digested: the loader recomputes the digest); in recording order. */
    void restore(String key, Entry e) {
        entries.put(key, e);
    }

    void pruneRecordedBefore(long cutoffMs) {
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Entry> oldest = it.next();
            if (oldest.getValue().recordedAtMs >= cutoffMs) {
                return;
            }
            digest.idempotency(-1, oldest.getKey(), oldest.getValue());
            it.remove();
        }
    }

    void forEachInOrder(BiConsumer<String, Entry> action) {
        entries.forEach(action);
    }

    int size() {
        return entries.size();
    }
}
