package org.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.inventory.ledger.LedgerScripts.Step;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.LedgerCommand;
import org.inventory.ledger.proto.ResultCode;

class LedgerPropertyTest {

    @Provide
    Arbitrary<List<Step>> scripts() {
        return LedgerScripts.scripts(160);
    }

    /** Runs a script step by step on a ledger, remembering the reservations it creates. */
    static final class Runner {
        final TestLedger t;
        final List<String> reservations = new ArrayList<>();
        final List<LedgerCommand> sent = new ArrayList<>();
        final LedgerScripts.Context context = new LedgerScripts.Context(reservations, sent);

        Runner(LedgerSettings settings) {
            t = new TestLedger(settings);
        }

        CommandResult step(Step step) {
            t.clockMs += step.advanceMs();
            LedgerCommand c = step.op().command(context);
            sent.add(c);
            CommandResult r = t.run(c);
            if (c.hasReserve() && r.getCode() == ResultCode.OK && !r.getReplayed()) {
                reservations.add(r.getReservation().getReservationId());
            }
            for (CommandResult item : r.getBatch().getResultsList()) {
                if (item.getCode() == ResultCode.OK && !item.getReplayed()) {
                    reservations.add(item.getReservation().getReservationId());
                }
            }
            return r;
        }
    }

    static final LedgerSettings SMALL = new LedgerSettings(90_000, 120_000, 6);

    @Property(tries = 400)
    void invariantsHoldAfterEveryStepAndRefusalsChangeNothing(@ForAll("scripts") List<Step> script) {
        Runner run = new Runner(SMALL);
        for (Step step : script) {
            run.t.clockMs += step.advanceMs();
            // a refusal may still let holds expire and keys age out: that happens on the entry's time, before the command
            run.t.ok(Commands.tick());
            String before = run.t.digestIgnoringProgress();
            String stockBefore = run.t.stockAndReservations();
            int keysBefore = run.t.ledger.idempotencyKeyCount();
            CommandResult r = run.step(new Step(step.op(), 0));
            if (r.getReplayed() || (r.getCode() != ResultCode.OK && !Ledger.isKeptForReplay(r.getCode()))) {
                assertThat(run.t.digestIgnoringProgress()).as("%s (replayed=%s): %s", r.getCode(), r.getReplayed(), r.getDetail())
                        .isEqualTo(before);
            } else if (r.getCode() != ResultCode.OK) {
                // a refusal kept for replay only records its key
                assertThat(run.t.stockAndReservations()).as("refused with %s: %s", r.getCode(), r.getDetail()).isEqualTo(stockBefore);
                assertThat(run.t.ledger.idempotencyKeyCount()).isBetween(keysBefore, keysBefore + 1);
            }
            assertThat(r.getCode()).isNotIn(ResultCode.RESULT_CODE_UNSPECIFIED, ResultCode.MALFORMED_COMMAND);
            LedgerInvariants.check(run.t.ledger);
            assertThat(run.t.ledger.verifyDigest()).as("the kept digest is the recomputed one after %s", r.getCode()).isTrue();
        }
    }

    @Property(tries = 300)
    void twoReplicasApplyingTheSameLogAgree(@ForAll("scripts") List<Step> script) {
        Runner leader = new Runner(SMALL);
        Ledger follower = new Ledger(SMALL);
        for (Step step : script) {
            leader.t.clockMs += step.advanceMs();
            LedgerCommand c = step.op().command(leader.context);
            byte[] entry = c.toByteArray();
            CommandResult onLeader = leader.step(new Step(ctx -> c, 0));
            CommandResult onFollower = follower.apply(entry, leader.t.index, leader.t.clockMs);
            assertThat(onFollower).isEqualTo(onLeader);
        }
        assertThat(follower.digestHex()).isEqualTo(leader.t.ledger.digestHex());
    }

    /** A fresh small ledger that has applied the script's first {@code steps} steps. */
    private static Runner ranUpTo(List<Step> script, int steps) {
        Runner run = new Runner(SMALL);
        script.subList(0, steps).forEach(run::step);
        return run;
    }

    @Property(tries = 200)
    void snapshotThenRestoreThenContinueEqualsNeverSnapshotting(@ForAll("scripts") List<Step> script,
                                                                @ForAll @IntRange(min = 0, max = 170) int cut) throws IOException {
        int cutAt = Math.min(cut, script.size());
        Runner straight = ranUpTo(script, cutAt);
        ByteArrayOutputStream snap = new ByteArrayOutputStream();
        straight.t.ledger.writeSnapshot(snap);
        Ledger restored = Ledger.readSnapshot(new ByteArrayInputStream(snap.toByteArray()));
        assertThat(restored.digestHex()).isEqualTo(straight.t.ledger.digestHex());
        LedgerInvariants.check(restored);

        for (Step step : script.subList(cutAt, script.size())) {
            straight.t.clockMs += step.advanceMs();
            LedgerCommand c = step.op().command(straight.context);
            CommandResult expected = straight.step(new Step(ctx -> c, 0));
            assertThat(restored.apply(c.toByteArray(), straight.t.index, straight.t.clockMs)).isEqualTo(expected);
            assertThat(restored.digestHex()).isEqualTo(straight.t.ledger.digestHex());
        }
        LedgerInvariants.check(restored);
        assertThat(restored.verifyDigest()).isTrue();
        assertThat(straight.t.ledger.verifyDigest()).isTrue();
    }

    @Property(tries = 200)
    void aCaptureWrittenWhileTheLedgerGoesOnIsTheSnapshotOfItsMoment(@ForAll("scripts") List<Step> script,
                                                                     @ForAll @IntRange(min = 0, max = 170) int cut) throws IOException {
        int cutAt = Math.min(cut, script.size());
        Runner run = ranUpTo(script, cutAt);
        ByteArrayOutputStream atCut = new ByteArrayOutputStream();
        run.t.ledger.writeSnapshot(atCut);
        String digestAtCut = run.t.ledger.digestHex();
        SnapshotCapture capture = run.t.ledger.captureSnapshot();
        for (Step step : script.subList(cutAt, script.size())) {
            run.step(step); // the ledger changes under the capture: extends, commits, expiries, pruning, new keys
        }
        run.t.clockMs += 400_000;
        run.t.ok(Commands.tick()); // and everything that can expire or be pruned, is
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        capture.writeTo(written);
        assertThat(written.toByteArray()).isEqualTo(atCut.toByteArray());
        assertThat(Ledger.readSnapshot(new ByteArrayInputStream(written.toByteArray())).digestHex()).isEqualTo(digestAtCut);
    }

    @Property(tries = 200)
    void aCaptureFrozenSliceBySliceWhileTheLedgerAppliesBetweenSlicesIsTheSnapshotOfItsMoment(
            @ForAll("scripts") List<Step> script, @ForAll @IntRange(min = 0, max = 170) int cut,
            @ForAll @IntRange(min = 1, max = 3) int sliceSize) throws IOException {
        int cutAt = Math.min(cut, script.size());
        Runner run = ranUpTo(script, cutAt);
        ByteArrayOutputStream atCut = new ByteArrayOutputStream();
        run.t.ledger.writeSnapshot(atCut);
        SnapshotCapture capture = run.t.ledger.captureSnapshot().withSliceSize(sliceSize);
        java.util.Iterator<Step> rest = script.subList(cutAt, script.size()).iterator();
        int[] slices = {0};
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        capture.writeTo(written, slice -> {
            // apply goes on between every slice of freezing, as it does beside the replica's snapshot writer
            for (int i = 0; i < 2 && rest.hasNext(); i++) {
                run.step(rest.next());
            }
            if (++slices[0] % 5 == 0) {
                run.t.clockMs += 100_000;
                run.t.ok(Commands.tick()); // expiries and pruning mid-freeze too
            }
            slice.run();
        });
        assertThat(written.toByteArray()).isEqualTo(atCut.toByteArray());
        rest.forEachRemaining(run::step);
        assertThat(capture.isFrozen()).isTrue();
        assertThat(run.t.ledger.verifyDigest()).isTrue();
    }

    @Property(tries = 200)
    void equalDigestsMeanEqualSnapshotsAndDifferentStatesDiffer(@ForAll("scripts") List<Step> a, @ForAll("scripts") List<Step> b)
            throws IOException {
        Runner ra = new Runner(SMALL);
        Runner rb = new Runner(SMALL);
        a.forEach(ra::step);
        b.forEach(rb::step);
        ByteArrayOutputStream sa = new ByteArrayOutputStream();
        ByteArrayOutputStream sb = new ByteArrayOutputStream();
        ra.t.ledger.writeSnapshot(sa);
        rb.t.ledger.writeSnapshot(sb);
        boolean sameState = java.util.Arrays.equals(sa.toByteArray(), sb.toByteArray());
        assertThat(ra.t.ledger.digestHex().equals(rb.t.ledger.digestHex())).isEqualTo(sameState);
    }
}
