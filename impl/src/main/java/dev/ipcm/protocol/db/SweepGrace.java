package dev.ipcm.protocol.db;

import dev.ipcm.spi.ConnectRequest;
import java.math.BigDecimal;

/**
 * How long a Java peer's token must have been seen free before this client's sweep
 * ({@code peerLeft()}) deletes the peer's row and inbox, set by the connect parameter
 * {@value #PARAM} in seconds (docs/protocols/databases.md, "Across machines"). The default exceeds
 * the 30 s a client whose session was cut spends reconnecting ({@link DbSession#RECONNECT_NANOS})
 * plus the 5 s it spends taking its token back, so a client that comes back in time finds its mail.
 */
final class SweepGrace {
    /** The connect parameter. */
    static final String PARAM = "sweep_grace";
    /** The grace without the parameter, in seconds. */
    static final BigDecimal DEFAULT_SECONDS = BigDecimal.valueOf(60);

    private SweepGrace() {}

    /** The grace a client connected with {@code request} applies, in seconds. */
    static BigDecimal seconds(ConnectRequest request) {
        return request.param(PARAM).map(SweepGrace::parse).orElse(DEFAULT_SECONDS);
    }

    private static BigDecimal parse(String text) {
        BigDecimal v;
        try {
            v = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            v = null;
        }
        if (v == null || v.signum() < 0) {
            throw new IllegalArgumentException("The connect parameter '" + PARAM + "' must be a number of seconds, 0 or"
                    + " more (e.g. 60, or 0.5); got '" + text + "'");
        }
        return v;
    }
}
