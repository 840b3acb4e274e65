package dev.ipcm.internal;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * The JSON escapes {@link Json} writes with, as Perl writes them. Jackson's own
 * {@code \\uXXXX} escapes use upper-case hex; this writes the control
 * characters and everything above U+007F, in lower case, as Cpanel::JSON::XS does. DEL
 * (U+007F) stays raw, as Perl leaves it. Jackson hands a supplementary character over as
 * its two UTF-16 halves, so it becomes a surrogate pair like Perl's.
 */
final class LowerHexEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private static final int[] ASCII = asciiCodes();

    private static int[] asciiCodes() {
        int[] codes = standardAsciiEscapesForJSON().clone();
        // Control characters with a two-character form (\n, \t, ...) keep it.
        for (int c = 0; c < 0x20; c++) {
            if (codes[c] == ESCAPE_STANDARD) {
                codes[c] = ESCAPE_CUSTOM;
            }
        }
        return codes;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ASCII;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (ch < 0x20 || ch > 0x7F) {
            return new SerializedString(String.format("\\u%04x", ch));
        }
        return null;
    }
}
