package dev.ipcm.bench;

import java.util.Map;

/** Rebuilds a transport from its spec in the child JVM. */
final class Transports {
    /** The database user for a raw JDBC child. */
    static final String USER_ENV = "IPCM_BENCH_JDBC_USER";
    /** The database password for a raw JDBC child. */
    static final String PASSWORD_ENV = "IPCM_BENCH_JDBC_PASSWORD";

    private Transports() {}

    static Transport fromSpec(String spec, Map<String, String> env) {
        if (spec.startsWith("ipcm:")) {
            return new IpcmTransport(spec.substring("ipcm:".length()), Map.of());
        }
        switch (spec) {
            case RawDatagram.SPEC:
                return new RawDatagram();
            case RawStream.SPEC:
                return new RawStream();
            case RawFifo.SPEC:
                return new RawFifo();
            case RawRename.SPEC:
                return new RawRename();
            default:
                if (spec.startsWith("raw:jdbc:")) {
                    return new RawJdbc(spec.substring("raw:jdbc:".length()), null, env.get(USER_ENV), env.get(PASSWORD_ENV));
                }
                throw new IllegalArgumentException("unknown transport spec: spec=" + spec);
        }
    }
}
