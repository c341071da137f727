package org.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.inventory.ledger.Availability.Status;
import org.inventory.ledger.proto.UpsertSkuPolicy;
import org.junit.jupiter.api.Test;

class AvailabilityTest {
    private final TestLedger t = new TestLedger();

    private Availability availability() {
        return t.ledger.availability("s").orElseThrow();
    }

    @Test
    void statusFollowsSellable() {
        t.ok(Commands.policy(UpsertSkuPolicy.newBuilder().setSku("s").setLowStockThreshold(3).setSafetyStock(1)));
        assertThat(availability()).isEqualTo(new Availability("s", 0, Status.SOLD_OUT, null));
        t.ok(Commands.receive("s", 10));
        assertThat(availability()).isEqualTo(new Availability("s", 9, Status.IN_STOCK, null));
        t.reserveOk("c", "s", 6);
        assertThat(availability()).isEqualTo(new Availability("s", 3, Status.LOW_STOCK, "Only 3 left"));
        t.reserveOk("d", "s", 3);
        assertThat(availability()).isEqualTo(new Availability("s", 0, Status.SOLD_OUT, null));
    }

    @Test
    void sellableIsFlooredAtZeroWhenSafetyStockExceedsWhatIsLeft() {
        t.stock("s", 2);
        t.ok(Commands.policy(UpsertSkuPolicy.newBuilder().setSku("s").setSafetyStock(5)));
        assertThat(availability().sellable()).isZero();
        assertThat(availability().status()).isEqualTo(Status.SOLD_OUT);
    }

    @Test
    void backorderOnlyStockIsSellableButSaysSo() {
        t.ok(Commands.policy(UpsertSkuPolicy.newBuilder().setSku("s").setBackorderLimit(2)));
        assertThat(availability()).isEqualTo(new Availability("s", 0, Status.LOW_STOCK, "Available on backorder"));
        t.reserveOk("c", "s", 2);
        assertThat(availability().status()).isEqualTo(Status.SOLD_OUT);
    }

    @Test
    void unknownSkuHasNoAvailability() {
        assertThat(t.ledger.availability("ghost")).isEmpty();
    }
}
