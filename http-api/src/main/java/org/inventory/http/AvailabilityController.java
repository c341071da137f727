package org.inventory.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.inventory.raft.LedgerReplica;

/** The browse path: availability from this replica (stale by default, saying how stale), no token needed. */
@Controller("/v1/availability")
final class AvailabilityController {
    private final Reads reads;
    private final LedgerReplica replica;
    private final NodeSettings settings;
    private final AvailabilityStream stream;

    AvailabilityController(Reads reads, LedgerReplica replica, NodeSettings settings, AvailabilityStream stream) {
        this.reads = reads;
        this.replica = replica;
        this.settings = settings;
        this.stream = stream;
    }

    /** Server-sent events: the current availability of each SKU, then one event per change (SOLD_OUT at once). */
    @Get(value = "/stream", produces = io.micronaut.http.MediaType.TEXT_EVENT_STREAM)
    org.reactivestreams.Publisher<io.micronaut.http.sse.Event<AvailabilityJson>> stream(@Nullable @QueryValue("sku") List<String> skus) {
        if (skus == null || skus.isEmpty()) {
            throw ApiException.badRequest("give at least one ?sku=", "sku");
        }
        if (skus.size() > 100) {
            throw ApiException.badRequest("at most 100 skus per stream, got " + skus.size(), "sku");
        }
        if (replica.loading()) {
            throw new ApiException(io.micronaut.http.HttpStatus.SERVICE_UNAVAILABLE, "not_ready",
                    "this node is still loading its state; retry").retryAfter(1);
        }
        return stream.subscribe(new LinkedHashSet<>(skus));
    }

    @Get("/{sku}")
    CompletableFuture<HttpResponse<AvailabilityJson>> one(@PathVariable String sku, @Nullable @QueryValue String consistency,
                                                             @Nullable @QueryValue("max_staleness_ms") Long maxStalenessMs,
                                                             @Nullable @Header("If-None-Match") String ifNoneMatch) {
        long staleness = replica.stalenessMs();
        return reads.read(consistency, "stale", maxStalenessMs, l -> l.availability(sku)
                        .map(a -> AvailabilityJson.of(a, l.lastAppliedIndex(), servedStaleness(consistency, maxStalenessMs, staleness),
                                settings.nodeId())))
                .thenApply(found -> cacheable(found.orElseThrow(() ->
                        new ApiException(HttpStatus.NOT_FOUND, "sku_not_found", "unknown sku " + sku)), ifNoneMatch));
    }

    /**
     * Short-lived and CDN-friendly: max-age 1 s, and an ETag that is the applied index the answer was read at, so a
     * revalidation costs a 304 until the ledger moves on.
     */
    private static HttpResponse<AvailabilityJson> cacheable(AvailabilityJson body, String ifNoneMatch) {
        String etag = "\"" + body.appliedIndex() + "\"";
        if (etag.equals(ifNoneMatch)) {
            return HttpResponse.<AvailabilityJson>status(HttpStatus.NOT_MODIFIED).header("ETag", etag)
                    .header("Cache-Control", "public, max-age=1");
        }
        return HttpResponse.ok(body).header("ETag", etag).header("Cache-Control", "public, max-age=1");
    }

    @Get
    CompletableFuture<AvailabilityJson.Items> many(@Nullable @QueryValue("sku") List<String> skus, @Nullable @QueryValue String consistency,
                                                @Nullable @QueryValue("max_staleness_ms") Long maxStalenessMs) {
        if (skus == null || skus.isEmpty()) {
            throw ApiException.badRequest("give at least one ?sku=", "sku");
        }
        if (skus.size() > 100) {
            throw ApiException.badRequest("at most 100 skus per request, got " + skus.size(), "sku");
        }
        long staleness = replica.stalenessMs();
        return reads.read(consistency, "stale", maxStalenessMs, l -> {
            List<AvailabilityJson> items = new ArrayList<>();
            for (String sku : new LinkedHashSet<>(skus)) {
                l.availability(sku).ifPresent(a -> items.add(AvailabilityJson.of(a, l.lastAppliedIndex(),
                        servedStaleness(consistency, maxStalenessMs, staleness), settings.nodeId())));
            }
            return new AvailabilityJson.Items(items);
        });
    }

    /** A read that went through ReadIndex is as fresh as it gets. */
    private static long servedStaleness(String consistency, Long maxStalenessMs, long localStaleness) {
        boolean linearizable = "linearizable".equals(consistency) || (maxStalenessMs != null && localStaleness > maxStalenessMs);
        return linearizable ? 0 : localStaleness;
    }
}
