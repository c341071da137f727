package org.inventory.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.json.JsonSyntaxException;
import jakarta.inject.Singleton;

/** Every refusal leaves as problem+json. */
final class ProblemHandlers {
    private ProblemHandlers() {
    }

    @Singleton
    @Produces(Problems.PROBLEM_JSON)
    @Requires(classes = {ApiException.class, ExceptionHandler.class})
    static final class Api implements ExceptionHandler<ApiException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, ApiException e) {
            return Problems.render(e);
        }
    }

    @Singleton
    @Produces(Problems.PROBLEM_JSON)
    @Requires(classes = {JsonSyntaxException.class, ExceptionHandler.class})
    static final class MalformedJson implements ExceptionHandler<JsonSyntaxException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, JsonSyntaxException e) {
            return Problems.render(new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", "the body is not valid JSON"));
        }
    }
}
