package dev.ipcm;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a spawn uses when its options name nothing: set through {@link Ipcm}, else the
 * {@code ipcm.default.*} system properties, else the built-in defaults. Each value is one
 * volatile reference, read once per spawn, so a spawn sees either the old or the new value.
 */
final class SpawnDefaults {
    static final String PROTOCOL_PROPERTY = "ipcm.default.protocol";
    static final String PROTOCOLS_PROPERTY = "ipcm.default.protocols";
    static final String SERIALIZER_PROPERTY = "ipcm.default.serializer";

    private static volatile String protocol;
    private static volatile List<String> protocols;
    private static volatile String serializer;

    private SpawnDefaults() {}

    static Optional<String> protocol() {
        return Optional.ofNullable(protocol).or(() -> property(PROTOCOL_PROPERTY));
    }

    static List<String> protocols() {
        List<String> set = protocols;
        if (set != null) {
            return set;
        }
        return property(PROTOCOLS_PROPERTY).map(SpawnDefaults::commaList).orElseGet(IpcmFacade.get()::defaultProtocolList);
    }

    static Optional<String> serializer() {
        return Optional.ofNullable(serializer).or(() -> property(SERIALIZER_PROPERTY));
    }

    static void setProtocol(String name) {
        protocol = name;
    }

    static void setProtocols(List<String> names) {
        protocols = names == null ? null : List.copyOf(names);
    }

    static void setSerializer(String nameOrSpec) {
        serializer = nameOrSpec;
    }

    private static Optional<String> property(String key) {
        return Optional.ofNullable(System.getProperty(key)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static List<String> commaList(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableList());
    }
}
