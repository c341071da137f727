package org.inventory.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.inventory.ledger.Limits;
import org.inventory.ledger.proto.AdjustStock;
import org.inventory.ledger.proto.AdjustmentReason;
import org.inventory.ledger.proto.LedgerCommand;
import org.inventory.ledger.proto.ReceiveStock;
import org.inventory.ledger.proto.ReconcileStock;
import org.inventory.ledger.proto.UpsertSkuPolicy;

/** SKUs and the stock side of the ledger (role stock for changes; any token reads). */
@Controller("/v1/skus")
final class SkuController {
    private final CommandGateway gateway;
    private final Reads reads;

    SkuController(CommandGateway gateway, Reads reads) {
        this.gateway = gateway;
        this.reads = reads;
    }

    @Put("/{sku}")
    CompletableFuture<HttpResponse<Map<String, Object>>> upsert(@PathVariable String sku, @Nullable @Body String body,
                                                                @Nullable @Header(IdempotencyKey.HEADER) String key) {
        JsonBody b = JsonBody.parse(body, Set.of("safety_stock", "hold_ttl_seconds", "max_per_customer",
                "low_stock_threshold", "backorder_limit"));
        UpsertSkuPolicy.Builder p = UpsertSkuPolicy.newBuilder().setSku(sku);
        Long v;
        if ((v = b.optionalLong("safety_stock", 0, Limits.MAX_ON_HAND)) != null) p.setSafetyStock(v);
        if ((v = b.optionalLong("hold_ttl_seconds", 1, Limits.MAX_TTL_SECONDS)) != null) p.setHoldTtlSeconds(v.intValue());
        if ((v = b.optionalLong("max_per_customer", 0, Limits.MAX_QUANTITY)) != null) p.setMaxPerCustomer(v);
        if ((v = b.optionalLong("low_stock_threshold", 0, Limits.MAX_ON_HAND)) != null) p.setLowStockThreshold(v);
        if ((v = b.optionalLong("backorder_limit", 0, Limits.MAX_QUANTITY)) != null) p.setBackorderLimit(v);
        LedgerCommand c = LedgerCommand.newBuilder().setIdempotencyKey(IdempotencyKey.check(key, false)).setUpsertSkuPolicy(p).build();
        return gateway.submit(c).thenApply(r -> {
            Outcomes.requireOk(r);
            return Responses.applied(HttpStatus.OK, r, Views.sku(r.getSku(), r.getLogIndex()));
        });
    }

    @Get("/{sku}")
    CompletableFuture<Map<String, Object>> get(@PathVariable String sku, @Nullable @QueryValue String consistency) {
        return reads.read(consistency, "linearizable", null, l -> l.sku(sku).map(v -> Views.sku(v, l.lastAppliedIndex())))
                .thenApply(found -> found.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "sku_not_found", "unknown sku " + sku)));
    }

    @Post("/{sku}/receipts")
    CompletableFuture<HttpResponse<Map<String, Object>>> receive(@PathVariable String sku, @Nullable @Body String body,
                                                                 @Nullable @Header(IdempotencyKey.HEADER) String key) {
        JsonBody b = JsonBody.parse(body, Set.of("quantity", "reference"));
        ReceiveStock.Builder r = ReceiveStock.newBuilder().setSku(sku).setQuantity(b.requiredLong("quantity", 1, Limits.MAX_QUANTITY));
        String reference = b.optionalString("reference", Limits.MAX_TEXT_LENGTH);
        if (reference != null) r.setReference(reference);
        return stockChange(LedgerCommand.newBuilder().setIdempotencyKey(IdempotencyKey.check(key, true)).setReceiveStock(r).build());
    }

    @Post("/{sku}/adjustments")
    CompletableFuture<HttpResponse<Map<String, Object>>> adjust(@PathVariable String sku, @Nullable @Body String body,
                                                                @Nullable @Header(IdempotencyKey.HEADER) String key) {
        JsonBody b = JsonBody.parse(body, Set.of("delta", "reason_code", "note", "expected_on_hand"));
        long delta = b.requiredLong("delta", -Limits.MAX_QUANTITY, Limits.MAX_QUANTITY);
        if (delta == 0) {
            throw ApiException.badRequest("delta must not be zero", "delta");
        }
        String reason = b.requiredString("reason_code", 64);
        AdjustmentReason code;
        try {
            code = AdjustmentReason.valueOf(reason);
        } catch (IllegalArgumentException e) {
            code = AdjustmentReason.UNRECOGNIZED;
        }
        if (code == AdjustmentReason.UNRECOGNIZED || code == AdjustmentReason.ADJUSTMENT_REASON_UNSPECIFIED) {
            throw ApiException.badRequest("reason_code must be one of DAMAGED, CYCLE_COUNT, RETURN, MANUAL, RECONCILIATION, "
                    + "SHRINKAGE, FOUND, TRANSFER_IN, TRANSFER_OUT", "reason_code");
        }
        AdjustStock.Builder a = AdjustStock.newBuilder().setSku(sku).setDelta(delta).setReasonCode(code);
        String note = b.optionalString("note", Limits.MAX_TEXT_LENGTH);
        if (note != null) a.setNote(note);
        Long expected = b.optionalLong("expected_on_hand", 0, Limits.MAX_ON_HAND);
        if (expected != null) a.setExpectedOnHand(expected);
        return stockChange(LedgerCommand.newBuilder().setIdempotencyKey(IdempotencyKey.check(key, true)).setAdjustStock(a).build());
    }

    @Post("/{sku}/reconciliations")
    CompletableFuture<HttpResponse<Map<String, Object>>> reconcile(@PathVariable String sku, @Nullable @Body String body,
                                                                   @Nullable @Header(IdempotencyKey.HEADER) String key) {
        JsonBody b = JsonBody.parse(body, Set.of("warehouse_on_hand", "source", "as_of"));
        ReconcileStock.Builder r = ReconcileStock.newBuilder().setSku(sku)
                .setWarehouseOnHand(b.requiredLong("warehouse_on_hand", 0, Limits.MAX_ON_HAND))
                .setSource(b.requiredString("source", Limits.MAX_TEXT_LENGTH));
        String asOf = b.optionalString("as_of", 64);
        if (asOf != null) {
            try {
                r.setAsOfMs(java.time.Instant.parse(asOf).toEpochMilli());
            } catch (java.time.format.DateTimeParseException e) {
                throw ApiException.badRequest("as_of must be an ISO-8601 instant such as 2026-11-23T12:00:00Z", "as_of");
            }
        }
        return gateway.submit(LedgerCommand.newBuilder().setIdempotencyKey(IdempotencyKey.check(key, true)).setReconcileStock(r).build())
                .thenApply(res -> {
                    Outcomes.requireOk(res);
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("drift", res.getStockChange().getDrift());
                    out.put("on_hand", res.getStockChange().getOnHand());
                    out.put("ledger_index", res.getStockChange().getLedgerIndex() == 0 ? null : res.getStockChange().getLedgerIndex());
                    return Responses.applied(HttpStatus.CREATED, res, out);
                });
    }

    @Get("/{sku}/ledger")
    CompletableFuture<Map<String, Object>> ledger(@PathVariable String sku, @Nullable @QueryValue Long after,
                                                  @Nullable @QueryValue Integer limit, @Nullable @QueryValue String consistency) {
        long from = after == null ? 0 : after;
        int max = limit == null ? 100 : limit;
        if (from < 0) {
            throw ApiException.badRequest("after must not be negative", "after");
        }
        if (max < 1 || max > 1000) {
            throw ApiException.badRequest("limit must be between 1 and 1000", "limit");
        }
        return reads.read(consistency, "linearizable", null, l -> l.ledgerEntries(sku, from, max)).thenApply(page -> {
            var p = page.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "sku_not_found", "unknown sku " + sku));
            List<Map<String, Object>> entries = new ArrayList<>();
            p.entries().forEach(e -> entries.add(Views.ledgerEntry(e)));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("entries", entries);
            out.put("next", p.next() == 0 ? null : p.next());
            return out;
        });
    }

    private CompletableFuture<HttpResponse<Map<String, Object>>> stockChange(LedgerCommand c) {
        return gateway.submit(c).thenApply(r -> {
            Outcomes.requireOk(r);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("ledger_index", r.getStockChange().getLedgerIndex());
            out.put("on_hand", r.getStockChange().getOnHand());
            return Responses.applied(HttpStatus.CREATED, r, out);
        });
    }
}
