package org.inventory.chaos.history;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The history of one run: events appended by many threads in the order they happened, kept in memory for the
 * checker and written line by line to {@code history.jsonl} so a run can be checked again offline.
 */
public final class History implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final long startNanos = System.nanoTime();
    private final AtomicLong nextOp = new AtomicLong();
    private final List<Op> events = new ArrayList<>();
    private final BufferedWriter out;

    /** A history kept in memory and, when {@code file} is not null, written to it as it grows. */
    public History(Path file) throws IOException {
        out = file == null ? null : Files.newBufferedWriter(file);
    }

    public long newOpId() {
        return nextOp.incrementAndGet();
    }

    /** Records an event now; synchronized so that file order, index order and time order agree. */
    public synchronized Op record(String process, Op.Type type, String f, long op, String node,
                                  Map<String, Object> value) {
        Op e = new Op(events.size(), System.nanoTime() - startNanos, System.currentTimeMillis(), process, type, f, op,
                node == null ? "" : node, Collections.unmodifiableMap(new LinkedHashMap<>(value)));
        events.add(e);
        if (out != null) {
            try {
                out.write(JSON.writeValueAsString(toJson(e)));
                out.newLine();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return e;
    }

    public long nanosSinceStart() {
        return System.nanoTime() - startNanos;
    }

    public synchronized List<Op> events() {
        return List.copyOf(events);
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }

    /** Reads a history written by a run (or by hand, for the checker's own tests). */
    public static List<Op> read(Path file) throws IOException {
        List<Op> ops = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> m = JSON.readValue(line, MAP);
            @SuppressWarnings("unchecked")
            Map<String, Object> value = (Map<String, Object>) m.getOrDefault("value", Map.of());
            ops.add(new Op(((Number) m.get("index")).longValue(), ((Number) m.get("t_ns")).longValue(),
                    ((Number) m.get("wall_ms")).longValue(), (String) m.get("process"),
                    Op.Type.valueOf((String) m.get("type")), (String) m.get("f"), ((Number) m.get("op")).longValue(),
                    (String) m.getOrDefault("node", ""), value));
        }
        return ops;
    }

    private static Map<String, Object> toJson(Op e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", e.index());
        m.put("t_ns", e.tNanos());
        m.put("wall_ms", e.wallMs());
        m.put("process", e.process());
        m.put("type", e.type().name());
        m.put("f", e.f());
        m.put("op", e.op());
        m.put("node", e.node());
        m.put("value", e.value());
        return m;
    }
}
