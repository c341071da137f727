package org.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.inventory.ledger.proto.AdjustmentReason;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.LedgerCommand;
import org.inventory.ledger.proto.ReservationLine;
import org.inventory.ledger.proto.ReservationState;
import org.inventory.ledger.proto.ResultCode;
import org.inventory.ledger.proto.UpsertSkuPolicy;

/**
 * One seeded flash sale: a few SKUs with tiny stock, many buyers who reserve, retry after "timeouts" with the same
 * key, commit, release, abandon (and so expire), cancel and get shipped; a warehouse that receives, writes off
 * damage and reconciles. After every command the ledger is compared with {@link StockModel} and its invariants
 * are checked. Everything random comes from the seed.
 */
final class FlashSaleSimulation {
    private enum Phase { IDLE, HOLDING, COMMITTED }

    private static final class Buyer {
        final String customer;
        Phase phase = Phase.IDLE;
        String reservation;
        int attempts;

        Buyer(String customer) {
            this.customer = customer;
        }
    }

    private final SplittableRandom random;
    private final TestLedger t = new TestLedger();
    private final StockModel model = new StockModel();
    private final List<String> skus = new ArrayList<>();
    private final List<Buyer> buyers = new ArrayList<>();
    /** Key -> first result, to check that every retry replays it exactly. */
    private final Map<String, CommandResult> firstResults = new HashMap<>();
    private final List<LedgerCommand> sentWithKeys = new ArrayList<>();
    private int warehouseOps;
    private int applied;
    int acknowledgedReservations;
    int soldOutRefusals;

    FlashSaleSimulation(long seed) {
        this.random = new SplittableRandom(seed);
    }

    void run(int steps) {
        setUp();
        for (int i = 0; i < steps; i++) {
            t.clockMs += random.nextInt(3_000);
            int dice = random.nextInt(100);
            if (dice < 60) {
                act(buyers.get(random.nextInt(buyers.size())));
            } else if (dice < 70 && !sentWithKeys.isEmpty()) {
                apply(sentWithKeys.get(random.nextInt(sentWithKeys.size()))); // a duplicate delivery or late retry
            } else if (dice < 78) {
                warehouse();
            } else {
                apply(Commands.tick());
            }
        }
        compareReservations();
        LedgerInvariants.check(t.ledger);
        t.clockMs += 3_600_000; // the sale is over: every abandoned hold must come back
        apply(Commands.tick());
        for (String sku : skus) {
            var view = t.ledger.sku(sku).orElseThrow();
            StockModel.Item item = model.items.get(sku);
            assertThat(view.getHeld()).as("%s: no hold outlives its TTL", sku).isZero();
            assertThat(view.getOnHand()).as("%s: on_hand = received + adjusted - fulfilled", sku)
                    .isEqualTo(item.received + item.adjusted - item.fulfilled);
        }
        compareReservations();
        LedgerInvariants.check(t.ledger);
    }

    private void setUp() {
        int skuCount = 1 + random.nextInt(4);
        for (int i = 0; i < skuCount; i++) {
            String sku = "drop-" + i;
            skus.add(sku);
            StockModel.Item item = new StockModel.Item();
            item.ttlSeconds = 10 + random.nextInt(110);
            item.maxPerCustomer = random.nextInt(3);
            item.safety = random.nextInt(4) == 0 ? 1 : 0;
            item.backorder = random.nextInt(5) == 0 ? 1 : 0;
            model.items.put(sku, item);
            apply(Commands.policy(UpsertSkuPolicy.newBuilder().setSku(sku).setHoldTtlSeconds(item.ttlSeconds)
                    .setMaxPerCustomer(item.maxPerCustomer).setSafetyStock(item.safety).setBackorderLimit(item.backorder)));
            apply(Commands.keyed("initial-" + sku, Commands.receive(sku, 1 + random.nextInt(8))));
        }
        int buyerCount = 20 + random.nextInt(60);
        for (int i = 0; i < buyerCount; i++) {
            buyers.add(new Buyer("buyer-" + i));
        }
    }

    private void act(Buyer b) {
        switch (b.phase) {
            case IDLE -> {
                List<ReservationLine> lines = new ArrayList<>();
                int n = 1 + (random.nextInt(4) == 0 ? 1 : 0);
                for (String sku : pick(n)) {
                    lines.add(Commands.line(sku, 1 + (random.nextInt(5) == 0 ? 1 : 0)));
                }
                LedgerCommand reserve = Commands.keyed(b.customer + "/attempt-" + b.attempts++,
                        Commands.reserve(b.customer, lines.toArray(ReservationLine[]::new)));
                CommandResult r = apply(reserve);
                if (random.nextInt(5) == 0) {
                    apply(reserve); // the response was lost: the checkout service retries with the same key
                }
                if (r.getCode() == ResultCode.OK) {
                    b.phase = Phase.HOLDING;
                    b.reservation = r.getReservation().getReservationId();
                }
            }
            case HOLDING -> {
                int dice = random.nextInt(100);
                if (dice < 55) {
                    if (apply(Commands.commit(b.reservation)).getCode() == ResultCode.OK) {
                        b.phase = Phase.COMMITTED;
                    } else {
                        b.phase = Phase.IDLE; // paid too late: the hold had expired
                    }
                } else if (dice < 70) {
                    apply(Commands.release(b.reservation));
                    b.phase = Phase.IDLE;
                } else if (dice < 80) {
                    apply(Commands.extend(b.reservation, 5 + random.nextInt(60)));
                } else if (dice < 90) {
                    b.phase = Phase.IDLE; // abandons the cart: the hold must expire on its own
                }
            }
            case COMMITTED -> {
                int dice = random.nextInt(100);
                if (dice < 10) {
                    apply(Commands.cancel(b.reservation));
                    b.phase = Phase.IDLE;
                } else if (dice < 40) {
                    if (apply(Commands.fulfil(b.reservation)).getCode() == ResultCode.OK) {
                        b.phase = Phase.IDLE;
                    }
                }
            }
        }
    }

    private List<String> pick(int n) {
        List<String> pool = new ArrayList<>(skus);
        List<String> out = new ArrayList<>();
        while (out.size() < n && !pool.isEmpty()) {
            out.add(pool.remove(random.nextInt(pool.size())));
        }
        return out;
    }

    private void warehouse() {
        String sku = skus.get(random.nextInt(skus.size()));
        int dice = random.nextInt(10);
        String key = "warehouse-" + warehouseOps++;
        if (dice < 5) {
            LedgerCommand receipt = Commands.keyed(key, Commands.receive(sku, 1 + random.nextInt(3)));
            apply(receipt);
            if (random.nextBoolean()) {
                apply(receipt); // the WMS integration delivers at least once
            }
        } else if (dice < 8) {
            apply(Commands.keyed(key, Commands.adjust(sku, -1, AdjustmentReason.DAMAGED)));
        } else {
            long counted = Math.max(0, model.items.get(sku).onHand + random.nextInt(3) - 1);
            apply(Commands.keyed(key, Commands.reconcile(sku, counted, "cycle-count")));
        }
    }

    /** Applies one command to the ledger and to the model, and checks that they agree. */
    private CommandResult apply(LedgerCommand c) {
        model.advance(t.clockMs);
        CommandResult r = t.run(c);
        String key = c.getIdempotencyKey();
        CommandResult first = key.isEmpty() ? null : firstResults.get(key);
        if (first != null) {
            assertThat(r.getReplayed()).as("retry of %s", key).isTrue();
            assertThat(r.toBuilder().setReplayed(false).build()).as("retry of %s replays the first result", key).isEqualTo(first);
        } else {
            assertThat(r.getReplayed()).isFalse();
            assertThat(r.getCode()).as("%s: %s", c.getKindCase(), r.getDetail()).isEqualTo(expect(c, r));
            if (!key.isEmpty()) {
                firstResults.put(key, r);
                sentWithKeys.add(c);
            }
        }
        compareTotals();
        if (++applied % 20 == 0) {
            compareReservations(); // every reservation's state and deadline; O(reservations), so not every step
            LedgerInvariants.check(t.ledger);
        }
        return r;
    }

    /** What the model says the outcome must be; performs the model's side of it. */
    private ResultCode expect(LedgerCommand c, CommandResult actual) {
        switch (c.getKindCase()) {
            case UPSERT_SKU_POLICY, TICK -> {
                return ResultCode.OK;
            }
            case RECEIVE_STOCK -> {
                StockModel.Item item = model.items.get(c.getReceiveStock().getSku());
                item.onHand += c.getReceiveStock().getQuantity();
                item.received += c.getReceiveStock().getQuantity();
                return ResultCode.OK;
            }
            case ADJUST_STOCK -> {
                return model.changeOnHand(c.getAdjustStock().getSku(), c.getAdjustStock().getDelta());
            }
            case RECONCILE_STOCK -> {
                String sku = c.getReconcileStock().getSku();
                long drift = c.getReconcileStock().getWarehouseOnHand() - model.items.get(sku).onHand;
                return drift == 0 ? ResultCode.OK : model.changeOnHand(sku, drift);
            }
            case RESERVE -> {
                var reserve = c.getReserve();
                ResultCode expected = model.expectReserve(reserve.getCustomerId(), reserve.getLinesList());
                if (expected == ResultCode.OK && actual.getCode() == ResultCode.OK) {
                    int ttl = model.ttlFor(reserve.getLinesList());
                    model.reserved(actual.getReservation().getReservationId(), reserve.getCustomerId(), reserve.getLinesList(), ttl);
                    assertThat(actual.getReservation().getExpiresAtMs()).isEqualTo(model.nowMs + ttl * 1000L);
                    acknowledgedReservations++;
                }
                if (expected == ResultCode.INSUFFICIENT_STOCK) {
                    soldOutRefusals++;
                }
                return expected;
            }
            case COMMIT_RESERVATION -> {
                return model.transition(c.getCommitReservation().getReservationId(), "commit");
            }
            case RELEASE_RESERVATION -> {
                return model.transition(c.getReleaseReservation().getReservationId(), "release");
            }
            case CANCEL_RESERVATION -> {
                return model.transition(c.getCancelReservation().getReservationId(), "cancel");
            }
            case FULFIL_RESERVATION -> {
                return model.transition(c.getFulfilReservation().getReservationId(), "fulfil");
            }
            case EXTEND_RESERVATION -> {
                StockModel.Hold h = model.holds.get(c.getExtendReservation().getReservationId());
                if (h.state != ReservationState.HELD) {
                    return ResultCode.INVALID_TRANSITION;
                }
                h.expiresAtMs = Math.max(h.expiresAtMs, model.nowMs + c.getExtendReservation().getTtlSeconds() * 1000L);
                return ResultCode.OK;
            }
            default -> throw new AssertionError("the simulation does not send " + c.getKindCase());
        }
    }

    private void compareTotals() {
        for (var e : model.items.entrySet()) {
            var view = t.ledger.sku(e.getKey()).orElseThrow();
            StockModel.Item item = e.getValue();
            assertThat(new long[] {view.getOnHand(), view.getHeld(), view.getCommitted()}).as("%s on_hand/held/committed", e.getKey())
                    .containsExactly(item.onHand, item.held, item.committed);
        }
    }

    private void compareReservations() {
        for (StockModel.Hold h : model.holds.values()) {
            var view = t.ledger.reservation(h.id).orElseThrow();
            assertThat(view.getState()).as("state of %s", h.id).isEqualTo(h.state);
            assertThat(view.getExpiresAtMs()).as("deadline of %s", h.id).isEqualTo(h.expiresAtMs);
        }
    }
}
