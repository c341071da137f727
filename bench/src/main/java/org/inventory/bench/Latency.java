package org.inventory.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A latency distribution as (percentile, milliseconds) pairs, ascending; what every load generator here can give.
 * {@link #at(double)} answers the value of the first listed percentile at or above the one asked (so a coarse source is
 * read pessimistically, never interpolated downwards).
 */
public record Latency(double[] percentiles, double[] millis) {
    /** The percentiles sources are asked for, and the CDF plot's points. */
    static final double[] STANDARD = {0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 100};

    public Latency {
        if (percentiles.length != millis.length) {
            throw new IllegalArgumentException("percentiles and values differ in length");
        }
    }

    static Latency empty() {
        return new Latency(new double[0], new double[0]);
    }

    boolean isEmpty() {
        return percentiles.length == 0;
    }

    /** The value at percentile {@code q} (0..100), NaN when empty. */
    double at(double q) {
        for (int i = 0; i < percentiles.length; i++) {
            if (percentiles[i] >= q - 1e-9) {
                return millis[i];
            }
        }
        return percentiles.length == 0 ? Double.NaN : millis[millis.length - 1];
    }

    /** From sorted samples in microseconds, at the standard percentiles (nearest rank). */
    static Latency ofSortedMicros(long[] sorted) {
        if (sorted.length == 0) {
            return empty();
        }
        double[] values = new double[STANDARD.length];
        for (int i = 0; i < STANDARD.length; i++) {
            double q = STANDARD[i];
            int rank = q == 0 ? 0 : (int) Math.ceil(q / 100 * sorted.length - 1e-9) - 1;
            values[i] = sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1000.0;
        }
        return new Latency(STANDARD.clone(), values);
    }

    static Latency ofMicros(long[] samples) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return ofSortedMicros(sorted);
    }

    /** Parses "p:us,p:us,..." (the BENCH lines of the wrk script and the raft-store bench). */
    static Latency parseMicrosList(String list) {
        List<double[]> pairs = new ArrayList<>();
        for (String item : list.split(",")) {
            String[] kv = item.split(":");
            if (kv.length != 2 || kv[1].equalsIgnoreCase("nan")) {
                continue;
            }
            pairs.add(new double[] {Double.parseDouble(kv[0]), Double.parseDouble(kv[1]) / 1000.0});
        }
        pairs.sort((a, b) -> Double.compare(a[0], b[0]));
        return new Latency(pairs.stream().mapToDouble(p -> p[0]).toArray(), pairs.stream().mapToDouble(p -> p[1]).toArray());
    }

    /** Reduces a fine distribution (e.g. redis-benchmark's) to the standard percentiles. */
    Latency standard() {
        if (isEmpty()) {
            return this;
        }
        double[] values = new double[STANDARD.length];
        for (int i = 0; i < STANDARD.length; i++) {
            values[i] = at(STANDARD[i]);
        }
        return new Latency(STANDARD.clone(), values);
    }

    /** Conservative merge of distributions measured separately (per follower): the worse value per percentile. */
    static Latency worstOf(List<Latency> parts) {
        List<Latency> present = parts.stream().filter(l -> !l.isEmpty()).map(Latency::standard).toList();
        if (present.isEmpty()) {
            return empty();
        }
        double[] values = new double[STANDARD.length];
        for (int i = 0; i < STANDARD.length; i++) {
            double worst = 0;
            for (Latency l : present) {
                worst = Math.max(worst, l.millis[i]);
            }
            values[i] = worst;
        }
        return new Latency(STANDARD.clone(), values);
    }

    String encode() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < percentiles.length; i++) {
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%s:%.3f", trim(percentiles[i]), millis[i]));
        }
        return sb.toString();
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
