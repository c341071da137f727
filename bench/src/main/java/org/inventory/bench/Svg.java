package org.inventory.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Hand-written SVG line charts (no plotting library): log-scaled axes, grid, one polyline with markers per series,
 * legend on the right. Enough for throughput vs concurrency and latency by percentile.
 */
final class Svg {
    record Series(String name, List<double[]> points, boolean dashed) {
    }

    /** An axis: its range in data units, whether it is logarithmic, tick positions and how to label them. */
    record Axis(String label, double min, double max, boolean log, double[] ticks, DoubleFunction<String> format) {
        double norm(double v) {
            if (log) {
                return (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
            }
            return (v - min) / (max - min);
        }
    }

    static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
        "#7f7f7f", "#bcbd22", "#393b79", "#637939"};

    private static final int W = 1040;
    private static final int H = 540;
    private static final int LEFT = 80;
    private static final int RIGHT = 390;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private Svg() {
    }

    static String chart(String title, Axis x, Axis y, List<Series> series, String footnote) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">%n", W, H, W, H));
        s.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", W, H));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"28\" font-size=\"16\" font-weight=\"bold\">%s</text>%n", LEFT, esc(title)));
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;
        // grid and ticks
        for (double t : x.ticks()) {
            if (t < x.min() || t > x.max()) {
                continue;
            }
            double px = LEFT + x.norm(t) * pw;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e0e0e0\"/>%n", px, TOP, px, TOP + ph));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px, TOP + ph + 18, esc(x.format().apply(t))));
        }
        for (double t : y.ticks()) {
            if (t < y.min() || t > y.max()) {
                continue;
            }
            double py = TOP + ph - y.norm(t) * ph;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>%n", LEFT, py, LEFT + pw, py));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6, py + 4, esc(y.format().apply(t))));
        }
        s.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n", LEFT, TOP, pw, ph));
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", LEFT + pw / 2.0, H - 20, esc(x.label())));
        s.append(String.format(Locale.ROOT, "<text transform=\"translate(18,%.1f) rotate(-90)\" text-anchor=\"middle\">%s</text>%n",
                TOP + ph / 2.0, esc(y.label())));
        // series
        for (int i = 0; i < series.size(); i++) {
            Series ser = series.get(i);
            String color = COLORS[i % COLORS.length];
            List<String> pts = new ArrayList<>();
            for (double[] p : ser.points()) {
                if (!(p[0] > 0 || !x.log()) || !(p[1] > 0 || !y.log()) || Double.isNaN(p[0]) || Double.isNaN(p[1])) {
                    continue;
                }
                double px = LEFT + clamp(x.norm(p[0])) * pw;
                double py = TOP + ph - clamp(y.norm(p[1])) * ph;
                pts.add(String.format(Locale.ROOT, "%.1f,%.1f", px, py));
            }
            if (pts.isEmpty()) {
                continue;
            }
            s.append(String.format("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"/>%n", color,
                    ser.dashed() ? " stroke-dasharray=\"6,4\"" : "", String.join(" ", pts)));
            for (String pt : pts) {
                String[] xy = pt.split(",");
                s.append(String.format("<circle cx=\"%s\" cy=\"%s\" r=\"3.5\" fill=\"%s\"/>%n", xy[0], xy[1], color));
            }
            int ly = TOP + 10 + i * 22;
            int lx = LEFT + pw + 16;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                    lx, ly, lx + 24, ly, color, ser.dashed() ? " stroke-dasharray=\"6,4\"" : ""));
            s.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"3.5\" fill=\"%s\"/>%n", lx + 12, ly, color));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", lx + 30, ly + 4, esc(ser.name())));
        }
        if (footnote != null && !footnote.isEmpty()) {
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#555\">%s</text>%n", LEFT, H - 4, esc(footnote)));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** 1-2-5 ticks per decade between min and max. */
    static double[] logTicks(double min, double max) {
        List<Double> t = new ArrayList<>();
        for (double d = Math.pow(10, Math.floor(Math.log10(min))); d <= max * 1.0001; d *= 10) {
            for (double m : new double[] {1, 2, 5}) {
                double v = d * m;
                if (v >= min * 0.9999 && v <= max * 1.0001) {
                    t.add(v);
                }
            }
        }
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A log range covering the values, widened to whole 1-2-5 steps. */
    static double[] logRange(double lo, double hi) {
        if (!(lo > 0) || !(hi > 0)) {
            return new double[] {1, 10};
        }
        double min = Math.pow(10, Math.floor(Math.log10(lo)));
        double max = Math.pow(10, Math.ceil(Math.log10(hi)));
        if (max / min < 10) {
            max = min * 10;
        }
        return new double[] {min, max};
    }

    static String human(double v) {
        if (v >= 1e6) {
            return trim(v / 1e6) + "M";
        }
        if (v >= 1e3) {
            return trim(v / 1e3) + "k";
        }
        return trim(v);
    }

    private static String trim(double v) {
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        String text = String.format(Locale.ROOT, v < 0.01 ? "%.3f" : v < 1 ? "%.2f" : "%.1f", v);
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
