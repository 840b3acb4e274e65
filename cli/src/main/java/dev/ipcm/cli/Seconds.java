package dev.ipcm.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a number of seconds ({@code 5}, {@code 0.25}) as a {@link Duration}; negative values are refused. */
final class Seconds implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number of seconds (e.g. 5 or 0.5)");
        }
        if (seconds.signum() < 0) {
            throw new TypeConversionException("seconds must not be negative, got " + value);
        }
        try {
            return Duration.ofNanos(seconds.movePointRight(9).setScale(0, RoundingMode.CEILING).longValueExact());
        } catch (ArithmeticException e) {
            throw new TypeConversionException("'" + value + "' seconds is too long; the limit is about 292 years");
        }
    }

    /** A duration as the user would write it: {@code 5s}, {@code 0.25s}. */
    static String format(Duration d) {
        return BigDecimal.valueOf(d.toNanos(), 9).stripTrailingZeros().toPlainString() + "s";
    }
}
