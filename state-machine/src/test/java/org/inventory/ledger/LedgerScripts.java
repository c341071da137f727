package org.inventory.ledger;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.inventory.ledger.proto.AdjustStock;
import org.inventory.ledger.proto.AdjustmentReason;
import org.inventory.ledger.proto.LedgerCommand;
import org.inventory.ledger.proto.Reserve;
import org.inventory.ledger.proto.UpsertSkuPolicy;

/**
 * Random command scripts for property tests. Steps name SKUs, customers and keys from small pools so that
 * collisions (the last unit, a limit, a reused key) happen often, and name reservations by position among
 * those created so far, so a script stays meaningful however its earlier steps turned out.
 */
final class LedgerScripts {
    private LedgerScripts() {
    }

    static final List<String> SKUS = List.of("sku-a", "sku-b", "sku-c", "sku-d");

    /** One step: a command (built against the reservations that exist when it runs) and how far the clock moves. */
    record Step(Op op, long advanceMs) {
    }

    /** Builds a command; {@code reservations} are the ids the script's reserves returned so far. */
    interface Op {
        LedgerCommand command(List<String> reservations);
    }

    static Arbitrary<List<Step>> scripts(int maxSteps) {
        Arbitrary<Long> advance = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(0L)),
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(1, 5_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(5_000, 120_000)));
        return Combinators.combine(ops(), advance).as(Step::new).list().ofMinSize(1).ofMaxSize(maxSteps);
    }

    static Arbitrary<Op> ops() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, policies()),
                net.jqwik.api.Tuple.of(3, receipts()),
                net.jqwik.api.Tuple.of(2, adjustments()),
                net.jqwik.api.Tuple.of(1, reconciliations()),
                net.jqwik.api.Tuple.of(8, reserves()),
                net.jqwik.api.Tuple.of(8, transitions()),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(reservations -> Commands.tick())));
    }

    private static Arbitrary<String> sku() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(20, Arbitraries.of(SKUS)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("ghost", "", "bad sku")));
    }

    private static Arbitrary<Long> quantity() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(20, Arbitraries.longs().between(1, 4)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0L, -1L, Limits.MAX_QUANTITY + 1, Long.MAX_VALUE, Long.MIN_VALUE)));
    }

    /** Most commands carry no key; keyed ones draw from a pool of eight so retries and reuse both happen. */
    private static Arbitrary<String> key() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just("")),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 7).map(i -> "key-" + i)));
    }

    private static Op keyed(String key, LedgerCommand c) {
        LedgerCommand withKey = c.toBuilder().setIdempotencyKey(key).build();
        return reservations -> withKey;
    }

    private static Arbitrary<Op> policies() {
        return Combinators.combine(Arbitraries.of(SKUS), Arbitraries.longs().between(0, 2), Arbitraries.integers().between(1, 90),
                Arbitraries.longs().between(0, 3), Arbitraries.longs().between(0, 3), Arbitraries.integers().between(0, 31))
                .as((sku, safety, ttl, maxPer, backorder, mask) -> {
                    UpsertSkuPolicy.Builder p = UpsertSkuPolicy.newBuilder().setSku(sku);
                    if ((mask & 1) != 0) p.setSafetyStock(safety);
                    if ((mask & 2) != 0) p.setHoldTtlSeconds(ttl);
                    if ((mask & 4) != 0) p.setMaxPerCustomer(maxPer);
                    if ((mask & 8) != 0) p.setBackorderLimit(backorder);
                    if ((mask & 16) != 0) p.setLowStockThreshold(safety + 1);
                    LedgerCommand c = Commands.policy(p);
                    return (Op) reservations -> c;
                });
    }

    private static Arbitrary<Op> receipts() {
        return Combinators.combine(sku(), quantity(), key()).as((sku, q, key) -> keyed(key, Commands.receive(sku, q)));
    }

    private static Arbitrary<Op> adjustments() {
        return Combinators.combine(sku(), Arbitraries.longs().between(-4, 4), Arbitraries.of(AdjustmentReason.DAMAGED,
                        AdjustmentReason.RETURN, AdjustmentReason.CYCLE_COUNT, AdjustmentReason.ADJUSTMENT_REASON_UNSPECIFIED),
                Arbitraries.longs().between(-1, 8).injectNull(0.7), key())
                .as((sku, delta, reason, expected, key) -> {
                    AdjustStock.Builder a = AdjustStock.newBuilder().setSku(sku).setDelta(delta).setReasonCode(reason);
                    if (expected != null) a.setExpectedOnHand(expected);
                    return keyed(key, LedgerCommand.newBuilder().setAdjustStock(a).build());
                });
    }

    private static Arbitrary<Op> reconciliations() {
        return Combinators.combine(sku(), Arbitraries.longs().between(-1, 12), Arbitraries.of("wms", "", "audit"), key())
                .as((sku, counted, source, key) -> keyed(key, Commands.reconcile(sku, counted, source)));
    }

    private static Arbitrary<Op> reserves() {
        Arbitrary<List<org.inventory.ledger.proto.ReservationLine>> lines = Combinators.combine(sku(), quantity())
                .as(Commands::line).list().ofMinSize(0).ofMaxSize(3);
        return Combinators.combine(lines, Arbitraries.integers().between(0, 4), Arbitraries.of(0, 0, 0, 5, 30, -1), key())
                .as((ls, customer, ttl, key) -> {
                    Reserve.Builder r = Reserve.newBuilder().setCustomerId(customer == 4 ? "" : "customer-" + customer)
                            .setTtlSeconds(ttl).addAllLines(ls);
                    return keyed(key, LedgerCommand.newBuilder().setReserve(r).build());
                });
    }

    private static Arbitrary<Op> transitions() {
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 1_000),
                        Arbitraries.integers().between(1, 60), key())
                .as((kind, pick, ttl, key) -> (Op) reservations -> {
                    String id = reservations.isEmpty() || pick == 0 ? "res-424242"
                            : reservations.get(reservations.size() - 1 - (pick % reservations.size()) % 4);
                    LedgerCommand c = switch (kind) {
                        case 0, 1 -> Commands.commit(id);
                        case 2 -> Commands.release(id);
                        case 3 -> Commands.extend(id, ttl);
                        case 4 -> Commands.cancel(id);
                        default -> Commands.fulfil(id);
                    };
                    return c.toBuilder().setIdempotencyKey(key).build();
                });
    }
}
