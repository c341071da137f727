package org.inventory.chaos.report;

/** Nearest-rank percentiles of a sorted array. */
final class Percentile {
    private Percentile() {
    }

    /** The p-th percentile (0 < p <= 100) of {@code sorted}, nearest rank; NaN when empty. */
    static double of(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
