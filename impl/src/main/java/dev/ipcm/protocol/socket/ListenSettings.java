package dev.ipcm.protocol.socket;

import dev.ipcm.IpcmException;
import dev.ipcm.spi.ConnectRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A ConnectionUnix client's connect parameters: whether it listens ({@code listen}, default
 * yes; {@code false} or {@code 0} leaves a marker file instead of a socket) and how many pending
 * connections its socket queues ({@code backlog}, default the system's {@code somaxconn}).
 */
record ListenSettings(boolean listening, int backlog) {
    private static final Path SOMAXCONN = Path.of("/proc/sys/net/core/somaxconn");
    private static final int FALLBACK_BACKLOG = 4096;

    /** The settings of a connect request; a value that is not understood is refused, naming it. */
    static ListenSettings of(ConnectRequest request) {
        return new ListenSettings(listening(request), backlog(request));
    }

    private static boolean listening(ConnectRequest request) {
        String v = request.param("listen").orElse("1").trim();
        switch (v.toLowerCase(Locale.ROOT)) {
            case "0":
            case "false":
            case "":
                return false;
            case "1":
            case "true":
                return true;
            default:
                throw new IpcmException("ConnectionUnix parameter 'listen' must be true/1 or false/0, got '" + v + "'");
        }
    }

    private static int backlog(ConnectRequest request) {
        Optional<String> v = request.param("backlog");
        if (v.isPresent()) {
            try {
                int n = Integer.parseInt(v.get().trim());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IpcmException("ConnectionUnix parameter 'backlog' must be a positive number of pending "
                    + "connections, got '" + v.get() + "'");
        }
        try {
            return Integer.parseInt(Files.readAllLines(SOMAXCONN, StandardCharsets.US_ASCII).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return FALLBACK_BACKLOG;
        }
    }
}
