package dev.ipcm.os;

import java.util.Locale;
import java.util.Map;

/** Linux's signal numbers by name, for {@link Os#signalNumber} and {@link Os#kill}. */
final class SignalNumbers {
    private static final Map<String, Integer> SIGNALS = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
            Map.entry("TRAP", 5), Map.entry("ABRT", 6), Map.entry("BUS", 7), Map.entry("FPE", 8),
            Map.entry("KILL", 9), Map.entry("USR1", 10), Map.entry("SEGV", 11), Map.entry("USR2", 12),
            Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15), Map.entry("CHLD", 17),
            Map.entry("CONT", 18), Map.entry("STOP", 19), Map.entry("TSTP", 20), Map.entry("TTIN", 21),
            Map.entry("TTOU", 22), Map.entry("URG", 23), Map.entry("XCPU", 24), Map.entry("XFSZ", 25),
            Map.entry("VTALRM", 26), Map.entry("PROF", 27), Map.entry("WINCH", 28), Map.entry("IO", 29),
            Map.entry("PWR", 30), Map.entry("SYS", 31), Map.entry("ZERO", 0));

    private SignalNumbers() {}

    /**
     * The number of a signal given by name ({@code TERM}, {@code SIGTERM}, any case) or number.
     *
     * @throws IllegalArgumentException for a name this table does not know
     */
    static int of(String signal) {
        String name = signal.toUpperCase(Locale.ROOT).trim();
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        Integer n = SIGNALS.get(name);
        if (n == null) {
            try {
                int num = Integer.parseInt(name);
                if (num >= 0 && num < 65) {
                    return num;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the error below
            }
            throw new IllegalArgumentException("Unknown signal '" + signal + "': use a name such as TERM, INT, HUP, USR1");
        }
        return n;
    }
}
