package org.inventory.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Optional;

/**
 * Bearer tokens per role (contract.md §2): availability, the cluster view and the digest are public; any valid
 * token reads SKUs and reservations; checkout changes reservations, stock changes SKUs and stock, admin does
 * everything a person does; the node-to-node endpoints take the peer credential only. Missing or unknown token:
 * 401; known token, wrong role: 403.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class AuthFilter {
    private final Optional<Tokens> tokens;

    AuthFilter(NodeSettings settings) {
        this.tokens = settings.tokens();
    }

    /** What a request needs: empty = nothing; ANY = any valid token; else that role. */
    enum Need { NOTHING, ANY, CHECKOUT, STOCK, ADMIN, PEER }

    static Need need(HttpMethod method, String path) {
        boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
        if (path.startsWith("/internal/")) {
            return Need.PEER;
        }
        if (path.startsWith("/v1/availability") || path.equals("/v1/cluster") || path.equals("/v1/cluster/digest")) {
            return read ? Need.NOTHING : Need.ADMIN;
        }
        if (path.startsWith("/v1/cluster")) {
            return Need.ADMIN;
        }
        if (path.startsWith("/v1/skus")) {
            return read ? Need.ANY : Need.STOCK;
        }
        if (path.startsWith("/v1/reservations")) {
            return read ? Need.ANY : Need.CHECKOUT;
        }
        if (path.startsWith("/v1/")) {
            return Need.ADMIN;
        }
        return Need.NOTHING; // health, metrics, openapi
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> authorize(HttpRequest<?> request) {
        Need need = need(request.getMethod(), request.getPath());
        if (need == Need.NOTHING || tokens.isEmpty()) {
            return null;
        }
        String header = request.getHeaders().get("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Problems.render(new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized",
                    "this request needs an Authorization: Bearer <token> header"));
        }
        Optional<Role> role = tokens.get().roleOf(header.substring(7).trim());
        if (role.isEmpty()) {
            return Problems.render(new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "the token is not valid"));
        }
        boolean allowed = switch (need) {
            case ANY -> role.get() != Role.PEER;
            case CHECKOUT -> role.get().permits(Role.CHECKOUT);
            case STOCK -> role.get().permits(Role.STOCK);
            case ADMIN -> role.get() == Role.ADMIN;
            case PEER -> role.get() == Role.PEER;
            case NOTHING -> true;
        };
        if (!allowed) {
            return Problems.render(new ApiException(HttpStatus.FORBIDDEN, "forbidden",
                    "the " + role.get().name().toLowerCase() + " role may not " + request.getMethod() + " " + request.getPath()));
        }
        return null;
    }
}
