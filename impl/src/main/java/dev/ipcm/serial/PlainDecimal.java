package dev.ipcm.serial;

/**
 * The plain text ({@code BigDecimal.toPlainString}) of a decimal given as an unscaled
 * {@code long} and a scale of 1 to 18, written into a caller's buffer instead of new strings.
 */
final class PlainDecimal {
    /** Sign, up to 19 integer digits, the point and 18 fraction digits. */
    static final int MAX_CHARS = 1 + 19 + 1 + 18;

    private PlainDecimal() {}

    /**
     * Writes the text at the end of {@code out} (at least {@link #MAX_CHARS} long) and returns
     * where it starts.
     */
    static int format(long unscaled, int scale, char[] out) {
        if (scale < 1 || scale > 18) {
            throw new IllegalArgumentException("scale must be between 1 and 18: scale=" + scale);
        }
        // Digits from the right, of the negative magnitude: a negative long holds them all.
        long v = unscaled < 0 ? unscaled : -unscaled;
        int p = out.length;
        for (int i = 0; i < scale; i++) {
            out[--p] = (char) ('0' - (int) (v % 10));
            v /= 10;
        }
        out[--p] = '.';
        do {
            out[--p] = (char) ('0' - (int) (v % 10));
            v /= 10;
        } while (v != 0);
        if (unscaled < 0) {
            out[--p] = '-';
        }
        return p;
    }
}
