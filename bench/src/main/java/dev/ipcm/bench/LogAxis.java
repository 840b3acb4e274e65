package dev.ipcm.bench;

import java.util.Arrays;

/**
 * A log-10 axis from the power of ten at or below the smallest value to the one at or above the
 * largest, at least one power wide, so that a bar's length is where its value falls on it.
 */
record LogAxis(double lo, double hi) {
    /** The axis around {@code values}, all positive and finite. */
    static LogAxis around(double[] values) {
        double lo = Math.floor(Math.log10(Arrays.stream(values).min().orElse(1)));
        double hi = Math.ceil(Math.log10(Arrays.stream(values).max().orElse(10)));
        return new LogAxis(lo, hi <= lo ? lo + 1 : hi);
    }

    int lowestPower() {
        return (int) lo;
    }

    int highestPower() {
        return (int) hi;
    }

    /** Where the tick for 10 to the {@code power} falls, from 0 (left) to 1 (right). */
    double fractionOfPower(int power) {
        return (power - lo) / (hi - lo);
    }

    /** Where {@code value} falls, from 0 (left) to 1 (right). */
    double fraction(double value) {
        return (Math.log10(value) - lo) / (hi - lo);
    }
}
