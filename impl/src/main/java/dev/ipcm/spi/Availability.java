package dev.ipcm.spi;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Whether a protocol can run on this machine now, and if not, what is missing and which
 * setting would provide it.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Availability {
    private static final Availability AVAILABLE = new Availability(true, "", "");

    private final boolean available;
    private final String reason;
    private final String remedy;

    private Availability(boolean available, String reason, String remedy) {
        this.available = available;
        this.reason = reason;
        this.remedy = remedy;
    }

    /** The protocol can run. */
    public static Availability available() {
        return AVAILABLE;
    }

    /**
     * The protocol cannot run.
     *
     * @param reason what is missing, e.g. "no PostgreSQL server is configured"
     * @param remedy the setting that would fix it, e.g. "set IPCM_POSTGRESQL_URL"
     */
    public static Availability unavailable(String reason, String remedy) {
        return new Availability(false, Objects.requireNonNull(reason, "reason must not be null"),
                Objects.requireNonNull(remedy, "remedy must not be null"));
    }

    /** Whether the protocol can run. */
    public boolean isAvailable() {
        return available;
    }

    /** What is missing; empty when available. */
    public String reason() {
        return reason;
    }

    /** What would fix it; empty when available. */
    public String remedy() {
        return remedy;
    }

    @Override
    public String toString() {
        return available ? "available" : reason + (remedy.isEmpty() ? "" : " (" + remedy + ")");
    }
}
