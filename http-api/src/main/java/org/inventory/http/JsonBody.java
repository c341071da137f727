package org.inventory.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A request body read strictly: a JSON object, only the fields the endpoint knows ({@link JsonShape}), each of the
 * right type and in range, with its own precise refusal (unknown field, wrong type, fraction where an integer
 * belongs, out of range) instead of a generic one.
 *
 * <p>Read in one pass with Jackson's streaming parser into one slot per known field, then checked field by field
 * in the order the endpoint asks, so two mistakes in one body are reported in the same order whatever order the
 * client wrote them in. No general JSON tree or map is built: a data binder would refuse bad input with generic
 * messages, and a tree costs allocations on the hottest endpoint for nothing.
 */
final class JsonBody {
    private static final JsonFactory JSON = new JsonFactory();
    /** JSON null (an absent field is a null slot). */
    private static final Object NULL = new Object();
    /** An object or array where the shape expects neither. */
    private static final Object STRUCTURE = new Object();
    private static final JsonBody EMPTY = new JsonBody(JsonShape.of(), new Object[0], null);

    private final JsonShape shape;
    private final Object[] values;
    private final String firstUnknown;

    private JsonBody(JsonShape shape, Object[] values, String firstUnknown) {
        this.shape = shape;
        this.values = values;
        this.firstUnknown = firstUnknown;
    }

    /** A body of the endpoints that take flat objects of these fields. */
    static JsonBody parse(String body, Set<String> allowed) {
        if (body == null || body.isBlank()) {
            return parse((byte[]) null, JsonShape.of(allowed.toArray(String[]::new)));
        }
        if (body.length() > BodyLimitFilter.MAX_BODY) {
            throw BodyLimitFilter.tooLarge();
        }
        return parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), JsonShape.of(allowed.toArray(String[]::new)));
    }

    static JsonBody parse(byte[] body, JsonShape shape) {
        return parse(body, shape, BodyLimitFilter.MAX_BODY);
    }

    /** @param maxBytes a larger limit for the endpoints that take one (the batch); chunked bodies are checked here */
    static JsonBody parse(byte[] body, JsonShape shape, int maxBytes) {
        if (body == null || isBlank(body)) {
            return shape.isEmpty() ? EMPTY : new JsonBody(shape, new Object[shape.size()], null);
        }
        if (body.length > maxBytes) {
            throw BodyLimitFilter.tooLarge(maxBytes);
        }
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                skipAll(p);
                throw ApiException.badRequest("the body must be a JSON object", null);
            }
            JsonBody read = readObject(p, shape);
            if (p.nextToken() != null) {
                throw ApiException.badRequest("the body is not valid JSON", null); // something after the object
            }
            String unknown = read.firstUnknown;
            if (unknown != null) {
                throw ApiException.badRequest("unknown field '" + unknown + "'", unknown);
            }
            return read;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            throw ApiException.badRequest("the body is not valid JSON", null);
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Reads the rest of a body that is not an object, so that invalid JSON is told apart from a non-object. */
    private static void skipAll(JsonParser p) throws IOException {
        p.skipChildren();
        while (p.nextToken() != null) {
            p.skipChildren();
        }
    }

    /** At START_OBJECT: reads the object into the shape's slots (last duplicate wins, as a map would keep it). */
    private static JsonBody readObject(JsonParser p, JsonShape shape) throws IOException {
        Object[] values = new Object[shape.size()];
        String firstUnknown = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            int slot = shape.slot(name);
            JsonToken t = p.nextToken();
            if (slot < 0) {
                if (firstUnknown == null) {
                    firstUnknown = name;
                }
                p.skipChildren();
                continue;
            }
            values[slot] = readValue(p, t, shape.items(slot));
        }
        return new JsonBody(shape, values, firstUnknown);
    }

    private static Object readValue(JsonParser p, JsonToken t, JsonShape items) throws IOException {
        return switch (t) {
            case VALUE_NULL -> NULL;
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (e == JsonToken.START_OBJECT && items != null) {
                        list.add(readObject(p, items));
                    } else {
                        list.add(readValue(p, e, null));
                    }
                }
                yield list;
            }
            case START_OBJECT -> {
                p.skipChildren();
                yield STRUCTURE;
            }
            default -> throw new IOException("unexpected token " + t);
        };
    }

    private Object value(String field) {
        int slot = shape.slot(field);
        if (slot < 0) {
            throw new IllegalArgumentException(field + " is not a field of this body"); // a bug in the endpoint
        }
        Object v = values[slot];
        return v == NULL ? null : v;
    }

    boolean has(String field) {
        return value(field) != null;
    }

    Long optionalLong(String field, long min, long max) {
        Object v = value(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number value)) {
            throw ApiException.badRequest(field + " must be an integer", field);
        }
        if (value instanceof Double d && d != Math.rint(d)) {
            throw ApiException.badRequest(field + " must be an integer, got " + value, field);
        }
        if (value instanceof BigInteger big && big.bitLength() > 63) {
            throw ApiException.badRequest(field + " must be between " + min + " and " + max, field);
        }
        long l = value.longValue();
        if (l < min || l > max) {
            throw ApiException.badRequest(field + " must be between " + min + " and " + max + ", got " + l, field);
        }
        return l;
    }

    long requiredLong(String field, long min, long max) {
        Long v = optionalLong(field, min, max);
        if (v == null) {
            throw ApiException.badRequest(field + " is required", field);
        }
        return v;
    }

    boolean optionalBoolean(String field) {
        Object v = value(field);
        if (v == null) {
            return false;
        }
        if (!(v instanceof Boolean b)) {
            throw ApiException.badRequest(field + " must be true or false", field);
        }
        return b;
    }

    String optionalString(String field, int maxLength) {
        Object v = value(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw ApiException.badRequest(field + " must be a string", field);
        }
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

    /** The items as read: a {@code JsonBody} for an object item of the shape's item shape, else String, Number, Boolean, or a marker. */
    List<Object> requiredArray(String field, int minItems, int maxItems) {
        Object v = value(field);
        if (v == null) {
            throw ApiException.badRequest(field + " is required", field);
        }
        if (!(v instanceof List<?> list)) {
            throw ApiException.badRequest(field + " must be an array", field);
        }
        if (list.size() < minItems || list.size() > maxItems) {
            throw ApiException.badRequest(field + " must have " + minItems + ".." + maxItems + " items, got " + list.size(), field);
        }
        @SuppressWarnings("unchecked")
        List<Object> items = (List<Object>) list;
        return items;
    }

    /** An array item that must be an object of the array's item shape, read with the same strictness. */
    static JsonBody of(Object item, String where) {
        if (!(item instanceof JsonBody body)) {
            throw ApiException.badRequest(where + " must be an object", where);
        }
        if (body.firstUnknown != null) {
            throw ApiException.badRequest("unknown field '" + body.firstUnknown + "' in " + where, where + "." + body.firstUnknown);
        }
        return body;
    }
}
