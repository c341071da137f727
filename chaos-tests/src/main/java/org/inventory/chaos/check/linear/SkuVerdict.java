package org.inventory.chaos.check.linear;

import java.util.List;
import org.inventory.chaos.check.CheckResult;

/**
 * The linearizability verdict on one SKU.
 *
 * @param sku                   the SKU
 * @param verdict               PASS, FAIL (not linearizable) or UNKNOWN (budget exhausted, or not checkable)
 * @param operations            client operations modelled (without synthesized expiries)
 * @param observedExpiries      expiries synthesized from an observation of EXPIRED
 * @param unobservedExpiries    open-ended expiries of holds nobody saw end
 * @param indeterminateReserves indeterminate reserves modelled as possible anonymous holds
 * @param steps                 search steps used (ops tried against the model)
 * @param problems              why FAIL or UNKNOWN; empty for PASS
 */
public record SkuVerdict(String sku, CheckResult.Verdict verdict, int operations, int observedExpiries,
                         int unobservedExpiries, int indeterminateReserves, long steps, List<String> problems) {
}
