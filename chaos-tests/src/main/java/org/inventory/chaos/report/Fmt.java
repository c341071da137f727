package org.inventory.chaos.report;

/** Number formatting shared by the SVG and the markdown: no locale, short. */
final class Fmt {
    private Fmt() {
    }

    /** A coordinate or value with at most one decimal, no locale, no trailing ".0". */
    static String num(double v) {
        long r = Math.round(v * 10);
        long whole = Math.abs(r) / 10;
        long tenth = Math.abs(r) % 10;
        String s = (r < 0 ? "-" : "") + whole;
        return tenth == 0 ? s : s + "." + tenth;
    }

    /** "250 ms", "1 s", "1.5 s", "5 min". */
    static String duration(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000 || ms % 60_000 != 0) {
            return num(ms / 1000.0) + " s";
        }
        return ms / 60_000 + " min";
    }
}
