package org.inventory.ledger;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Idempotency key -> (payload fingerprint, first result), in recording order. Because ledger time never goes
 * backwards, recording order is also time order, so pruning by age only ever looks at the oldest entries.
 */
final class IdempotencyTable {
    record Entry(String key, byte[] fingerprint, long recordedAtMs, byte[] result) {
        boolean samePayload(byte[] otherFingerprint) {
            return Arrays.equals(fingerprint, otherFingerprint);
        }
    }

    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    Entry get(String key) {
        return entries.get(key);
    }

    void record(String key, byte[] fingerprint, long nowMs, byte[] result) {
        entries.put(key, new Entry(key, fingerprint, nowMs, result));
    }

    /** Restores an entry from a snapshot; entries must come in their original recording order. */
    void restore(Entry e) {
        entries.put(e.key(), e);
    }

    void pruneRecordedBefore(long cutoffMs) {
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            if (it.next().getValue().recordedAtMs() >= cutoffMs) {
                return;
            }
            it.remove();
        }
    }

    void forEachInOrder(Consumer<Entry> action) {
        entries.values().forEach(action);
    }

    int size() {
        return entries.size();
    }
}
