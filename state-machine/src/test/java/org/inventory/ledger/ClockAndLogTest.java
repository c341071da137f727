package org.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.LedgerCommand;
import org.inventory.ledger.proto.ResultCode;
import org.junit.jupiter.api.Test;

class ClockAndLogTest {
    private final Ledger ledger = new Ledger();

    @Test
    void ledgerTimeNeverGoesBackwards() {
        ledger.apply(Commands.createSku("s"), 1, 1_000);
        ledger.apply(Commands.tick(), 2, 500); // a new leader with a slower clock
        assertThat(ledger.nowMs()).isEqualTo(1_000);
        CommandResult r = ledger.apply(Commands.receive("s", 1), 3, 900);
        assertThat(r.getCode()).isEqualTo(ResultCode.OK);
        assertThat(ledger.ledgerEntries("s", 0, 1).orElseThrow().entries().get(0).atMs()).isEqualTo(1_000);
    }

    @Test
    void holdsExpireOnLedgerTimeNotOnAStaleLeaderStamp() {
        ledger.apply(Commands.createSku("s"), 1, 1_000);
        ledger.apply(Commands.receive("s", 1), 2, 1_000);
        String id = ledger.apply(Commands.reserve("c", Commands.line("s", 1)), 3, 1_000).getReservation().getReservationId();
        ledger.apply(Commands.tick(), 4, 601_000);
        // an entry stamped earlier by a lagging clock cannot bring the hold back
        assertThat(ledger.apply(Commands.commit(id), 5, 2_000).getCode()).isEqualTo(ResultCode.INVALID_TRANSITION);
    }

    @Test
    void indexesMustIncreaseAndMayHaveGaps() {
        ledger.apply(Commands.createSku("s"), 5, 1);
        ledger.apply(Commands.tick(), 9, 1); // configuration entries are not ours: gaps are normal
        assertThat(ledger.lastAppliedIndex()).isEqualTo(9);
        assertThatThrownBy(() -> ledger.apply(Commands.tick(), 9, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ledger.apply(Commands.tick(), 3, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void malformedBytesAreRefusedAndChangeNothingButProgress() {
        ledger.apply(Commands.createSku("s"), 1, 1);
        CommandResult r = ledger.apply(new byte[] {(byte) 0xff, (byte) 0xff, 0x01}, 2, 1);
        assertThat(r.getCode()).isEqualTo(ResultCode.MALFORMED_COMMAND);
        assertThat(r.getLogIndex()).isEqualTo(2);
        assertThat(ledger.lastAppliedIndex()).isEqualTo(2);
    }

    @Test
    void aCommandWithNoKindIsMalformed() {
        CommandResult r = ledger.apply(LedgerCommand.newBuilder().setIdempotencyKey("k").build().toByteArray(), 1, 1);
        assertThat(r.getCode()).isEqualTo(ResultCode.MALFORMED_COMMAND);
        assertThat(ledger.idempotencyKeyCount()).isZero();
    }
}
