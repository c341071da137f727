package org.inventory.chaos.check;

import org.inventory.chaos.history.Op;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Idempotency: one Idempotency-Key is one intended operation, so it takes effect at most once.
 *
 * <p>For reservations, key (= cart_id) and reservation id must map one to one, whichever way the history learns
 * the pairing:
 * <ul>
 *   <li>every ok completion of a reserve (a retry's replay, a recovery pass completing an info op later) reports the
 *   reservation id for the op's key;</li>
 *   <li>every final read-reservation reports the cart_id of the id it read;</li>
 *   <li>every HOLD entry in the ledger names a reservation id, whose key is known from the two above.</li>
 * </ul>
 * A key with two reservation ids is a duplicate; an id with two keys is a mix-up; an id whose cart_id no reserve of
 * the history used is a phantom. A HOLD whose id no key explains is a phantom only if a final read covered that id
 * (it then should have told its cart); otherwise it is most likely an info reserve never recovered, so it is only
 * counted as unexplained. A refusal is replayed too, so one key answered both ok and insufficient_stock is a FAIL.
 *
 * <p>For receipts and adjustments, every ok completion of one key reports the on_hand of the first application
 * (the replay returns the first result): two different on_hand values mean the key applied twice.
 */
public final class IdempotencyCheck {
    public static final String NAME = "idempotency";

    private IdempotencyCheck() {
    }

    public static CheckResult check(List<Op> history) {
        List<Ops.Operation> ops = Ops.pair(history);
        List<String> problems = new ArrayList<>();

        // key -> reservation id -> evidence ("reserve op 3 ok at event 9", ...), and the reverse
        Map<String, Map<String, List<String>>> idsByKey = new TreeMap<>();
        Map<String, Map<String, List<String>>> keysById = new TreeMap<>();
        Set<String> historyKeys = new HashSet<>();
        Set<String> finalReadIds = new HashSet<>();
        int reserveOks = 0;

        for (Ops.Operation o : ops) {
            if (o.f().equals("reserve")) {
                String key = o.arg("key");
                historyKeys.add(key);
                for (Op ok : o.oks()) {
                    reserveOks++;
                    link(idsByKey, keysById, key, ok.str("reservation_id"),
                            "reserve op " + o.id() + " ok at event " + ok.index());
                }
            }
        }
        refusalsReplayed(ops, problems);

        for (Ops.Operation o : ops) {
            if (o.f().equals("read-reservation") && o.process().equals("final") && o.definite()) {
                finalReadIds.add(o.arg("reservation_id"));
                Op answer = o.last();
                if (answer.type() == Op.Type.ok && answer.has("cart_id")) {
                    link(idsByKey, keysById, answer.str("cart_id"), o.arg("reservation_id"),
                            "final read op " + o.id() + " at event " + answer.index());
                }
            }
        }

        // Ledger HOLD entries: attach each to the key its id is known under, or set it aside.
        Map<String, String> unexplained = new TreeMap<>(); // id -> where
        Set<String> holdIds = new HashSet<>();
        for (Ops.Operation o : ops) {
            if (!o.f().equals("ledger")) {
                continue;
            }
            for (Op page : o.oks()) {
                for (Map<String, Object> entry : Ops.entries(page)) {
                    String id = Ops.str(entry, "reservation_id");
                    if (!"HOLD".equals(entry.get("type")) || id == null || !holdIds.add(id)) {
                        continue;
                    }
                    String where = "ledger HOLD entry " + entry.get("index") + " of sku " + o.arg("sku")
                            + " (ledger op " + o.id() + ", event " + page.index() + ")";
                    Map<String, List<String>> keys = keysById.get(id);
                    if (keys != null) {
                        for (String key : List.copyOf(keys.keySet())) {
                            link(idsByKey, keysById, key, id, where);
                        }
                    } else if (finalReadIds.contains(id)) {
                        Ops.add(problems, "phantom reservation " + id + ": " + where
                                + ", but no reserve of the history acknowledged it and its final read names no cart");
                    } else {
                        unexplained.put(id, where);
                    }
                }
            }
        }

        int duplicates = 0;
        for (Map.Entry<String, Map<String, List<String>>> e : idsByKey.entrySet()) {
            if (e.getValue().size() > 1) {
                duplicates++;
                Ops.add(problems, "key/cart " + e.getKey() + " maps to " + e.getValue().size()
                        + " reservations (duplicate): " + describe(e.getValue()));
            }
            if (!historyKeys.contains(e.getKey())) {
                Ops.add(problems, "phantom reservation(s) " + e.getValue().keySet() + ": cart_id " + e.getKey()
                        + " was used by no reserve of the history: " + describe(e.getValue()));
            }
        }
        for (Map.Entry<String, Map<String, List<String>>> e : keysById.entrySet()) {
            if (e.getValue().size() > 1) {
                Ops.add(problems, "reservation " + e.getKey() + " belongs to " + e.getValue().size() + " keys: "
                        + describe(e.getValue()));
            }
        }

        int stockKeys = stockReplays(ops, problems);

        String summary = reserveOks + " reserve ok completions over " + idsByKey.size() + " keys, " + duplicates
                + " duplicated key(s); " + holdIds.size() + " held reservation ids in the ledger, " + unexplained.size()
                + " unexplained (no key known, not read at the end: likely info reserves never recovered)"
                + (unexplained.isEmpty() ? "" : " e.g. " + String.join("; ", unexplained.entrySet().stream().limit(5)
                .map(u -> u.getKey() + " at " + u.getValue()).toList()))
                + "; " + stockKeys + " receipt/adjustment keys";
        return CheckResult.of(NAME, summary, problems);
    }

    private static void link(Map<String, Map<String, List<String>>> idsByKey,
                             Map<String, Map<String, List<String>>> keysById, String key, String id, String evidence) {
        if (key == null || id == null) {
            return;
        }
        idsByKey.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(id, k -> new ArrayList<>()).add(evidence);
        keysById.computeIfAbsent(id, k -> new TreeMap<>()).computeIfAbsent(key, k -> new ArrayList<>()).add(evidence);
    }

    private static String describe(Map<String, List<String>> evidence) {
        List<String> parts = new ArrayList<>();
        evidence.forEach((k, v) -> parts.add(k + " [" + String.join("; ", v) + "]"));
        return String.join(", ", parts);
    }

    /**
     * A refusal that ran (insufficient_stock) is kept under its key and replayed: the same key can't also have
     * succeeded. Any reserve ok and any reserve fail of that code under one key is a contradiction.
     */
    private static void refusalsReplayed(List<Ops.Operation> ops, List<String> problems) {
        Map<String, List<String>> oks = new LinkedHashMap<>();
        Map<String, List<String>> refused = new LinkedHashMap<>();
        for (Ops.Operation o : ops) {
            if (!o.f().equals("reserve")) {
                continue;
            }
            for (Op c : o.completions()) {
                if (c.type() == Op.Type.ok) {
                    oks.computeIfAbsent(o.arg("key"), k -> new ArrayList<>())
                            .add("op " + o.id() + " ok " + c.str("reservation_id") + " at event " + c.index());
                } else if (c.type() == Op.Type.fail && "insufficient_stock".equals(c.str("code"))) {
                    refused.computeIfAbsent(o.arg("key"), k -> new ArrayList<>())
                            .add("op " + o.id() + " insufficient_stock at event " + c.index());
                }
            }
        }
        refused.forEach((key, fails) -> {
            if (oks.containsKey(key)) {
                Ops.add(problems, "key " + key + " answered both ok and a replayable refusal: " + oks.get(key) + " vs "
                        + fails);
            }
        });
    }

    /** Receipts and adjustments: every ok under one key reports one on_hand. Returns how many keys were seen. */
    private static int stockReplays(List<Ops.Operation> ops, List<String> problems) {
        Map<String, Map<Long, List<String>>> onHandByKey = new TreeMap<>();
        for (Ops.Operation o : ops) {
            if (!(o.f().equals("receipt") || o.f().equals("adjust")) || o.arg("key") == null) {
                continue;
            }
            for (Op ok : o.oks()) {
                if (ok.has("on_hand")) {
                    onHandByKey.computeIfAbsent(o.f() + " key " + o.arg("key") + " (sku " + o.arg("sku") + ")",
                                    k -> new TreeMap<>())
                            .computeIfAbsent(ok.num("on_hand"), k -> new ArrayList<>())
                            .add("op " + o.id() + " ok at event " + ok.index());
                }
            }
        }
        onHandByKey.forEach((key, byOnHand) -> {
            if (byOnHand.size() > 1) {
                List<String> parts = new ArrayList<>();
                byOnHand.forEach((onHand, where) -> parts.add("on_hand " + onHand + " " + where));
                Ops.add(problems, key + " applied more than once? its ok completions report different on_hand: "
                        + String.join(", ", parts));
            }
        });
        return onHandByKey.size();
    }
}
