package dev.ipcm.serial;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A position in the bytes of one JSON text and the tokens read from there: white space,
 * punctuation, literals, names, strings and numbers of at most 18 digits without an exponent.
 * What it does not read exactly as Jackson would throws {@link NotMine}.
 *
 * <p>{@link EnvelopeBytesReader} extends it, so reading a message makes one object, not two.
 */
class JsonByteCursor {
    /** Jackson limits names (50,000 chars); names near that are its to judge. */
    private static final int MAX_NAME = 1_000;

    private final byte[] b;
    private final int end;
    private int pos;
    /** The last number read: its unscaled digits and scale (0 for an integer). */
    private long unscaled;
    private int scale;

    JsonByteCursor(byte[] bytes, int offset, int length) {
        this.b = bytes;
        this.pos = offset;
        this.end = offset + length;
    }

    /** Whether only white space is left. */
    boolean atEnd() {
        skipSpace();
        return pos == end;
    }

    void skipSpace() {
        while (pos < end) {
            byte c = b[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    /** The next byte, not taken; -1 at the end. */
    int peek() {
        return pos < end ? b[pos] : -1;
    }

    /** Takes the next byte, which is known to be there (the one {@link #peek()} saw). */
    void skip() {
        pos++;
    }

    void expect(char c) {
        if (pos >= end || b[pos] != c) {
            throw NotMine.INSTANCE;
        }
        pos++;
    }

    /** Takes the colon between a name and its value, and the white space around it. */
    void colon() {
        skipSpace();
        expect(':');
        skipSpace();
    }

    /**
     * After a member of an object or array: false (taken) at its {@code close}, true (taken) at a
     * comma, with the white space around either skipped.
     */
    boolean more(char close) {
        skipSpace();
        int c = pos < end ? b[pos++] : -1;
        if (c == close) {
            return false;
        }
        if (c != ',') {
            throw NotMine.INSTANCE;
        }
        skipSpace();
        return true;
    }

    void literal(String word) {
        int n = word.length();
        if (pos + n > end) {
            throw NotMine.INSTANCE;
        }
        for (int k = 0; k < n; k++) {
            if (b[pos + k] != word.charAt(k)) {
                throw NotMine.INSTANCE;
            }
        }
        pos += n;
        // "truex" and the like: the caller then finds no separator and gives up.
    }

    /**
     * After a name's opening quote: the index in {@code names} of the name written there without
     * escapes, the position then past its closing quote; -1, not moving, for any other name.
     */
    int knownName(byte[][] names) {
        int stop = AsciiRuns.plainEnd(b, pos, end);
        if (stop >= end || b[stop] != '"') {
            return -1;
        }
        int n = stop - pos;
        for (int k = 0; k < names.length; k++) {
            if (names[k].length == n && Arrays.equals(b, pos, stop, names[k], 0, n)) {
                pos = stop + 1;
                return k;
            }
        }
        return -1;
    }

    /** The name whose opening quote was just read. */
    String name() {
        String name = string(true);
        if (name.length() > MAX_NAME) {
            throw NotMine.INSTANCE;
        }
        return name;
    }

    /** The string whose opening quote was just read; the position moves past its closing quote. */
    String string() {
        return string(false);
    }

    private String string(boolean key) {
        int start = pos;
        int stop = AsciiRuns.plainEnd(b, start, end);
        // Only bytes below 0x80 were passed: ISO-8859-1 takes them over as they are.
        String plain = new String(b, start, stop - start, StandardCharsets.ISO_8859_1);
        if (stop < end && b[stop] == '"') {
            pos = stop + 1;
            return plain;
        }
        StringBuilder s = new StringBuilder(stop - start + 16).append(plain);
        pos = EscapedStrings.read(b, stop, end, key, s);
        return s.toString();
    }

    /**
     * A JSON number: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?} of at most 18 digits, then read with
     * {@link #unscaled()} and {@link #scale()}. False when the value does not start a number;
     * a number this does not take (an exponent, more digits) is not this reader's.
     */
    boolean number() {
        int i = pos;
        boolean negative = false;
        if (i < end && b[i] == '-') {
            negative = true;
            i++;
        }
        int first = i;
        long v = 0;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            v = v * 10 + (b[i] - '0');
            i++;
        }
        int intDigits = i - first;
        if (intDigits == 0) {
            if (negative) {
                throw NotMine.INSTANCE;
            }
            return false;
        }
        // Leading zeros are an error to Jackson.
        if (intDigits > 1 && b[first] == '0') {
            throw NotMine.INSTANCE;
        }
        int fraction = 0;
        if (i < end && b[i] == '.') {
            int f = ++i;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                v = v * 10 + (b[i] - '0');
                i++;
            }
            fraction = i - f;
            if (fraction == 0) {
                throw NotMine.INSTANCE;
            }
        }
        if (intDigits + fraction > 18 || (i < end && (b[i] == 'e' || b[i] == 'E'))) {
            throw NotMine.INSTANCE;
        }
        pos = i;
        unscaled = negative ? -v : v;
        scale = fraction;
        return true;
    }

    /** The last number's digits without its point. */
    long unscaled() {
        return unscaled;
    }

    /** The last number's digits after its point; 0 for an integer. */
    int scale() {
        return scale;
    }
}
