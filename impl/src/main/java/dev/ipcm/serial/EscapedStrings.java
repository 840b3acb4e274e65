package dev.ipcm.serial;

import java.nio.charset.StandardCharsets;

/**
 * Reads the rest of a JSON string that holds backslash escapes, as Jackson reads it. A control
 * character, a non-ASCII byte, a bad escape or an escaped surrogate in a key is Jackson's to
 * judge: it throws {@link NotMine}.
 */
final class EscapedStrings {
    private EscapedStrings() {}

    /**
     * Appends the characters from {@code i} up to the closing quote to {@code s} and returns the
     * index after that quote.
     *
     * @param key whether the string is a key; Jackson reads an escaped surrogate in a key through
     *     UTF-8 and may refuse it
     */
    static int read(byte[] b, int i, int end, boolean key, StringBuilder s) {
        while (true) {
            if (i >= end) {
                throw NotMine.INSTANCE;
            }
            int c = b[i++];
            if (c == '"') {
                return i;
            }
            if (c != '\\' || i >= end) {
                throw NotMine.INSTANCE;
            }
            byte e = b[i++];
            if (e == 'u') {
                if (i + 4 > end) {
                    throw NotMine.INSTANCE;
                }
                // In a value Jackson takes each escaped UTF-16 unit as it is, lone surrogates included.
                char u = (char) ((hex(b[i]) << 12) | (hex(b[i + 1]) << 8) | (hex(b[i + 2]) << 4) | hex(b[i + 3]));
                if (key && Character.isSurrogate(u)) {
                    throw NotMine.INSTANCE;
                }
                s.append(u);
                i += 4;
            } else {
                s.append(unescaped(e));
            }
            int run = AsciiRuns.plainEnd(b, i, end);
            s.append(new String(b, i, run - i, StandardCharsets.ISO_8859_1));
            i = run;
        }
    }

    /** The character a one-letter escape stands for. */
    private static char unescaped(byte e) {
        switch (e) {
            case '"':
                return '"';
            case '\\':
                return '\\';
            case '/':
                return '/';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            default:
                throw NotMine.INSTANCE;
        }
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw NotMine.INSTANCE;
    }
}
