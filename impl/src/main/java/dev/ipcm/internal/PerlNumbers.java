package dev.ipcm.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.apiguardian.api.API;

/**
 * The JSON text of a decimal that a Perl peer decodes as the same number, and a Java peer as
 * the same {@link BigDecimal}.
 *
 * <p>Cpanel::JSON::XS decodes an integer literal beyond 64 bits as a string, so a float is
 * never written as a long run of integer digits. Ordinary fractions ({@code 0.25},
 * {@code 1733400000.123456}) and integers that fit a {@code long} stay in plain notation; every
 * other value is written in exponent form with its exact digits, in the style Perl writes a
 * float ({@code 1e+20}, {@code 1.5e+300}, {@code 1e-07}: a signed exponent of at least two
 * digits, plain from {@code 1e-04} upwards as Perl's {@code %g} is). docs/wire-format.md has the
 * table.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class PerlNumbers {
    private PerlNumbers() {}

    /** The wire text of {@code value}. */
    public static String text(BigDecimal value) {
        if (isPlain(value)) {
            return value.toPlainString();
        }
        return exponentForm(value.unscaledValue(), value.precision() - value.scale() - 1);
    }

    /** True when {@code value} would be written in plain notation, as {@code toPlainString} has it. */
    public static boolean isPlain(BigDecimal value) {
        int scale = value.scale();
        // bitLength() < 64: the integer fits a long, which Perl decodes as a number.
        return scale > 0 ? value.precision() - scale - 1 >= -4 : scale == 0 && value.unscaledValue().bitLength() < 64;
    }

    private static String exponentForm(BigInteger unscaled, int exponent) {
        String digits = unscaled.abs().toString();
        StringBuilder b = new StringBuilder(digits.length() + 8);
        if (unscaled.signum() < 0) {
            b.append('-');
        }
        b.append(digits.charAt(0));
        if (digits.length() > 1) {
            b.append('.').append(digits, 1, digits.length());
        }
        b.append('e').append(exponent < 0 ? '-' : '+');
        int magnitude = Math.abs(exponent);
        if (magnitude < 10) {
            b.append('0');
        }
        return b.append(magnitude).toString();
    }
}
