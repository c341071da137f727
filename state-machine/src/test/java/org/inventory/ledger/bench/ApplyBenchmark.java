package org.inventory.ledger.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.inventory.ledger.Ledger;
import org.inventory.ledger.LedgerSettings;
import org.inventory.ledger.ReservationIds;
import org.inventory.ledger.proto.CommitReservation;
import org.inventory.ledger.proto.FulfilReservation;
import org.inventory.ledger.proto.LedgerCommand;
import org.inventory.ledger.proto.ReceiveStock;
import org.inventory.ledger.proto.Reserve;
import org.inventory.ledger.proto.ReservationLine;
import org.inventory.ledger.proto.ResultCode;
import org.inventory.ledger.proto.UpsertSkuPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of {@link Ledger#apply(byte[], long, long)} on one thread: the whole per-entry cost a replica pays
 * (protobuf parse, checks, booking, expiry of due holds, idempotency bookkeeping, result). Commands are encoded
 * ahead of each invocation, as a leader would have encoded them before proposing.
 *
 * <p>Ledger time moves 1 ms every 8 commands; holds, ended reservations and idempotency keys are kept 60 s of that
 * time, so after the first 480 k commands every run is in a steady state: about 480 k live holds (reserve) or
 * ended reservations (checkout), with one expiring or pruned per command.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ApplyBenchmark {
    static final int BATCH = 4096;
    static final int SKUS_WIDE = 100_000;
    static final long START_MS = 1_700_000_000_000L;

    /** hot = every reserve on one SKU; wide = uniformly over 100 k SKUs. */
    @Param({"hot", "wide"})
    public String skus;

    /** Whether each command carries an idempotency key (checkout traffic does; it costs a SHA-256 and a stored result). */
    @Param({"false", "true"})
    public boolean keyed;

    private Ledger ledger;
    private long index;
    private long clockMs;
    private long opSeq;
    private String[] skuNames;
    private final SplittableRandom random = new SplittableRandom(42);

    @Setup(Level.Trial)
    public void createLedger() {
        ledger = new Ledger(new LedgerSettings(60_000, 60_000, 64));
        clockMs = START_MS;
        int count = skus.equals("hot") ? 1 : SKUS_WIDE;
        skuNames = new String[count];
        for (int i = 0; i < count; i++) {
            skuNames[i] = "sku-" + i;
            apply(LedgerCommand.newBuilder().setUpsertSkuPolicy(UpsertSkuPolicy.newBuilder().setSku(skuNames[i])
                    .setHoldTtlSeconds(60)).build());
            for (int r = 0; r < (count == 1 ? 1000 : 1); r++) {
                apply(LedgerCommand.newBuilder().setReceiveStock(ReceiveStock.newBuilder().setSku(skuNames[i])
                        .setQuantity(count == 1 ? 1_000_000_000L : 1_000_000L)).build());
            }
        }
    }

    private void apply(LedgerCommand c) {
        ResultCode code = ledger.apply(c.toByteArray(), ++index, clockMs).getCode();
        if (code != ResultCode.OK) {
            throw new IllegalStateException("setup command refused: " + code);
        }
    }

    private LedgerCommand.Builder command() {
        LedgerCommand.Builder b = LedgerCommand.newBuilder();
        if (keyed) {
            b.setIdempotencyKey("checkout-7f3a9c-" + opSeq);
        }
        return b;
    }

    private byte[] reserve() {
        opSeq++;
        String sku = skuNames[skuNames.length == 1 ? 0 : random.nextInt(skuNames.length)];
        return command().setReserve(Reserve.newBuilder().setCustomerId("customer-" + (opSeq % 50_000))
                .setCartId("cart-" + opSeq).addLines(ReservationLine.newBuilder().setSku(sku).setQuantity(1))).build().toByteArray();
    }

    /** A batch of reserves, encoded before the measured invocation. */
    @State(Scope.Thread)
    public static class ReserveBatch {
        final byte[][] commands = new byte[BATCH][];

        @Setup(Level.Invocation)
        public void encode(ApplyBenchmark b) {
            for (int i = 0; i < BATCH; i++) {
                commands[i] = b.reserve();
            }
        }
    }

    /** A batch of checkouts (reserve, commit, fulfil), encoded before the measured invocation. */
    @State(Scope.Thread)
    public static class CheckoutBatch {
        final byte[][] commands = new byte[3 * BATCH][];

        @Setup(Level.Invocation)
        public void encode(ApplyBenchmark b) {
            long next = b.index;
            for (int i = 0; i < BATCH; i++) {
                commands[3 * i] = b.reserve();
                String id = ReservationIds.format(next + 3L * i + 1);
                commands[3 * i + 1] = b.command().setCommitReservation(CommitReservation.newBuilder().setReservationId(id))
                        .build().toByteArray();
                commands[3 * i + 2] = b.command().setFulfilReservation(FulfilReservation.newBuilder().setReservationId(id))
                        .build().toByteArray();
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long reserve(ReserveBatch batch) {
        return applyAll(batch.commands);
    }

    /** One checkout = three log entries; the state stays bounded because reservations end. Ops = checkouts. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long checkout(CheckoutBatch batch) {
        return applyAll(batch.commands);
    }

    private long applyAll(byte[][] commands) {
        long ok = 0;
        int n = commands.length;
        for (int i = 0; i < n; i++) {
            if ((index & 7) == 0) {
                clockMs++;
            }
            if (ledger.apply(commands[i], ++index, clockMs).getCode() == ResultCode.OK) {
                ok++;
            }
        }
        if (ok != n) {
            throw new IllegalStateException((n - ok) + " of " + n + " commands refused: the benchmark is not measuring what it says");
        }
        return ok;
    }
}
