package dev.ipcm.bench;

/** Escapes text for HTML and inline SVG, the two markups the HTML report writes. */
final class HtmlText {
    private HtmlText() {}

    /** {@code text} with the characters that markup or an attribute value would take as syntax escaped. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
