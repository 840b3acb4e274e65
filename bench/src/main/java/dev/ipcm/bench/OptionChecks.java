package dev.ipcm.bench;

import java.util.List;

/** The checks of {@link BenchOptions}' setters: each refuses a bad value with a message that names it. */
final class OptionChecks {
    private OptionChecks() {}

    static int positive(String what, int value) {
        if (value <= 0) {
            throw new BenchException(what + " must be positive, got " + what + "=" + value);
        }
        return value;
    }

    static int nonNegative(String what, int value) {
        if (value < 0) {
            throw new BenchException(what + " must not be negative, got " + what + "=" + value);
        }
        return value;
    }

    /** A non-empty list of counts, each at least {@code min}. */
    static List<Integer> counts(String what, List<Integer> counts, int min) {
        if (counts.isEmpty()) {
            throw new BenchException(what + " is empty: give at least one count");
        }
        for (int c : counts) {
            if (c < min) {
                throw new BenchException(what + " must each be at least " + min + ", got " + what + "=" + counts);
            }
        }
        return List.copyOf(counts);
    }
}
