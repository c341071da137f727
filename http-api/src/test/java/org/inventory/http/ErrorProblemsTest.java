package org.inventory.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Errors Micronaut answers by itself are problem+json with a code too: what each bad request gets. */
@MicronautTest
class ErrorProblemsTest {
    @Inject
    EmbeddedServer server;
    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Authorization", "Bearer " + SingleNodeFactory.ADMIN)
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> problem(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(Problems.PROBLEM_JSON));
        Map<String, Object> body = json.readValue(r.body(), Map.class);
        assertThat(body).containsEntry("code", code).containsEntry("status", status).containsKeys("type", "title", "detail");
        return body;
    }

    @Test
    void aPathWithNoEndpointIs404NotFound() throws Exception {
        problem(send("GET", "/v1/nothing-here", null, null), 404, "not_found");
        problem(send("GET", "/", null, null), 404, "not_found");
    }

    @Test
    void aMethodTheEndpointDoesNotTakeIs405() throws Exception {
        Map<String, Object> body = problem(send("PATCH", "/v1/skus/tee", "application/json", "{}"), 405, "method_not_allowed");
        assertThat(body.get("detail")).isEqualTo("this endpoint does not take PATCH");
    }

    @Test
    void aQueryValueOfTheWrongTypeIs400NamingTheParameter() throws Exception {
        Map<String, Object> limit = problem(send("GET", "/v1/skus/tee/ledger?limit=abc", null, null), 400, "invalid_request");
        assertThat(limit).containsEntry("field", "limit").containsEntry("detail", "limit: 'abc' is not a whole number");
        Map<String, Object> staleness = problem(send("GET", "/v1/availability/tee?max_staleness_ms=soon", null, null), 400, "invalid_request");
        assertThat(staleness).containsEntry("field", "max_staleness_ms");
        String huge = "9".repeat(500);
        Map<String, Object> echoed = problem(send("GET", "/v1/skus/tee/ledger?after=" + huge, null, null), 400, "invalid_request");
        assertThat((String) echoed.get("detail")).as("the value is echoed cut short").hasSizeLessThan(120);
    }

    @Test
    void aBodyOverMicronautsOwnLimitIs413() throws Exception {
        String body = "{\"reservations\":[" + "1,".repeat(600_000) + "1]}";
        HttpResponse<String> r = send("POST", "/v1/reservations/batch", "application/json", body);
        problem(r, 413, "body_too_large");
    }

    @Test
    void anOverlongRequestLineIs414AndOverlongHeadersAre431() throws Exception {
        problem(send("GET", "/v1/skus/" + "a".repeat(5_000), null, null), 414, "uri_too_long");
        java.net.http.HttpRequest big = java.net.http.HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/cluster"))
                .header("X-Big", "a".repeat(20_000)).build();
        problem(http.send(big, BodyHandlers.ofString()), 431, "headers_too_large");
    }

    @Test
    void aBodyInAMediaTypeTheEndpointDoesNotReadIs415() throws Exception {
        problem(send("PUT", "/v1/skus/tee", "application/xml", "<sku/>"), 415, "unsupported_media_type");
    }

    @Test
    void managementEndpointsOtherThanHealthAreNotServed() throws Exception {
        for (String path : new String[] {"/beans", "/env", "/loggers", "/routes", "/threaddump", "/refresh", "/info", "/stop"}) {
            HttpResponse<String> r = send("GET", path, null, null);
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(t -> assertThat(t).startsWith(Problems.PROBLEM_JSON));
        }
    }

    @Test
    void healthTellsAnOutsiderTheStatusOnly() throws Exception {
        HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(URI.create(server.getURL() + "/health")).build(),
                BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json.readValue(r.body(), Map.class)).containsOnlyKeys("status");
    }

    @Test
    void anInternalErrorTellsNothingOfTheException() {
        ErrorContext context = ErrorContext.builder(HttpRequest.GET("/v1/skus/tee"))
                .cause(new IllegalStateException("password=hunter2 at /secret/path")).build();
        ProblemJson p = ProblemErrorResponses.problemFor(HttpStatus.INTERNAL_SERVER_ERROR, context).problem();
        assertThat(p.code()).isEqualTo("internal_error");
        assertThat(p.detail()).doesNotContain("hunter2").doesNotContain("secret");
    }
}
