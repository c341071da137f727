package org.inventory.ledger.demo;

import org.inventory.ledger.Ledger;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.CommitReservation;
import org.inventory.ledger.proto.LedgerCommand;
import org.inventory.ledger.proto.ReceiveStock;
import org.inventory.ledger.proto.Reserve;
import org.inventory.ledger.proto.ReservationLine;
import org.inventory.ledger.proto.Tick;
import org.inventory.ledger.proto.UpsertSkuPolicy;

/**
 * Two buyers race for the last console, through the ledger alone (no Raft, no HTTP yet): the log order decides,
 * a retry replays, an abandoned hold expires and the unit goes to the next buyer.
 * Run: {@code mvn -q -pl state-machine -Pdemo test-compile exec:java}.
 */
public final class LastUnitDemo {
    private static final Ledger LEDGER = new Ledger();
    private static long index;
    private static long clockMs = 1_700_000_000_000L;

    public static void main(String[] args) {
        run("create sku console-x (holds last 60 s)", LedgerCommand.newBuilder().setUpsertSkuPolicy(
                UpsertSkuPolicy.newBuilder().setSku("console-x").setHoldTtlSeconds(60).setLowStockThreshold(3)));
        run("receive 1 unit", LedgerCommand.newBuilder().setReceiveStock(ReceiveStock.newBuilder().setSku("console-x").setQuantity(1)));
        System.out.println("    availability: " + LEDGER.availability("console-x").orElseThrow());
        LedgerCommand.Builder alice = LedgerCommand.newBuilder().setIdempotencyKey("alice-checkout-1").setReserve(
                Reserve.newBuilder().setCustomerId("alice").addLines(ReservationLine.newBuilder().setSku("console-x").setQuantity(1)));
        CommandResult won = run("alice reserves the last unit", alice);
        run("alice's retry after a timeout (same key) replays", alice);
        run("bob reserves a moment later", LedgerCommand.newBuilder().setIdempotencyKey("bob-checkout-1").setReserve(
                Reserve.newBuilder().setCustomerId("bob").addLines(ReservationLine.newBuilder().setSku("console-x").setQuantity(1))));
        System.out.println("    availability: " + LEDGER.availability("console-x").orElseThrow());
        clockMs += 61_000;
        run("61 s later the leader ticks: alice's unpaid hold expires", LedgerCommand.newBuilder().setTick(Tick.getDefaultInstance()));
        run("alice's payment arrives too late", LedgerCommand.newBuilder().setCommitReservation(
                CommitReservation.newBuilder().setReservationId(won.getReservation().getReservationId())));
        CommandResult bob = run("bob tries again", LedgerCommand.newBuilder().setIdempotencyKey("bob-checkout-2").setReserve(
                Reserve.newBuilder().setCustomerId("bob").addLines(ReservationLine.newBuilder().setSku("console-x").setQuantity(1))));
        run("bob pays", LedgerCommand.newBuilder().setCommitReservation(
                CommitReservation.newBuilder().setReservationId(bob.getReservation().getReservationId())));
        System.out.println("    sku: " + LEDGER.sku("console-x").orElseThrow().toString().replace('\n', ' '));
        System.out.println("    state digest at index " + LEDGER.lastAppliedIndex() + ": " + LEDGER.digestHex());
    }

    private static CommandResult run(String what, LedgerCommand.Builder command) {
        CommandResult r = LEDGER.apply(command.build().toByteArray(), ++index, clockMs);
        String outcome = r.getCode() + (r.getReplayed() ? " (replayed)" : "")
                + (r.hasReservation() ? " " + r.getReservation().getReservationId() + " " + r.getReservation().getState() : "")
                + (r.hasShortage() ? " sellable=" + r.getShortage().getLines(0).getSellable() : "");
        System.out.printf("%-58s -> %s%n", what, outcome);
        return r;
    }
}
