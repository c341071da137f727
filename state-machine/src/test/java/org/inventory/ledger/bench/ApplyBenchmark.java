package org.inventory.ledger.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.inventory.ledger.Ledger;
import org.inventory.ledger.LedgerSettings;
import org.inventory.ledger.ReservationIds;
import org.inventory.ledger.proto.CommandResult;
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
 * before each measured batch, as a leader encodes them before proposing.
 *
 * <p>Ledger time moves 1 ms every 8 commands; holds, ended reservations and idempotency keys are kept 60 s of that
 * time, so after the first 480 k commands every run is in a steady state: about 480 k live holds (reserve) or
 * ended reservations (checkout), with one expiring or pruned per command.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ApplyBenchmark {
    static final int BATCH = 4096;
    static final int SKUS_WIDE = 100_000;

    /**
     * The ledger under load. Batches encode against its next index and carry it to the benchmark method: JMH 1.37
     * gives a state injected into another state's fixture a separate instance from the same state taken as a
     * benchmark parameter, so the benchmarks reach the ledger through their batch only.
     */
    @State(Scope.Thread)
    public static class LedgerUnderLoad {
        /** hot = every reserve on one SKU; wide = uniformly over 100 k SKUs. */
        @Param({"hot", "wide"})
        public String skus;

        /** Whether each command carries an idempotency key (checkout traffic does: a SHA-256 and a stored result). */
        @Param({"false", "true"})
        public boolean keyed;

        Ledger ledger;
        long index;
        long clockMs = 1_700_000_000_000L;
        long keySeq;
        String[] skuNames;
        final SplittableRandom random = new SplittableRandom(42);

        @Setup(Level.Trial)
        public void createLedger() {
            ledger = new Ledger(new LedgerSettings(60_000, 60_000, 64));
            int count = skus.equals("hot") ? 1 : SKUS_WIDE;
            skuNames = new String[count];
            for (int i = 0; i < count; i++) {
                skuNames[i] = "sku-" + i;
                setUp(LedgerCommand.newBuilder().setUpsertSkuPolicy(UpsertSkuPolicy.newBuilder().setSku(skuNames[i])
                        .setHoldTtlSeconds(60)).build());
                for (int r = 0; r < (count == 1 ? 1000 : 1); r++) {
                    setUp(LedgerCommand.newBuilder().setReceiveStock(ReceiveStock.newBuilder().setSku(skuNames[i])
                            .setQuantity(count == 1 ? 1_000_000_000L : 1_000_000L)).build());
                }
            }
        }

        private void setUp(LedgerCommand c) {
            ResultCode code = ledger.apply(c.toByteArray(), ++index, clockMs).getCode();
            if (code != ResultCode.OK) {
                throw new IllegalStateException("setup command refused: " + code);
            }
        }

        LedgerCommand.Builder command() {
            LedgerCommand.Builder b = LedgerCommand.newBuilder();
            if (keyed) {
                b.setIdempotencyKey("checkout-7f3a9c-" + keySeq++);
            }
            return b;
        }

        byte[] reserve() {
            long n = random.nextLong(1_000_000_000L);
            String sku = skuNames[skuNames.length == 1 ? 0 : random.nextInt(skuNames.length)];
            return command().setReserve(Reserve.newBuilder().setCustomerId("customer-" + (n % 50_000)).setCartId("cart-" + n)
                    .addLines(ReservationLine.newBuilder().setSku(sku).setQuantity(1))).build().toByteArray();
        }

        long applyAll(byte[][] commands) {
            long ok = 0;
            CommandResult firstRefusal = null;
            for (byte[] c : commands) {
                if ((index & 7) == 0) {
                    clockMs++;
                }
                CommandResult r = ledger.apply(c, ++index, clockMs);
                if (r.getCode() == ResultCode.OK) {
                    ok++;
                } else if (firstRefusal == null) {
                    firstRefusal = r;
                }
            }
            if (firstRefusal != null) {
                throw new IllegalStateException((commands.length - ok) + " of " + commands.length + " commands refused, the first with "
                        + firstRefusal.getCode() + " (" + firstRefusal.getDetail() + "): the benchmark is not measuring what it says");
            }
            return ok;
        }
    }

    /** A batch of reserves, encoded before the measured invocation. */
    @State(Scope.Thread)
    public static class ReserveBatch {
        final byte[][] commands = new byte[BATCH][];
        LedgerUnderLoad load;

        @Setup(Level.Invocation)
        public void encode(LedgerUnderLoad load) {
            this.load = load;
            for (int i = 0; i < BATCH; i++) {
                commands[i] = load.reserve();
            }
        }
    }

    /** A batch of checkouts (reserve, commit, fulfil), encoded before the measured invocation. */
    @State(Scope.Thread)
    public static class CheckoutBatch {
        final byte[][] commands = new byte[3 * BATCH][];
        LedgerUnderLoad load;

        @Setup(Level.Invocation)
        public void encode(LedgerUnderLoad load) {
            this.load = load;
            long next = load.index;
            for (int i = 0; i < BATCH; i++) {
                commands[3 * i] = load.reserve();
                String id = ReservationIds.format(ReservationIds.of(next + 3L * i + 1, 0));
                commands[3 * i + 1] = load.command().setCommitReservation(CommitReservation.newBuilder().setReservationId(id))
                        .build().toByteArray();
                commands[3 * i + 2] = load.command().setFulfilReservation(FulfilReservation.newBuilder().setReservationId(id))
                        .build().toByteArray();
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long reserve(ReserveBatch batch) {
        return batch.load.applyAll(batch.commands);
    }

    /** One checkout = three log entries; the state stays bounded because reservations end. Ops = checkouts. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long checkout(CheckoutBatch batch) {
        return batch.load.applyAll(batch.commands);
    }
}
