package org.inventory.chaos.report;

import org.inventory.chaos.history.Op;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Jepsen-style timeline of a run as one standalone SVG file.
 * <p>
 * The SVG is written by hand as text: it is a few kinds of element (rect, path, line, text), so no drawing library
 * is needed, and the file opens in any browser and renders inline in the markdown report.
 * <p>
 * What it shows, over x = seconds since the run started ({@code t_ns}):
 * <ul>
 *   <li>fault windows, shaded behind everything, one translucent color per nemesis kind, from the {@code start}
 *       invoke to the matching {@code stop} ok, labelled with kind and nodes in a band at the top;</li>
 *   <li>one lane per client operation kind ({@code f}): stacked bars of how many operations ended in each time
 *       bucket, split by what the client saw when its own loop ended: ok (green), fail (orange: a definite refusal
 *       such as insufficient_stock, normal) and info (gray: indeterminate);</li>
 *   <li>a latency band: a density heat map of invoke-to-completion latency on a log scale, with p50 and p99 lines.</li>
 * </ul>
 * Everything is aggregated per time bucket (100 ms, widened so there are at most {@value #MAX_BUCKETS} buckets),
 * never one element per operation, so the file stays small (a few hundred KB) however long the history is.
 */
public final class TimelineSvg {

    static final int MAX_BUCKETS = 600;

    private static final int WIDTH = 1400;
    private static final int LEFT = 150;
    private static final int RIGHT = 70;
    private static final int PLOT_W = WIDTH - LEFT - RIGHT;
    private static final int LABEL_ROW_H = 16;
    private static final int MAX_LABEL_ROWS = 6;
    private static final int LANE_H = 60;
    private static final int LANE_GAP = 10;
    private static final int LAT_H = 200;
    private static final int BINS_PER_DECADE = 8;
    private static final int LEGEND_ROW_H = 20;

    static final String OK = "#2e9e44";
    static final String FAIL = "#f28e2b";
    static final String INFO = "#9a9a9a";
    private static final String HEAT = "#2b59a6";
    private static final String P50 = "#1a1a1a";
    private static final String P99 = "#c2185b";

    private static final Map<String, String> KIND_COLORS = Map.of(
            "kill", "#d62728",
            "pause", "#9467bd",
            "partition-isolate-leader", "#1f77b4",
            "partition-majority-minority", "#17becf",
            "partition-bridge", "#8c564b",
            "partition-majority-ring", "#e377c2",
            "membership", "#bcbd22",
            "transfer-leader", "#555555");
    private static final String[] OTHER_KIND_COLORS = {"#7f7f7f", "#393b79", "#637939", "#8c6d31", "#843c39"};

    private TimelineSvg() {
    }

    /** Writes the timeline of {@code history} to {@code svgFile} (UTF-8), without a run name in the title. */
    public static void write(List<Op> history, Path svgFile) {
        write(history, svgFile, null);
    }

    /** Writes the timeline of {@code history} to {@code svgFile} (UTF-8) with a title, e.g. the run's name. */
    public static void write(List<Op> history, Path svgFile, String title) {
        try {
            Files.writeString(svgFile, render(history, title), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SVG document as text. */
    public static String render(List<Op> history, String title) {
        return new TimelineSvg.Drawing(history, title).draw();
    }

    /** Color for a nemesis kind: fixed for the known kinds, a stable pick from a spare palette otherwise. */
    static String kindColor(String kind) {
        String c = KIND_COLORS.get(kind);
        return c != null ? c : OTHER_KIND_COLORS[Math.floorMod(kind.hashCode(), OTHER_KIND_COLORS.length)];
    }

    /** One rendering: the aggregated numbers, then the picture, top to bottom. */
    private static final class Drawing {
        private final StringBuilder svg = new StringBuilder(64 * 1024);
        private final String title;
        private final List<OpSpan> client = new ArrayList<>();
        private final List<FaultWindow> faults;
        private final List<String> lanes;
        private final double endSec;
        private final long bucketMs;
        private final int buckets;

        Drawing(List<Op> history, String title) {
            this.title = title;
            long end = 0;
            for (Op e : history) {
                end = Math.max(end, e.tNanos());
            }
            endSec = Math.max(1.0, end / 1e9);
            for (OpSpan s : OpSpan.of(history)) {
                if (s.isClient()) {
                    client.add(s);
                }
            }
            faults = FaultWindow.of(history);
            Set<String> fs = new TreeSet<>(OpSpan.BY_F);
            client.forEach(s -> fs.add(s.f()));
            lanes = List.copyOf(fs);
            bucketMs = bucketMs(endSec);
            buckets = (int) Math.ceil(endSec * 1000 / bucketMs);
        }

        /** 100 ms, or the smallest "round" width that keeps the bucket count at most MAX_BUCKETS. */
        private static long bucketMs(double endSec) {
            long[] widths = {100, 200, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000,
                    600_000};
            for (long w : widths) {
                if (endSec * 1000 / w <= MAX_BUCKETS) {
                    return w;
                }
            }
            long w = 600_000;
            while (endSec * 1000 / w > MAX_BUCKETS) {
                w *= 2;
            }
            return w;
        }

        private double x(double sec) {
            return LEFT + Math.min(sec, endSec) / endSec * PLOT_W;
        }

        private int bucketOf(long nanos) {
            return (int) Math.min(buckets - 1, Math.max(0, nanos / 1_000_000 / bucketMs));
        }

        String draw() {
            // Fault labels are packed into rows first: the number of rows decides where the lanes start.
            List<double[]> labelRows = new ArrayList<>(); // per fault: {row, text x or NaN when no room for text}
            int rows = packLabels(labelRows);
            List<LegendItem> legend = legendItems();
            int bandTop = 64;
            int lanesTop = bandTop + Math.max(1, rows) * LABEL_ROW_H + 8;
            int latTop = lanesTop + lanes.size() * (LANE_H + LANE_GAP) + 6;
            int plotBottom = latTop + LAT_H;
            int axisY = plotBottom;
            int legendTop = axisY + 44;
            int height = legendTop + layoutLegend(legend) * LEGEND_ROW_H + 10;

            svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                    .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                    .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
            svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
            header();

            svg.append("<g id=\"faults\">\n");
            for (int i = 0; i < faults.size(); i++) {
                fault(faults.get(i), labelRows.get(i), bandTop, plotBottom);
            }
            svg.append("</g>\n");

            grid(bandTop, plotBottom);
            svg.append("<g id=\"lanes\">\n");
            for (int i = 0; i < lanes.size(); i++) {
                lane(lanes.get(i), lanesTop + i * (LANE_H + LANE_GAP));
            }
            svg.append("</g>\n");
            latency(latTop);
            axis(axisY);
            legend(legend, legendTop);
            svg.append("</svg>\n");
            return svg.toString();
        }

        private void header() {
            String t = "Chaos run timeline" + (title == null || title.isBlank() ? "" : ": " + title);
            text(LEFT, 26, t, "font-size=\"18\" font-weight=\"bold\"");
            long info = client.stream().filter(s -> s.firstOutcome() == Op.Type.info).count();
            String sub = String.format(java.util.Locale.ROOT,
                    "%,d client operations (%,d indeterminate when they ended) · %d fault windows · %s s of history"
                            + " · bars: operations ended per %s, each lane scaled to its own peak",
                    client.size(), info, faults.size(), Fmt.num(endSec), Fmt.duration(bucketMs));
            text(LEFT, 46, sub, "fill=\"#444\"");
            if (client.isEmpty()) {
                text(LEFT, 100, "no client operations in this history", "fill=\"#a00\"");
            }
        }

        /**
         * Assigns each fault a label row, the first row where its bar and text fit (text kept inside the picture);
         * a fault that fits nowhere gets its bar in the row that frees up first, without text (its tooltip still
         * names it). Returns the number of rows used.
         */
        private int packLabels(List<double[]> out) {
            List<Double> rowEnd = new ArrayList<>();
            for (FaultWindow w : faults) {
                double x0 = x(w.startNanos() / 1e9);
                double tw = textWidth(label(w), 11);
                double textX = Math.min(x0 + 3, WIDTH - 4 - tw);
                double from = Math.min(x0, textX);
                double to = Math.max(x(w.endNanos() / 1e9), textX + tw);
                int row = -1;
                for (int r = 0; r < rowEnd.size() && row < 0; r++) {
                    if (rowEnd.get(r) <= from) {
                        row = r;
                    }
                }
                if (row < 0 && rowEnd.size() < MAX_LABEL_ROWS) {
                    rowEnd.add(0.0);
                    row = rowEnd.size() - 1;
                }
                if (row >= 0) {
                    rowEnd.set(row, to + 6);
                    out.add(new double[]{row, textX});
                } else {
                    int best = 0;
                    for (int r = 1; r < rowEnd.size(); r++) {
                        if (rowEnd.get(r) < rowEnd.get(best)) {
                            best = r;
                        }
                    }
                    rowEnd.set(best, Math.max(rowEnd.get(best), x(w.endNanos() / 1e9) + 2));
                    out.add(new double[]{best, Double.NaN});
                }
            }
            return rowEnd.size();
        }

        private static String label(FaultWindow w) {
            return w.healed() ? w.label() : w.label() + " (not healed)";
        }

        /** A generous guess at the rendered width (sans-serif, average glyph a bit over half the size). */
        private static double textWidth(String s, int fontSize) {
            return s.length() * fontSize * 0.57;
        }

        private void fault(FaultWindow w, double[] row, int bandTop, int plotBottom) {
            String color = kindColor(w.kind());
            double x0 = x(w.startNanos() / 1e9);
            double x1 = Math.max(x0 + 1.5, x(w.endNanos() / 1e9));
            String tip = label(w) + ": " + Fmt.num(w.startNanos() / 1e9) + " s to " + Fmt.num(w.endNanos() / 1e9) + " s ("
                    + Fmt.num(w.durationNanos() / 1e9) + " s)";
            int y = bandTop + (int) row[0] * LABEL_ROW_H;
            int shadeTop = y + LABEL_ROW_H - 2;
            svg.append("<g class=\"fault\" data-kind=\"").append(Xml.esc(w.kind())).append("\"><title>")
                    .append(Xml.esc(tip)).append("</title>");
            svg.append("<rect class=\"fault-window\" x=\"").append(Fmt.num(x0)).append("\" y=\"").append(shadeTop)
                    .append("\" width=\"").append(Fmt.num(x1 - x0)).append("\" height=\"").append(plotBottom - shadeTop)
                    .append("\" fill=\"").append(color).append("\" fill-opacity=\"0.14\"/>");
            svg.append("<line x1=\"").append(Fmt.num(x0)).append("\" y1=\"").append(shadeTop).append("\" x2=\"")
                    .append(Fmt.num(x0)).append("\" y2=\"").append(plotBottom).append("\" stroke=\"").append(color)
                    .append("\" stroke-opacity=\"0.6\"/>");
            svg.append("<rect x=\"").append(Fmt.num(x0)).append("\" y=\"").append(y + 1).append("\" width=\"")
                    .append(Fmt.num(x1 - x0)).append("\" height=\"").append(LABEL_ROW_H - 3).append("\" fill=\"")
                    .append(color).append("\" fill-opacity=\"0.45\"/>");
            if (!Double.isNaN(row[1])) {
                svg.append("<text x=\"").append(Fmt.num(row[1])).append("\" y=\"").append(y + LABEL_ROW_H - 4)
                        .append("\" font-size=\"11\" fill=\"#111\">").append(Xml.esc(label(w))).append("</text>");
            }
            svg.append("</g>\n");
        }

        private double tickStep() {
            double[] steps = {1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 14400};
            for (double s : steps) {
                if (endSec / s <= 14) {
                    return s;
                }
            }
            return Math.ceil(endSec / 14 / 3600) * 3600;
        }

        private void grid(int top, int bottom) {
            double step = tickStep();
            StringBuilder d = new StringBuilder();
            for (double t = step; t < endSec; t += step) {
                d.append('M').append(Fmt.num(x(t))).append(' ').append(top).append('V').append(bottom);
            }
            svg.append("<path id=\"grid\" d=\"").append(d).append("\" stroke=\"#000\" stroke-opacity=\"0.10\"/>\n");
        }

        private void axis(int y) {
            double step = tickStep();
            svg.append("<g id=\"axis\">");
            svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(y).append("\" x2=\"")
                    .append(LEFT + PLOT_W).append("\" y2=\"").append(y).append("\" stroke=\"#333\"/>");
            for (double t = 0; t <= endSec + 1e-9; t += step) {
                double x = x(t);
                svg.append("<line x1=\"").append(Fmt.num(x)).append("\" y1=\"").append(y).append("\" x2=\"")
                        .append(Fmt.num(x)).append("\" y2=\"").append(y + 5).append("\" stroke=\"#333\"/>");
                text(x, y + 18, Fmt.num(t), "text-anchor=\"middle\"");
            }
            text(LEFT + PLOT_W / 2.0, y + 34, "seconds since the run started", "text-anchor=\"middle\" fill=\"#444\"");
            svg.append("</g>\n");
        }

        /** One lane: stacked bars per bucket (ok at the bottom, then fail, then info), scaled to the lane's peak. */
        private void lane(String f, int top) {
            int[][] counts = new int[3][buckets];
            long total = 0;
            for (OpSpan s : client) {
                if (!s.f().equals(f)) {
                    continue;
                }
                total++;
                int k = switch (s.firstOutcome()) {
                    case ok -> 0;
                    case fail -> 1;
                    default -> 2;
                };
                counts[k][bucketOf(s.endNanos())]++;
            }
            int peak = 1;
            for (int b = 0; b < buckets; b++) {
                peak = Math.max(peak, counts[0][b] + counts[1][b] + counts[2][b]);
            }
            int base = top + LANE_H;
            svg.append("<g class=\"lane\" data-f=\"").append(Xml.esc(f)).append("\">");
            svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(base).append("\" x2=\"")
                    .append(LEFT + PLOT_W).append("\" y2=\"").append(base).append("\" stroke=\"#bbb\"/>");
            text(LEFT - 10, top + LANE_H / 2.0, f, "text-anchor=\"end\" font-weight=\"bold\" font-size=\"13\"");
            text(LEFT - 10, top + LANE_H / 2.0 + 15, String.format(java.util.Locale.ROOT, "%,d ops", total),
                    "text-anchor=\"end\" fill=\"#555\" font-size=\"11\"");
            text(LEFT + PLOT_W + 6, top + 10, "peak " + peak, "fill=\"#777\" font-size=\"10\"");
            text(LEFT + PLOT_W + 6, top + 22, "per " + Fmt.duration(bucketMs), "fill=\"#777\" font-size=\"10\"");
            double scale = (LANE_H - 4) / (double) peak;
            String[] colors = {OK, FAIL, INFO};
            int[] stacked = new int[buckets];
            for (int k = 0; k < 3; k++) {
                StringBuilder d = new StringBuilder();
                for (int b = 0; b < buckets; b++) {
                    int c = counts[k][b];
                    if (c == 0) {
                        continue;
                    }
                    double x0 = x(b * bucketMs / 1000.0);
                    double x1 = x((b + 1) * bucketMs / 1000.0);
                    double y0 = base - stacked[b] * scale;
                    double h = c * scale;
                    d.append('M').append(Fmt.num(x0)).append(' ').append(Fmt.num(y0)).append('v').append(Fmt.num(-h))
                            .append('h').append(Fmt.num(x1 - x0)).append('v').append(Fmt.num(h)).append('z');
                    stacked[b] += c;
                }
                if (!d.isEmpty()) {
                    svg.append("<path fill=\"").append(colors[k]).append("\" d=\"").append(d).append("\"/>");
                }
            }
            svg.append("</g>\n");
        }

        /** Latency heat map (log scale), with per-bucket p50 and p99 lines. */
        private void latency(int top) {
            List<double[]> pts = new ArrayList<>(); // {bucket, ms}
            double min = Double.MAX_VALUE;
            double max = 0;
            for (OpSpan s : client) {
                long n = s.latencyNanos();
                if (n < 0) {
                    continue;
                }
                double ms = Math.max(n / 1e6, 1e-3);
                pts.add(new double[]{bucketOf(s.endNanos()), ms});
                min = Math.min(min, ms);
                max = Math.max(max, ms);
            }
            int bottom = top + LAT_H;
            svg.append("<g id=\"latency\">");
            svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(top).append("\" width=\"").append(PLOT_W)
                    .append("\" height=\"").append(LAT_H).append("\" fill=\"none\" stroke=\"#bbb\"/>");
            text(LEFT - 10, top + LAT_H / 2.0 - 8, "latency", "text-anchor=\"end\" font-weight=\"bold\" font-size=\"13\"");
            text(LEFT - 10, top + LAT_H / 2.0 + 7, "ms, log scale", "text-anchor=\"end\" fill=\"#555\" font-size=\"11\"");
            if (pts.isEmpty()) {
                svg.append("</g>\n");
                return;
            }
            int lo = (int) Math.max(-1, Math.floor(Math.log10(min)));
            int hi = (int) Math.ceil(Math.log10(max));
            if (hi <= lo) {
                hi = lo + 1;
            }
            int bins = (hi - lo) * BINS_PER_DECADE;
            double binH = (double) LAT_H / bins;
            int[][] heat = new int[buckets][bins];
            List<List<Double>> perBucket = new ArrayList<>(buckets);
            for (int b = 0; b < buckets; b++) {
                perBucket.add(new ArrayList<>());
            }
            for (double[] p : pts) {
                int b = (int) p[0];
                double l = (Math.log10(p[1]) - lo) * BINS_PER_DECADE;
                int bin = (int) Math.max(0, Math.min(bins - 1, Math.floor(l)));
                heat[b][bin]++;
                perBucket.get(b).add(p[1]);
            }
            int maxCount = 1;
            for (int[] col : heat) {
                for (int c : col) {
                    maxCount = Math.max(maxCount, c);
                }
            }
            // Five shades, on a log scale of the count, one path each: a few elements whatever the data.
            double[] opacity = {0.22, 0.36, 0.5, 0.68, 0.9};
            StringBuilder[] paths = new StringBuilder[opacity.length];
            for (int i = 0; i < paths.length; i++) {
                paths[i] = new StringBuilder();
            }
            for (int b = 0; b < buckets; b++) {
                double x0 = x(b * bucketMs / 1000.0);
                double w = x((b + 1) * bucketMs / 1000.0) - x0;
                for (int bin = 0; bin < bins; bin++) {
                    int c = heat[b][bin];
                    if (c == 0) {
                        continue;
                    }
                    int level = maxCount == 1 ? opacity.length - 1
                            : (int) Math.min(opacity.length - 1, Math.floor(Math.log(c) / Math.log(maxCount) * opacity.length));
                    double y0 = bottom - (bin + 1) * binH;
                    paths[level].append('M').append(Fmt.num(x0)).append(' ').append(Fmt.num(y0)).append('h').append(Fmt.num(w))
                            .append('v').append(Fmt.num(binH)).append('h').append(Fmt.num(-w)).append('z');
                }
            }
            for (int i = 0; i < paths.length; i++) {
                if (!paths[i].isEmpty()) {
                    svg.append("<path fill=\"").append(HEAT).append("\" fill-opacity=\"").append(opacity[i])
                            .append("\" d=\"").append(paths[i]).append("\"/>");
                }
            }
            // decade ticks
            for (int dec = lo; dec <= hi; dec++) {
                double y = bottom - (dec - lo) * BINS_PER_DECADE * binH;
                svg.append("<line x1=\"").append(LEFT - 4).append("\" y1=\"").append(Fmt.num(y)).append("\" x2=\"")
                        .append(LEFT + PLOT_W).append("\" y2=\"").append(Fmt.num(y))
                        .append("\" stroke=\"#000\" stroke-opacity=\"0.12\"/>");
                text(LEFT + PLOT_W + 6, y + 4, decade(dec), "fill=\"#555\" font-size=\"10\"");
            }
            // Percentile steps over windows of k buckets: about 10 ops a window on average and at most 150 windows,
            // so the lines follow the trend rather than the noise of near-empty buckets. Drawn as steps (flat over
            // each window, broken where a window is empty) so a window never seems to reach into its neighbours.
            int k = (int) Math.max(Math.ceil(10.0 * buckets / pts.size()), Math.ceil(buckets / 150.0));
            StringBuilder d50 = new StringBuilder();
            StringBuilder d99 = new StringBuilder();
            boolean prev = false;
            for (int b = 0; b < buckets; b += k) {
                List<Double> l = new ArrayList<>();
                for (int i = b; i < Math.min(buckets, b + k); i++) {
                    l.addAll(perBucket.get(i));
                }
                if (l.isEmpty()) {
                    prev = false;
                    continue;
                }
                double[] a = l.stream().mapToDouble(Double::doubleValue).toArray();
                Arrays.sort(a);
                String x0 = Fmt.num(x(b * bucketMs / 1000.0));
                String x1 = Fmt.num(x(Math.min(buckets, b + k) * bucketMs / 1000.0));
                char cmd = prev ? 'L' : 'M';
                d50.append(cmd).append(x0).append(' ').append(Fmt.num(yOf(Percentile.of(a, 50), lo, hi, bottom)))
                        .append('H').append(x1);
                d99.append(cmd).append(x0).append(' ').append(Fmt.num(yOf(Percentile.of(a, 99), lo, hi, bottom)))
                        .append('H').append(x1);
                prev = true;
            }
            svg.append("<path fill=\"none\" stroke=\"").append(P99).append("\" stroke-width=\"1.2\" d=\"").append(d99)
                    .append("\"/>");
            svg.append("<path fill=\"none\" stroke=\"").append(P50).append("\" stroke-width=\"1.2\" d=\"").append(d50)
                    .append("\"/>");
            svg.append("</g>\n");
        }

        private static double yOf(double ms, int lo, int hi, int bottom) {
            double f = (Math.log10(Math.max(ms, 1e-3)) - lo) / (hi - lo);
            return bottom - Math.max(0, Math.min(1, f)) * LAT_H;
        }

        private static String decade(int dec) {
            return switch (dec) {
                case -1 -> "0.1 ms";
                case 0 -> "1 ms";
                case 1 -> "10 ms";
                case 2 -> "100 ms";
                case 3 -> "1 s";
                case 4 -> "10 s";
                case 5 -> "100 s";
                default -> "1e" + dec + " ms";
            };
        }

        /** A legend entry: a swatch (filled box, translucent box for a fault kind, or a line) and its text. */
        private static final class LegendItem {
            final String text;
            final String shape;
            final String color;
            double x;
            int row;

            LegendItem(String text, String shape, String color) {
                this.text = text;
                this.shape = shape;
                this.color = color;
            }
        }

        private List<LegendItem> legendItems() {
            List<LegendItem> items = new ArrayList<>();
            items.add(new LegendItem("ok", "box", OK));
            items.add(new LegendItem("fail: definite refusal (e.g. insufficient_stock), normal", "box", FAIL));
            items.add(new LegendItem("info: indeterminate, may or may not have happened", "box", INFO));
            items.add(new LegendItem("latency: ops per cell, darker = more", "box", HEAT));
            items.add(new LegendItem("p50", "line", P50));
            items.add(new LegendItem("p99", "line", P99));
            Set<String> kinds = new LinkedHashSet<>();
            faults.forEach(w -> kinds.add(w.kind()));
            boolean first = true;
            for (String k : kinds) {
                LegendItem item = new LegendItem("fault: " + k, "fault", kindColor(k));
                item.row = first ? -1 : 0; // -1: start a new row
                first = false;
                items.add(item);
            }
            if (kinds.isEmpty()) {
                LegendItem item = new LegendItem("no faults in this history", "none", "");
                item.row = -1;
                items.add(item);
            }
            return items;
        }

        /** Places the items left to right, wrapping at the right edge (fault kinds start a row); returns rows. */
        private int layoutLegend(List<LegendItem> items) {
            double x = LEFT;
            int row = 0;
            for (LegendItem item : items) {
                double w = 19 + textWidth(item.text, 12);
                if (x > LEFT && (item.row == -1 || x + w > WIDTH - 10)) {
                    row++;
                    x = LEFT;
                }
                item.x = x;
                item.row = row;
                x += w + 16;
            }
            return row + 1;
        }

        private void legend(List<LegendItem> items, int top) {
            svg.append("<g id=\"legend\">");
            for (LegendItem item : items) {
                double x = item.x;
                int y = top + item.row * LEGEND_ROW_H;
                switch (item.shape) {
                    case "line" -> svg.append("<line x1=\"").append(Fmt.num(x)).append("\" y1=\"").append(y + 7)
                            .append("\" x2=\"").append(Fmt.num(x + 14)).append("\" y2=\"").append(y + 7)
                            .append("\" stroke=\"").append(item.color).append("\" stroke-width=\"2\"/>");
                    case "fault" -> svg.append("<rect x=\"").append(Fmt.num(x)).append("\" y=\"").append(y)
                            .append("\" width=\"14\" height=\"14\" fill=\"").append(item.color)
                            .append("\" fill-opacity=\"0.3\" stroke=\"").append(item.color).append("\"/>");
                    case "box" -> svg.append("<rect x=\"").append(Fmt.num(x)).append("\" y=\"").append(y)
                            .append("\" width=\"14\" height=\"14\" fill=\"").append(item.color).append("\"/>");
                    default -> x -= 19;
                }
                text(x + 19, y + 11, item.text, item.shape.equals("none") ? "fill=\"#555\"" : "");
            }
            svg.append("</g>\n");
        }

        private void text(double x, double y, String s, String attrs) {
            svg.append("<text x=\"").append(Fmt.num(x)).append("\" y=\"").append(Fmt.num(y)).append('"');
            if (!attrs.isEmpty()) {
                svg.append(' ').append(attrs);
            }
            svg.append('>').append(Xml.esc(s)).append("</text>\n");
        }
    }
}
