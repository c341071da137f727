package org.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.inventory.ledger.Commands.createSku;
import static org.inventory.ledger.Commands.line;
import static org.inventory.ledger.Commands.policy;
import static org.inventory.ledger.Commands.reserve;

import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.ResultCode;
import org.inventory.ledger.proto.UpsertSkuPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SkuPolicyTest {
    private final TestLedger t = new TestLedger();

    @Test
    void creatingASkuGivesDefaultsAndNoStock() {
        CommandResult r = t.ok(createSku("tee-red-m"));
        assertThat(r.getChanged()).isTrue();
        assertThat(r.getSku().getSku()).isEqualTo("tee-red-m");
        assertThat(r.getSku().getOnHand()).isZero();
        assertThat(r.getSku().getPolicy().getHoldTtlSeconds()).isEqualTo(600);
        assertThat(r.getSku().getPolicy().getLowStockThreshold()).isEqualTo(5);
        assertThat(r.getSku().getPolicy().getMaxPerCustomer()).isZero();
        assertThat(t.ledger.sku("tee-red-m")).isPresent();
    }

    @Test
    void omittedFieldsKeepTheirValues() {
        t.ok(policy(UpsertSkuPolicy.newBuilder().setSku("s").setSafetyStock(3).setMaxPerCustomer(2)));
        CommandResult r = t.ok(policy(UpsertSkuPolicy.newBuilder().setSku("s").setHoldTtlSeconds(60)));
        assertThat(r.getSku().getPolicy().getSafetyStock()).isEqualTo(3);
        assertThat(r.getSku().getPolicy().getMaxPerCustomer()).isEqualTo(2);
        assertThat(r.getSku().getPolicy().getHoldTtlSeconds()).isEqualTo(60);
    }

    @Test
    void sameValuesAgainIsAnUnchangedSuccess() {
        t.ok(policy(UpsertSkuPolicy.newBuilder().setSku("s").setSafetyStock(3)));
        assertThat(t.ok(policy(UpsertSkuPolicy.newBuilder().setSku("s").setSafetyStock(3))).getChanged()).isFalse();
    }

    @Test
    void upsertKeepsStock() {
        t.stock("s", 10);
        assertThat(t.ok(policy(UpsertSkuPolicy.newBuilder().setSku("s").setSafetyStock(1))).getSku().getOnHand()).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-leading-dash", "has space", "slash/inside", "ümlaut", "x?y"})
    void badSkuCodesAreInvalidIds(String sku) {
        CommandResult r = t.refused(createSku(sku), ResultCode.INVALID_ID);
        assertThat(r.getField()).isEqualTo("sku");
    }

    @Test
    void oversizeSkuCodeIsTooLong() {
        t.refused(createSku("a".repeat(Limits.MAX_SKU_LENGTH + 1)), ResultCode.ID_TOO_LONG);
        t.ok(createSku("a".repeat(Limits.MAX_SKU_LENGTH)));
    }

    @Test
    void outOfRangePolicyValuesAreRefusedNamingTheField() {
        t.ok(createSku("s"));
        assertThat(t.refused(policy(UpsertSkuPolicy.newBuilder().setSku("s").setSafetyStock(-1)), ResultCode.INVALID_VALUE)
                .getField()).isEqualTo("safety_stock");
        assertThat(t.refused(policy(UpsertSkuPolicy.newBuilder().setSku("s").setMaxPerCustomer(-1)), ResultCode.INVALID_VALUE)
                .getField()).isEqualTo("max_per_customer");
        assertThat(t.refused(policy(UpsertSkuPolicy.newBuilder().setSku("s").setLowStockThreshold(Limits.MAX_ON_HAND + 1)),
                ResultCode.INVALID_VALUE).getField()).isEqualTo("low_stock_threshold");
        assertThat(t.refused(policy(UpsertSkuPolicy.newBuilder().setSku("s").setBackorderLimit(Limits.MAX_QUANTITY + 1)),
                ResultCode.INVALID_VALUE).getField()).isEqualTo("backorder_limit");
        assertThat(t.refused(policy(UpsertSkuPolicy.newBuilder().setSku("s").setHoldTtlSeconds(0)), ResultCode.INVALID_TTL)
                .getField()).isEqualTo("hold_ttl_seconds");
        t.refused(policy(UpsertSkuPolicy.newBuilder().setSku("s").setHoldTtlSeconds(Limits.MAX_TTL_SECONDS + 1)), ResultCode.INVALID_TTL);
    }

    @Test
    void loweringTheBackorderLimitBelowWhatIsHeldIsRefused() {
        t.ok(policy(UpsertSkuPolicy.newBuilder().setSku("s").setBackorderLimit(5)));
        t.reserveOk("c1", "s", 4); // all of it on backorder
        CommandResult r = t.refused(policy(UpsertSkuPolicy.newBuilder().setSku("s").setBackorderLimit(3)), ResultCode.WOULD_GO_NEGATIVE);
        assertThat(r.getField()).isEqualTo("backorder_limit");
        t.ok(policy(UpsertSkuPolicy.newBuilder().setSku("s").setBackorderLimit(4)));
    }

    @Test
    void safetyStockIsKeptOutOfWhatCanBeReserved() {
        t.ok(policy(UpsertSkuPolicy.newBuilder().setSku("s").setSafetyStock(2)));
        t.ok(Commands.receive("s", 5));
        t.refused(reserve("c", line("s", 4)), ResultCode.INSUFFICIENT_STOCK);
        t.ok(reserve("c", line("s", 3)));
    }
}
