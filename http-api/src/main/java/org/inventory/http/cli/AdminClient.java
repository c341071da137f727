package org.inventory.http.cli;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The HTTP calls invctl makes, with failures turned into {@link Refused} carrying a message for people. */
final class AdminClient {
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private final HttpClient http;
    private final JsonMapper json = JsonMapper.createDefault();
    private final String token;

    AdminClient(String token, java.util.Optional<java.nio.file.Path> ca) {
        this.token = token;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3));
        ca.ifPresent(file -> b.sslContext(trusting(file)));
        this.http = b.build();
    }

    /** An SSL context that trusts the certificates in {@code pem} and nothing else (not the JDK's public CAs). */
    private static javax.net.ssl.SSLContext trusting(java.nio.file.Path pem) {
        try {
            // Netty reads the PEM file; the JDK client keeps its own host name check on top
            return ((io.netty.handler.ssl.JdkSslContext) io.netty.handler.ssl.SslContextBuilder.forClient()
                    .sslProvider(io.netty.handler.ssl.SslProvider.JDK).trustManager(pem.toFile()).build()).context();
        } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
            throw new Refused("cannot use --ca " + pem + ": " + e.getMessage());
        }
    }

    JsonNode get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), url);
    }

    JsonNode post(String url, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)), url);
    }

    JsonNode delete(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).DELETE(), url);
    }

    private JsonNode send(HttpRequest.Builder request, String url) {
        request.timeout(Duration.ofSeconds(60));
        if (token != null && !token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Refused("cannot reach " + url + " (connection refused)");
        } catch (HttpTimeoutException e) {
            throw new Refused("no answer from " + url + " in time");
        } catch (IOException e) {
            throw new Refused("cannot reach " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted");
        }
        JsonNode body;
        try {
            body = json.readValue(response.body().getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new Refused(url + " answered " + response.statusCode() + " with a body that is not JSON");
        }
        if (response.statusCode() >= 300) {
            String code = text(body, "code");
            String detail = text(body, "detail");
            throw new Refused(response.statusCode() + " " + (code == null ? "" : code) + (detail == null ? "" : ": " + detail));
        }
        return body;
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isString()) {
            return v.getStringValue();
        }
        return v.isNumber() ? v.getNumberValue().toString() : String.valueOf(v.getValue());
    }
}
