package org.inventory.http;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * A request body read strictly: a JSON object, only the fields the endpoint knows, each of the right type and in
 * range. Written against the JSON tree rather than bound to a class so that every bad input gets its own precise
 * refusal (unknown field, wrong type, fraction where an integer belongs, out of range) instead of a generic one.
 */
final class JsonBody {
    private final JsonNode root;

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    static JsonBody parse(JsonMapper mapper, String body, Set<String> allowed) {
        if (body == null || body.isBlank()) {
            if (allowed.isEmpty()) {
                return new JsonBody(JsonNode.createObjectNode(Map.of()));
            }
            body = "{}";
        }
        if (body.length() > BodyLimitFilter.MAX_BODY) {
            throw BodyLimitFilter.tooLarge();
        }
        JsonNode node;
        try {
            node = mapper.readValue(body.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw ApiException.badRequest("the body is not valid JSON", null);
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object", null);
        }
        for (Map.Entry<String, JsonNode> field : node.entries()) {
            if (!allowed.contains(field.getKey())) {
                throw ApiException.badRequest("unknown field '" + field.getKey() + "'", field.getKey());
            }
        }
        return new JsonBody(node);
    }

    boolean has(String field) {
        JsonNode n = root.get(field);
        return n != null && !n.isNull();
    }

    Long optionalLong(String field, long min, long max) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            throw ApiException.badRequest(field + " must be an integer", field);
        }
        Number value = n.getNumberValue();
        if (value instanceof Double || value instanceof Float || value instanceof java.math.BigDecimal) {
            double d = value.doubleValue();
            if (d != Math.rint(d)) {
                throw ApiException.badRequest(field + " must be an integer, got " + value, field);
            }
        }
        if (value instanceof java.math.BigInteger big && big.bitLength() > 63) {
            throw ApiException.badRequest(field + " must be between " + min + " and " + max, field);
        }
        long v = value.longValue();
        if (v < min || v > max) {
            throw ApiException.badRequest(field + " must be between " + min + " and " + max + ", got " + v, field);
        }
        return v;
    }

    long requiredLong(String field, long min, long max) {
        Long v = optionalLong(field, min, max);
        if (v == null) {
            throw ApiException.badRequest(field + " is required", field);
        }
        return v;
    }

    boolean optionalBoolean(String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw ApiException.badRequest(field + " must be true or false", field);
        }
        return n.getBooleanValue();
    }

    String optionalString(String field, int maxLength) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isString()) {
            throw ApiException.badRequest(field + " must be a string", field);
        }
        String s = n.getStringValue();
        if (s.length() > maxLength) {
            throw ApiException.badRequest(field + " is longer than " + maxLength + " characters", field);
        }
        return s;
    }

    String requiredString(String field, int maxLength) {
        String s = optionalString(field, maxLength);
        if (s == null || s.isEmpty()) {
            throw ApiException.badRequest(field + " is required", field);
        }
        return s;
    }

    Iterable<JsonNode> requiredArray(String field, int minItems, int maxItems) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            throw ApiException.badRequest(field + " is required", field);
        }
        if (!n.isArray()) {
            throw ApiException.badRequest(field + " must be an array", field);
        }
        if (n.size() < minItems || n.size() > maxItems) {
            throw ApiException.badRequest(field + " must have " + minItems + ".." + maxItems + " items, got " + n.size(), field);
        }
        return n.values();
    }

    /** A nested object (an array item), read with the same strictness. */
    static JsonBody of(JsonNode node, String where, Set<String> allowed) {
        if (!node.isObject()) {
            throw ApiException.badRequest(where + " must be an object", where);
        }
        for (Map.Entry<String, JsonNode> field : node.entries()) {
            if (!allowed.contains(field.getKey())) {
                throw ApiException.badRequest("unknown field '" + field.getKey() + "' in " + where, where + "." + field.getKey());
            }
        }
        return new JsonBody(node);
    }
}
