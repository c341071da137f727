package org.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.LedgerCommand;
import org.inventory.ledger.proto.ResultCode;

/** A ledger driven like a Raft log would drive it: increasing indexes, a leader clock the test moves. */
final class TestLedger {
    static final long START_MS = 1_700_000_000_000L;

    final Ledger ledger;
    long index;
    long clockMs = START_MS;

    TestLedger() {
        this(LedgerSettings.DEFAULT);
    }

    TestLedger(LedgerSettings settings) {
        this.ledger = new Ledger(settings);
    }

    CommandResult run(LedgerCommand command) {
        return ledger.apply(command.toByteArray(), ++index, clockMs);
    }

    /** Runs a command that must succeed. */
    CommandResult ok(LedgerCommand command) {
        CommandResult r = run(command);
        assertThat(r.getCode()).as("%s -> %s", command.getKindCase(), r.getDetail()).isEqualTo(ResultCode.OK);
        return r;
    }

    /** Runs a command that must be refused with {@code code}, and checks that it changed nothing. */
    CommandResult refused(LedgerCommand command, ResultCode code) {
        String before = digestIgnoringProgress();
        CommandResult r = run(command);
        assertThat(r.getCode()).as("%s -> %s", command.getKindCase(), r.getDetail()).isEqualTo(code);
        assertThat(digestIgnoringProgress()).as("a refused command changes nothing").isEqualTo(before);
        return r;
    }

    /** Creates a SKU with stock and returns nothing; for setting scenes. */
    void stock(String sku, long onHand) {
        ok(Commands.createSku(sku));
        if (onHand > 0) {
            ok(Commands.receive(sku, onHand));
        }
    }

    String reserveOk(String customer, String sku, long quantity) {
        return ok(Commands.reserve(customer, Commands.line(sku, quantity))).getReservation().getReservationId();
    }

    void advanceSeconds(long seconds) {
        clockMs += seconds * 1000;
    }

    /** SKUs (totals, policy, ledger) and reservations, rendered independently of the snapshot code. */
    String stockAndReservations() {
        StringBuilder out = new StringBuilder();
        for (String sku : ledger.skuNames()) {
            out.append(ledger.sku(sku).orElseThrow()).append(ledger.ledgerEntries(sku, 0, Integer.MAX_VALUE).orElseThrow());
        }
        ledger.state().reservations.keySet().stream().sorted()
                .forEach(id -> out.append(ledger.state().reservations.get(id).view()));
        return out.toString();
    }

    /**
     * The digest of the state with the applied index and the clock set aside: a refused command still advances
     * those (it was a log entry), but must change nothing else.
     */
    String digestIgnoringProgress() {
        LedgerState s = ledger.state();
        long applied = s.lastAppliedIndex, now = s.nowMs;
        s.lastAppliedIndex = 0;
        s.nowMs = 0;
        try {
            return ledger.digestHex();
        } finally {
            s.lastAppliedIndex = applied;
            s.nowMs = now;
        }
    }
}
