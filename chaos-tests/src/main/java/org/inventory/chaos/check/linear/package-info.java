/**
 * Per-SKU linearizability of the reservation ledger (entry point: {@code LinearizabilityCheck}).
 *
 * <p>Pipeline: {@link org.inventory.chaos.check.linear.ClientOps} groups events into operations (the last definite
 * completion counts); {@link org.inventory.chaos.check.linear.ExpiryEvidence} collects who saw which reservation end
 * how; {@link org.inventory.chaos.check.linear.SkuHistoryBuilder} builds each SKU's history of
 * {@link org.inventory.chaos.check.linear.LinOp}s with windows, synthesizing expiries and flagging what is impossible
 * without search ({@link org.inventory.chaos.check.linear.ImpossibleReads}, expiries seen too early);
 * {@link org.inventory.chaos.check.linear.Search} looks for a linearization against
 * {@link org.inventory.chaos.check.linear.SkuModel}; {@link org.inventory.chaos.check.linear.StuckReport} says where
 * it got stuck.
 *
 * <p>The search is Wing &amp; Gong's, with Lowe's just-in-time linearization and a memo of configurations (the set
 * of linearized ops, kept as the few pending ops, plus the model state). What keeps it near-linear on long chaos
 * histories, each rule argued where it lives: reserves and expiries follow the ledger's clock where the history
 * reveals it ({@link org.inventory.chaos.check.linear.LedgerOrder}); ops that change nothing are placed as soon as
 * the state accepts them;
 * open-ended ops that would be no-ops are never placed; a reservation that becomes terminal kills the branch at once
 * if one of its later ops can no longer be accepted; interchangeable expiries go in window order; the ops tried
 * before a stuck op are ordered by how close they bring it to being accepted. {@code SearchCrossCheckTest} checks
 * the whole against a brute force.
 *
 * <p>Open-ended ops (indeterminate client ops, expiries nobody saw) may take effect any time after their call or
 * never. They make the search wider; a SKU whose search exceeds its budget is UNKNOWN, with the furthest point
 * reached.
 */
package org.inventory.chaos.check.linear;
