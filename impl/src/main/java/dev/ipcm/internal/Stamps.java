package dev.ipcm.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * Message stamps: wall-clock seconds with microseconds, and the per-process ordinal that
 * breaks ties between equal stamps so send order survives a coarse clock.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Stamps {
    private static final Clock CLOCK = Clock.systemUTC();
    private static BigDecimal lastStamp;
    private static long lastOrd;

    private Stamps() {}

    /** A stamp and its ordinal, taken together. */
    public record Stamp(BigDecimal stamp, long ord) {}

    /** Now, as a stamp with its ordinal. */
    public static synchronized Stamp next() {
        BigDecimal now = now();
        if (lastStamp != null && lastStamp.compareTo(now) >= 0) {
            // Equal (or, after a clock step back, earlier) stamps keep send order through the ordinal.
            lastOrd++;
            return new Stamp(lastStamp, lastOrd);
        }
        lastStamp = now;
        lastOrd = 0;
        return new Stamp(now, 0);
    }

    /** An ordinal for a received message that carried none, counted like a local stamp. */
    public static synchronized long ordinalFor(BigDecimal stamp) {
        if (lastStamp != null && lastStamp.compareTo(stamp) == 0) {
            return ++lastOrd;
        }
        return 0;
    }

    /** Wall-clock seconds since the epoch with microsecond precision, in plain decimal form. */
    public static BigDecimal now() {
        Instant t = CLOCK.instant();
        long micros = t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
        return BigDecimal.valueOf(micros, 6);
    }

    /** Seconds since the epoch as a double, for deadlines. */
    public static double nowSeconds() {
        Instant t = CLOCK.instant();
        return t.getEpochSecond() + t.getNano() / 1e9;
    }
}
