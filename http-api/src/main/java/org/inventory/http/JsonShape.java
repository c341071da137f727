package org.inventory.http;

import java.util.Arrays;

/**
 * The fields a request body may have, and for an array of objects the fields of its items: what {@link JsonBody}
 * reads into slots (anything else is an unknown field). Shapes are built once per endpoint.
 */
final class JsonShape {
    private final String[] names;
    private final JsonShape[] items;

    private JsonShape(String[] names, JsonShape[] items) {
        this.names = names;
        this.items = items;
    }

    static JsonShape of(String... names) {
        return new JsonShape(names.clone(), new JsonShape[names.length]);
    }

    /** This shape with one more field, an array whose object items have {@code itemShape}. */
    JsonShape withArrayOf(String name, JsonShape itemShape) {
        String[] n = Arrays.copyOf(names, names.length + 1);
        JsonShape[] i = Arrays.copyOf(items, items.length + 1);
        n[names.length] = name;
        i[names.length] = itemShape;
        return new JsonShape(n, i);
    }

    /** The slot of a field, or -1 for a field this shape does not have; bodies have a handful of fields, so a scan. */
    int slot(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    JsonShape items(int slot) {
        return items[slot];
    }

    int size() {
        return names.length;
    }

    boolean isEmpty() {
        return names.length == 0;
    }
}
