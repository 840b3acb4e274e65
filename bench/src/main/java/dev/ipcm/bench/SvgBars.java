package dev.ipcm.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A horizontal bar chart as inline SVG on a log-10 axis (the figures span several powers of ten:
 * microseconds for sockets, milliseconds for databases). Each bar carries its value as text.
 */
final class SvgBars {
    /** One bar: its row label, value, whether it is a raw baseline (drawn grey). */
    record Bar(String label, double value, boolean raw) {}

    private static final int LABEL_WIDTH = 230;
    private static final int PLOT_WIDTH = 420;
    private static final int ROW = 20;

    private SvgBars() {}

    static String render(String title, List<Bar> bars, DoubleFunction<String> format) {
        List<Bar> shown = bars.stream().filter(b -> b.value() > 0 && Double.isFinite(b.value())).toList();
        int height = 40 + ROW * Math.max(1, shown.size()) + 20;
        int width = LABEL_WIDTH + PLOT_WIDTH + 110;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "role=\"img\" aria-label=\"%s\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, HtmlText.escape(title)));
        s.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"16\" font-weight=\"bold\">%s (log scale)</text>%n", HtmlText.escape(title)));
        if (shown.isEmpty()) {
            s.append("<text x=\"4\" y=\"40\">no figures</text></svg>\n");
            return s.toString();
        }
        LogAxis axis = LogAxis.around(shown.stream().mapToDouble(Bar::value).toArray());
        int top = 28;
        for (int p = axis.lowestPower(); p <= axis.highestPower(); p++) {
            double x = LABEL_WIDTH + axis.fractionOfPower(p) * PLOT_WIDTH;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                    x, top, x, top + ROW * shown.size()));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#666\">%s</text>%n",
                    x, top + ROW * shown.size() + 14, HtmlText.escape(format.apply(Math.pow(10, p)))));
        }
        for (int i = 0; i < shown.size(); i++) {
            Bar b = shown.get(i);
            int y = top + i * ROW;
            double w = Math.max(1, axis.fraction(b.value()) * PLOT_WIDTH);
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    LABEL_WIDTH - 6, y + 14, HtmlText.escape(b.label())));
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                    LABEL_WIDTH, y + 3, w, ROW - 6, b.raw() ? "#9e9e9e" : "#3f6fb5"));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>%n",
                    LABEL_WIDTH + w + 4, y + 14, HtmlText.escape(format.apply(b.value()))));
        }
        s.append("</svg>\n");
        return s.toString();
    }
}
