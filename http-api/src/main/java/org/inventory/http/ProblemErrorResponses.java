package org.inventory.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.micronaut.http.server.netty.NettyHttpRequest;
import jakarta.inject.Singleton;

/**
 * Every error Micronaut answers by itself — no route (404), wrong method (405), body or media type refused (413,
 * 415, 406), a query or path value of the wrong type (400), anything that escaped a handler (500) — leaves as
 * problem+json with a {@code code}, like the store's own refusals. No exception text reaches the caller: a 500 says
 * where to look, the node's log has the stack.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ProblemErrorResponses implements ErrorResponseProcessor<ProblemJson> {
    /** Values the caller sent are echoed in a detail only this long. */
    private static final int ECHO_LIMIT = 64;

    @Override
    public MutableHttpResponse<ProblemJson> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        HttpStatus status = base.status();
        Throwable cause = context.getRootCause().orElse(null);
        @SuppressWarnings("unchecked")
        MutableHttpResponse<ProblemJson> response = (MutableHttpResponse<ProblemJson>) base;
        // Netty refuses an over-long request line or header block before any route is known, and Micronaut calls
        // both "413 body too large"; the connection is closed after the answer, so say that too
        if (cause == null && context.getRequest() instanceof NettyHttpRequest<?> netty
                && netty.getNativeRequest().decoderResult().cause() != null) {
            cause = netty.getNativeRequest().decoderResult().cause(); // Micronaut answers it without passing it on
        }
        if (cause instanceof TooLongHttpLineException) {
            status = HttpStatus.REQUEST_URI_TOO_LONG;
            response.status(status).header("Connection", "close");
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            response.status(status).header("Connection", "close");
        } else if (status == HttpStatus.REQUEST_ENTITY_TOO_LARGE) {
            response.header("Connection", "close");
        }
        ApiException problem = problemFor(status, context);
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return response;
        }
        return response.body(problem.problem()).contentType(Problems.PROBLEM_JSON);
    }

    static ApiException problemFor(HttpStatus status, ErrorContext context) {
        Throwable cause = context.getRootCause().orElse(null);
        return switch (status.getCode()) {
            case 400 -> badValue(cause);
            case 401 -> new ApiException(status, "unauthorized", "a valid bearer token is required");
            case 403 -> new ApiException(status, "forbidden", "this token's role may not do that");
            case 404 -> new ApiException(status, "not_found", "no endpoint at this path");
            case 405 -> new ApiException(status, "method_not_allowed", "this endpoint does not take " + context.getRequest().getMethodName());
            case 406 -> new ApiException(status, "not_acceptable", "this endpoint cannot answer in the media type asked for");
            case 413 -> new ApiException(status, "body_too_large", "the request body is over the size limit");
            case 414 -> new ApiException(status, "uri_too_long", "the request line is over 4096 bytes");
            case 431 -> new ApiException(status, "headers_too_large", "the request headers are over 8 KiB");
            case 415 -> new ApiException(status, "unsupported_media_type", "send the body as application/json");
            case 500 -> new ApiException(status, "internal_error", "the node failed to answer this request; its log says why");
            case 503 -> new ApiException(status, "not_ready", "the node cannot answer now; retry");
            default -> new ApiException(status, "http_" + status.getCode(), status.getReason());
        };
    }

    private static ApiException badValue(Throwable cause) {
        if (cause instanceof ConversionErrorException e) {
            Argument<?> argument = e.getArgument();
            Object value = e.getConversionError().getOriginalValue().orElse(null);
            String name = nameInRequest(argument);
            return ApiException.badRequest(name + ": " + echo(value) + " is not " + expected(argument.getType()), name);
        }
        if (cause instanceof UnsatisfiedRouteException e) {
            String name = nameInRequest(e.getArgument());
            return ApiException.badRequest(name + " is required", name);
        }
        return ApiException.badRequest("the request is not well formed", null);
    }

    /** The name the caller wrote: the binding annotation's value, else the parameter's name in snake_case. */
    private static String nameInRequest(Argument<?> argument) {
        for (Class<? extends java.lang.annotation.Annotation> binding : java.util.List.of(QueryValue.class,
                PathVariable.class, Header.class)) {
            java.util.Optional<String> named = argument.getAnnotationMetadata().stringValue(binding).filter(v -> !v.isEmpty());
            if (named.isPresent()) {
                return named.get();
            }
        }
        return argument.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String expected(Class<?> type) {
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT);
        }
        return "a valid " + type.getSimpleName();
    }

    private static String echo(Object value) {
        String text = String.valueOf(value instanceof Iterable<?> i && i.iterator().hasNext() ? i.iterator().next() : value);
        return "'" + (text.length() > ECHO_LIMIT ? text.substring(0, ECHO_LIMIT) + "…" : text) + "'";
    }
}
