package org.inventory.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.inventory.chaos.check.CheckResult.Verdict;
import org.inventory.chaos.history.Op;
import org.junit.jupiter.api.Test;

/**
 * Random histories linearizable by construction ({@link RandomHistory}) must pass; each corrupted in a way no
 * linearization can explain must fail. Seeds are printed; fixed ones plus one from the clock.
 */
class RandomHistoriesTest {
    private static final long BUDGET = 5_000_000;

    private static List<Long> seeds() {
        List<Long> seeds = new ArrayList<>();
        for (long s = 1; s <= 12; s++) {
            seeds.add(s);
        }
        seeds.add(System.currentTimeMillis());
        return seeds;
    }

    @Test
    void linearizableByConstructionPasses() {
        for (long seed : seeds()) {
            RandomHistory h = RandomHistory.generate(seed, 3, 900, 25, RandomHistory.Faults.HARSH);
            CheckResult r = LinearizabilityCheck.check(h.events, BUDGET);
            System.out.println("seed " + seed + ": " + r.verdict() + " " + r.summary());
            assertThat(r.verdict()).as("seed %d: %s", seed, r.problems()).isEqualTo(Verdict.PASS);
        }
    }

    @Test
    void readShowingMoreHeldThanEverReceivedFails() {
        for (long seed : seeds()) {
            RandomHistory h = RandomHistory.generate(seed, 3, 900, 25, RandomHistory.Faults.HARSH);
            Random rnd = new Random(seed);
            List<Op> events = new ArrayList<>(h.events);
            List<Integer> reads = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).f().equals("read-sku") && events.get(i).type() == Op.Type.ok) {
                    reads.add(i);
                }
            }
            int at = reads.get(rnd.nextInt(reads.size()));
            Op read = events.get(at);
            // held can never exceed on hand, and on hand never exceeds what was received: no state has this
            long impossible = h.received.get(read.str("sku")) + 1;
            events.set(at, with(read, "held", impossible));

            CheckResult r = LinearizabilityCheck.check(events, BUDGET);
            System.out.println("seed " + seed + ": read op " + read.op() + " held -> " + impossible + ": "
                    + r.verdict() + " " + r.problems());
            assertThat(r.verdict()).as("seed %d", seed).isEqualTo(Verdict.FAIL);
            assertThat(String.join("\n", r.problems())).contains("op " + read.op() + " ");
        }
    }

    @Test
    void commitAfterACompletedReleaseFails() {
        for (long seed : seeds()) {
            RandomHistory h = RandomHistory.generate(seed, 3, 900, 25, RandomHistory.Faults.HARSH);
            Random rnd = new Random(seed);
            List<Op> events = new ArrayList<>(h.events);
            List<Op> released = new ArrayList<>();
            for (Op e : events) {
                if (e.f().equals("release") && e.type() == Op.Type.ok && "RELEASED".equals(e.str("state"))) {
                    released.add(e);
                }
            }
            Op release = released.get(rnd.nextInt(released.size()));
            // invoked after that release completed, a commit can only find the reservation RELEASED, forever
            Op last = events.get(events.size() - 1);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("reservation_id", release.str("reservation_id"));
            v.put("sku", release.str("sku"));
            v.put("quantity", release.value().get("quantity"));
            long op = 1_000_000_000L;
            events.add(new Op(last.index() + 1, last.tNanos() + 1, last.wallMs() + 1, "c99", Op.Type.invoke, "commit",
                    op, "n1", Map.copyOf(v)));
            v.put("state", "COMMITTED");
            events.add(new Op(last.index() + 2, last.tNanos() + 2, last.wallMs() + 2, "c99", Op.Type.ok, "commit", op,
                    "n1", Map.copyOf(v)));

            CheckResult r = LinearizabilityCheck.check(events, BUDGET);
            System.out.println("seed " + seed + ": commit of " + release.str("reservation_id") + " after op "
                    + release.op() + ": " + r.verdict() + " " + r.summary() + " " + r.problems());
            assertThat(r.verdict()).as("seed %d", seed).isEqualTo(Verdict.FAIL);
            assertThat(String.join("\n", r.problems())).contains(release.str("reservation_id"));
        }
    }

    private static Op with(Op e, String key, Object value) {
        Map<String, Object> v = new LinkedHashMap<>(e.value());
        v.put(key, value);
        return new Op(e.index(), e.tNanos(), e.wallMs(), e.process(), e.type(), e.f(), e.op(), e.node(),
                java.util.Collections.unmodifiableMap(v));
    }
}
