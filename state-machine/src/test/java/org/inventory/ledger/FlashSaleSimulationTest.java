package org.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded flash-sale simulations ({@code -Dsim.seeds=N} of them from {@code -Dsim.seed=S}, default 200 from a fixed
 * seed). A failure names its seed; rerun just that one with {@code -Dsim.seed=<seed> -Dsim.seeds=1}.
 */
class FlashSaleSimulationTest {
    static Stream<Long> seeds() {
        long first = Long.getLong("sim.seed", 20_261_123L);
        int count = Integer.getInteger("sim.seeds", 200);
        return LongStream.range(first, first + count).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void flashSaleKeepsTheLedgerRight(long seed) {
        FlashSaleSimulation sale = new FlashSaleSimulation(seed);
        try {
            sale.run(Integer.getInteger("sim.steps", 1_500));
        } catch (AssertionError e) {
            throw new AssertionError("flash-sale simulation failed with seed " + seed
                    + " (rerun: mvn -pl state-machine test -Dtest=FlashSaleSimulationTest -Dsim.seed=" + seed + " -Dsim.seeds=1)", e);
        }
        assertThat(sale.acknowledgedReservations).as("the sale sold something").isPositive();
    }
}
