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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.inventory.ledger.Limits;
import org.inventory.ledger.proto.CancelReservation;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.CommitReservation;
import org.inventory.ledger.proto.ExtendReservation;
import org.inventory.ledger.proto.FulfilReservation;
import org.inventory.ledger.proto.LedgerCommand;
import org.inventory.ledger.proto.ReleaseReservation;
import org.inventory.ledger.proto.Reserve;
import org.inventory.ledger.proto.ReservationLine;

/** Reservations: create (all lines or none) and move through their states (role checkout; any token reads). */
@Controller("/v1/reservations")
final class ReservationController {
    private final CommandGateway gateway;
    private final Reads reads;
    private final JsonMapper json;

    ReservationController(CommandGateway gateway, Reads reads, JsonMapper json) {
        this.gateway = gateway;
        this.reads = reads;
        this.json = json;
    }

    @Post
    CompletableFuture<HttpResponse<Map<String, Object>>> create(@Nullable @Body String body,
                                                                @Nullable @Header(IdempotencyKey.HEADER) String key) {
        String idempotencyKey = IdempotencyKey.check(key, true);
        JsonBody b = JsonBody.parse(json, body, Set.of("lines", "customer_id", "cart_id", "ttl_seconds"));
        Reserve.Builder r = Reserve.newBuilder();
        Set<String> seen = new HashSet<>();
        int i = 0;
        for (JsonNode item : b.requiredArray("lines", 1, Limits.MAX_LINES)) {
            String where = "lines[" + i + "]";
            JsonBody line = JsonBody.of(item, where, Set.of("sku", "quantity"));
            String sku = line.requiredString("sku", Limits.MAX_SKU_LENGTH);
            if (!seen.add(sku)) {
                throw ApiException.badRequest("sku " + sku + " appears on more than one line", where + ".sku");
            }
            r.addLines(ReservationLine.newBuilder().setSku(sku).setQuantity(line.requiredLong("quantity", 1, Limits.MAX_QUANTITY)));
            i++;
        }
        r.setCustomerId(b.requiredString("customer_id", Limits.MAX_CUSTOMER_ID_LENGTH));
        String cart = b.optionalString("cart_id", Limits.MAX_CART_ID_LENGTH);
        if (cart != null) r.setCartId(cart);
        Long ttl = b.optionalLong("ttl_seconds", 1, Limits.MAX_TTL_SECONDS);
        if (ttl != null) r.setTtlSeconds(ttl.intValue());
        return gateway.submit(LedgerCommand.newBuilder().setIdempotencyKey(idempotencyKey).setReserve(r).build())
                .thenApply(res -> reservation(HttpStatus.CREATED, res));
    }

    @Get("/{id}")
    CompletableFuture<Map<String, Object>> get(@PathVariable String id, @Nullable @QueryValue String consistency) {
        return reads.read(consistency, "linearizable", null, l -> l.reservation(id).map(Views::reservation))
                .thenApply(found -> found.orElseThrow(() ->
                        new ApiException(HttpStatus.NOT_FOUND, "reservation_not_found", "unknown reservation " + id)));
    }

    @Post("/{id}/commit")
    CompletableFuture<HttpResponse<Map<String, Object>>> commit(@PathVariable String id, @Nullable @Body String body,
                                                                @Nullable @Header(IdempotencyKey.HEADER) String key) {
        JsonBody.parse(json, body, Set.of());
        return transition(key, LedgerCommand.newBuilder().setCommitReservation(CommitReservation.newBuilder().setReservationId(id)));
    }

    @Post("/{id}/release")
    CompletableFuture<HttpResponse<Map<String, Object>>> release(@PathVariable String id, @Nullable @Body String body,
                                                                 @Nullable @Header(IdempotencyKey.HEADER) String key) {
        JsonBody b = JsonBody.parse(json, body, Set.of("reason"));
        ReleaseReservation.Builder r = ReleaseReservation.newBuilder().setReservationId(id);
        String reason = b.optionalString("reason", Limits.MAX_TEXT_LENGTH);
        if (reason != null) r.setReason(reason);
        return transition(key, LedgerCommand.newBuilder().setReleaseReservation(r));
    }

    @Post("/{id}/extend")
    CompletableFuture<HttpResponse<Map<String, Object>>> extend(@PathVariable String id, @Nullable @Body String body,
                                                                @Nullable @Header(IdempotencyKey.HEADER) String key) {
        JsonBody b = JsonBody.parse(json, body, Set.of("ttl_seconds"));
        int ttl = (int) b.requiredLong("ttl_seconds", 1, Limits.MAX_TTL_SECONDS);
        return transition(key, LedgerCommand.newBuilder().setExtendReservation(
                ExtendReservation.newBuilder().setReservationId(id).setTtlSeconds(ttl)));
    }

    @Post("/{id}/cancel")
    CompletableFuture<HttpResponse<Map<String, Object>>> cancel(@PathVariable String id, @Nullable @Body String body,
                                                                @Nullable @Header(IdempotencyKey.HEADER) String key) {
        JsonBody b = JsonBody.parse(json, body, Set.of("reason"));
        CancelReservation.Builder c = CancelReservation.newBuilder().setReservationId(id);
        String reason = b.optionalString("reason", Limits.MAX_TEXT_LENGTH);
        if (reason != null) c.setReason(reason);
        return transition(key, LedgerCommand.newBuilder().setCancelReservation(c));
    }

    @Post("/{id}/fulfill")
    CompletableFuture<HttpResponse<Map<String, Object>>> fulfill(@PathVariable String id, @Nullable @Body String body,
                                                                 @Nullable @Header(IdempotencyKey.HEADER) String key) {
        JsonBody.parse(json, body, Set.of());
        return transition(key, LedgerCommand.newBuilder().setFulfilReservation(FulfilReservation.newBuilder().setReservationId(id)));
    }

    private CompletableFuture<HttpResponse<Map<String, Object>>> transition(String key, LedgerCommand.Builder command) {
        command.setIdempotencyKey(IdempotencyKey.check(key, false));
        return gateway.submit(command.build()).thenApply(res -> reservation(HttpStatus.OK, res));
    }

    private static HttpResponse<Map<String, Object>> reservation(HttpStatus status, CommandResult res) {
        Outcomes.requireOk(res);
        return Responses.applied(status, res, Views.reservation(res.getReservation()));
    }
}
