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

    /** What a step can refer to: the reservations created so far and the commands sent so far. */
    record Context(List<String> reservations, List<LedgerCommand> sent) {
    }

    /** Builds a command against what the script did so far. */
    interface Op {
        LedgerCommand command(Context context);
    }

    static Arbitrary<List<Step>> scripts(int maxSteps) {
        Arbitrary<Long> advance = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(0L)),
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(1, 5_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(5_000, 120_000)));
        Arbitrary<List<Step>> body = Combinators.combine(ops(), advance).as(Step::new).list()
                .ofMinSize(1).ofMaxSize(maxSteps).withSizeDistribution(net.jqwik.api.RandomDistribution.uniform());
        return Combinators.combine(prelude(), body).as((p, b) -> {
            List<Step> script = new java.util.ArrayList<>(p);
            script.addAll(b);
            return script;
        });
    }

    /**
     * Most scripts start from a stocked store (three of the four SKUs, a few units each, holds of 5..90 s so they
     * expire within a script); some start from nothing.
     */
    private static Arbitrary<List<Step>> prelude() {
        Arbitrary<List<Step>> stocked = Combinators.combine(Arbitraries.longs().between(1, 8).list().ofSize(3),
                Arbitraries.integers().between(5, 90).list().ofSize(3)).as((stock, ttl) -> {
            List<Step> steps = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                LedgerCommand create = Commands.policy(UpsertSkuPolicy.newBuilder().setSku(SKUS.get(i)).setHoldTtlSeconds(ttl.get(i)));
                LedgerCommand receive = Commands.receive(SKUS.get(i), stock.get(i));
                steps.add(new Step(ctx -> create, 0));
                steps.add(new Step(ctx -> receive, 0));
            }
            return steps;
        });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(9, stocked),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(List.of())));
    }

    static Arbitrary<Op> ops() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, policies()),
                net.jqwik.api.Tuple.of(3, receipts()),
                net.jqwik.api.Tuple.of(2, adjustments()),
                net.jqwik.api.Tuple.of(1, reconciliations()),
                net.jqwik.api.Tuple.of(10, reserves()),
                net.jqwik.api.Tuple.of(3, batches()),
                net.jqwik.api.Tuple.of(8, transitions()),
                net.jqwik.api.Tuple.of(3, retries()),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(ctx -> Commands.tick())));
    }

    /** Mostly the stocked SKUs; sometimes the one the prelude never creates, rarely an invalid code. */
    private static Arbitrary<String> sku() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(30, Arbitraries.of(SKUS.subList(0, 3))),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(SKUS.get(3))),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("ghost", "", "bad sku")));
    }

    private static Arbitrary<Long> quantity() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(30, Arbitraries.longs().between(1, 3)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0L, -1L, Limits.MAX_QUANTITY + 1, Long.MAX_VALUE, Long.MIN_VALUE)));
    }

    /**
     * Most commands carry no key; keyed ones draw from a pool of 32, so a key is now and then reused with another
     * payload. Same-payload retries come from the {@code retry} op.
     */
    private static Arbitrary<String> key() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Arbitraries.just("")),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 31).map(i -> "key-" + i)));
    }

    /** Sends again one of the last few commands, exactly: a client retry or a duplicate delivery. */
    private static Arbitrary<Op> retries() {
        return Arbitraries.integers().between(0, 3).map(back -> ctx -> {
            List<LedgerCommand> sent = ctx.sent();
            return sent.isEmpty() ? Commands.tick() : sent.get(Math.max(0, sent.size() - 1 - back));
        });
    }

    private static Op keyed(String key, LedgerCommand c) {
        LedgerCommand withKey = c.toBuilder().setIdempotencyKey(key).build();
        return ctx -> withKey;
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
                    return (Op) ctx -> c;
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
        Arbitrary<List<org.inventory.ledger.proto.ReservationLine>> lines = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(30, Combinators.combine(sku(), quantity()).as(Commands::line).list().ofMinSize(1).ofMaxSize(3)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(List.of())));
        Arbitrary<Integer> ttl = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(30, Arbitraries.of(0, 0, 0, 5, 30)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(-1)));
        return Combinators.combine(lines, Arbitraries.integers().between(0, 40), ttl, key())
                .as((ls, customer, t, key) -> {
                    Reserve.Builder r = Reserve.newBuilder().setCustomerId(customer == 40 ? "" : "customer-" + customer % 5)
                            .setTtlSeconds(t).addAllLines(ls);
                    return keyed(key, LedgerCommand.newBuilder().setReserve(r).build());
                });
    }

    /**
     * A batch of 1..4 reservations (rarely none): items draw their keys from the same pool as single commands, so a
     * batch item replays or collides with a single reservation, or with an earlier item of the same batch.
     */
    private static Arbitrary<Op> batches() {
        Arbitrary<org.inventory.ledger.proto.BatchedReservation> item = Combinators.combine(reserves(),
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(12, Arbitraries.integers().between(0, 31).map(i -> "key-" + i)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(""))))
                .as((op, key) -> org.inventory.ledger.proto.BatchedReservation.newBuilder().setIdempotencyKey(key)
                        .setReserve(op.command(new Context(List.of(), List.of())).getReserve()).build());
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(20, item.list().ofMinSize(1).ofMaxSize(4)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(List.<org.inventory.ledger.proto.BatchedReservation>of())))
                .map(items -> {
                    LedgerCommand c = Commands.batch(items);
                    return (Op) ctx -> c;
                });
    }

    private static Arbitrary<Op> transitions() {
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 1_000),
                        Arbitraries.integers().between(1, 60), key())
                .as((kind, pick, ttl, key) -> (Op) ctx -> {
                    List<String> reservations = ctx.reservations();
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
