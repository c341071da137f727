package org.inventory.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.inventory.ledger.Limits;
import org.inventory.ledger.proto.BatchedReservation;
import org.inventory.ledger.proto.CancelReservation;
import org.inventory.ledger.proto.CommandResult;
import org.inventory.ledger.proto.CommitReservation;
import org.inventory.ledger.proto.ExtendReservation;
import org.inventory.ledger.proto.FulfilReservation;
import org.inventory.ledger.proto.LedgerCommand;
import org.inventory.ledger.proto.ReleaseReservation;
import org.inventory.ledger.proto.Reserve;
import org.inventory.ledger.proto.ReserveBatch;

/** Reservations: create (all lines or none) and move through their states (role checkout; any token reads). */
@Controller("/v1/reservations")
final class ReservationController {
    private static final JsonShape NO_FIELDS = JsonShape.of();
    private static final JsonShape REASON = JsonShape.of("reason");
    private static final JsonShape TTL = JsonShape.of("ttl_seconds");

    private final CommandGateway gateway;
    private final Reads reads;

    ReservationController(CommandGateway gateway, Reads reads) {
        this.gateway = gateway;
        this.reads = reads;
    }

    @Post
    CompletableFuture<HttpResponse<ReservationJson>> create(HttpRequest<?> request, @Nullable @Body byte[] body) {
        // the header is read off the request: binding it as an argument converted it through Micronaut's conversion
        // service, allocating a conversion context per request on the hottest endpoint
        String idempotencyKey = IdempotencyKey.check(request.getHeaders().get(IdempotencyKey.HEADER), true);
        Reserve reserve = ReservationRequests.reserve(JsonBody.parse(body, ReservationRequests.SINGLE));
        return gateway.submit(LedgerCommand.newBuilder().setIdempotencyKey(idempotencyKey).setReserve(reserve).build())
                .thenApply(res -> reservation(HttpStatus.CREATED, res));
    }

    /**
     * Many reservations in one request and one log entry: each item is its own all-or-nothing reservation under its
     * own {@code idempotency_key}, answered in request order with the status the single call would have given. An
     * item that fails validation is answered 400 and not proposed; the others go ahead.
     */
    @Post("/batch")
    CompletableFuture<HttpResponse<BatchResultsJson>> batch(HttpRequest<?> request, @Nullable @Body byte[] body) {
        if (request.getHeaders().contains(IdempotencyKey.HEADER)) {
            throw ApiException.badRequest("a batch takes one idempotency_key per item; send no Idempotency-Key header",
                    IdempotencyKey.HEADER);
        }
        List<Object> items = JsonBody.parse(body, ReservationRequests.BATCH, ReservationRequests.MAX_BATCH_BODY)
                .requiredArray("reservations", 1, Limits.MAX_BATCH);
        BatchResultsJson.Item[] results = new BatchResultsJson.Item[items.size()];
        ReserveBatch.Builder proposed = ReserveBatch.newBuilder();
        int[] itemOf = new int[items.size()];
        for (int i = 0; i < items.size(); i++) {
            try {
                JsonBody item = JsonBody.of(items.get(i), "reservations[" + i + "]");
                String itemKey = ReservationRequests.itemKey(item);
                Reserve reserve = ReservationRequests.reserve(item);
                itemOf[proposed.getItemsCount()] = i;
                proposed.addItems(BatchedReservation.newBuilder().setIdempotencyKey(itemKey).setReserve(reserve));
            } catch (ApiException refused) {
                ApiException named = ReservationRequests.ofItem(i, refused);
                results[i] = new BatchResultsJson.Item(named.status.getCode(), null, named.problem(), null);
            }
        }
        if (proposed.getItemsCount() == 0) {
            return CompletableFuture.completedFuture(HttpResponse.ok(new BatchResultsJson(List.of(results))));
        }
        int count = proposed.getItemsCount();
        return gateway.submit(LedgerCommand.newBuilder().setReserveBatch(proposed).build()).thenApply(res -> {
            Outcomes.requireOk(res); // the batch as a whole was refused: only a malformed one is, which we never send
            for (int k = 0; k < count; k++) {
                CommandResult r = res.getBatch().getResults(k);
                ApiException problem = Outcomes.problemOf(r);
                results[itemOf[k]] = problem == null
                        ? new BatchResultsJson.Item(HttpStatus.CREATED.getCode(), ReservationJson.of(r.getReservation()), null,
                                r.getReplayed() ? Boolean.TRUE : null)
                        : new BatchResultsJson.Item(problem.status.getCode(), null, problem.problem(), r.getReplayed() ? Boolean.TRUE : null);
            }
            return HttpResponse.ok(new BatchResultsJson(List.of(results)));
        });
    }

    @Get("/{id}")
    CompletableFuture<ReservationJson> get(@PathVariable String id, @Nullable @QueryValue String consistency) {
        return reads.read(consistency, "linearizable", null, l -> l.reservation(id).map(ReservationJson::of))
                .thenApply(found -> found.orElseThrow(() ->
                        new ApiException(HttpStatus.NOT_FOUND, "reservation_not_found", "unknown reservation " + id)));
    }

    @Post("/{id}/commit")
    CompletableFuture<HttpResponse<ReservationJson>> commit(@PathVariable String id, @Nullable @Body byte[] body,
                                                                @Nullable @Header(IdempotencyKey.HEADER) String key) {
        JsonBody.parse(body, NO_FIELDS);
        return transition(key, LedgerCommand.newBuilder().setCommitReservation(CommitReservation.newBuilder().setReservationId(id)));
    }

    @Post("/{id}/release")
    CompletableFuture<HttpResponse<ReservationJson>> release(@PathVariable String id, @Nullable @Body byte[] body,
                                                                 @Nullable @Header(IdempotencyKey.HEADER) String key) {
        JsonBody b = JsonBody.parse(body, REASON);
        ReleaseReservation.Builder r = ReleaseReservation.newBuilder().setReservationId(id);
        String reason = b.optionalString("reason", Limits.MAX_TEXT_LENGTH);
        if (reason != null) r.setReason(reason);
        return transition(key, LedgerCommand.newBuilder().setReleaseReservation(r));
    }

    @Post("/{id}/extend")
    CompletableFuture<HttpResponse<ReservationJson>> extend(@PathVariable String id, @Nullable @Body byte[] body,
                                                                @Nullable @Header(IdempotencyKey.HEADER) String key) {
        JsonBody b = JsonBody.parse(body, TTL);
        int ttl = (int) b.requiredLong("ttl_seconds", 1, Limits.MAX_TTL_SECONDS);
        return transition(key, LedgerCommand.newBuilder().setExtendReservation(
                ExtendReservation.newBuilder().setReservationId(id).setTtlSeconds(ttl)));
    }

    @Post("/{id}/cancel")
    CompletableFuture<HttpResponse<ReservationJson>> cancel(@PathVariable String id, @Nullable @Body byte[] body,
                                                                @Nullable @Header(IdempotencyKey.HEADER) String key) {
        JsonBody b = JsonBody.parse(body, REASON);
        CancelReservation.Builder c = CancelReservation.newBuilder().setReservationId(id);
        String reason = b.optionalString("reason", Limits.MAX_TEXT_LENGTH);
        if (reason != null) c.setReason(reason);
        return transition(key, LedgerCommand.newBuilder().setCancelReservation(c));
    }

    @Post("/{id}/fulfill")
    CompletableFuture<HttpResponse<ReservationJson>> fulfill(@PathVariable String id, @Nullable @Body byte[] body,
                                                                 @Nullable @Header(IdempotencyKey.HEADER) String key) {
        JsonBody.parse(body, NO_FIELDS);
        return transition(key, LedgerCommand.newBuilder().setFulfilReservation(FulfilReservation.newBuilder().setReservationId(id)));
    }

    private CompletableFuture<HttpResponse<ReservationJson>> transition(String key, LedgerCommand.Builder command) {
        command.setIdempotencyKey(IdempotencyKey.check(key, false));
        return gateway.submit(command.build()).thenApply(res -> reservation(HttpStatus.OK, res));
    }

    private static HttpResponse<ReservationJson> reservation(HttpStatus status, CommandResult res) {
        Outcomes.requireOk(res);
        return Responses.applied(status, res, ReservationJson.of(res.getReservation()));
    }
}
