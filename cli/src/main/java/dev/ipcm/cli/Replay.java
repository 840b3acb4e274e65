package dev.ipcm.cli;

import dev.ipcm.IpcmException;
import dev.ipcm.spi.Protocols;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/** The command that replays one failed certification case with its seed, as a user would type it. */
final class Replay {
    private Replay() {}

    /** For a protocol found by name on this run's class path. */
    static String command(String protocol, String seed) {
        Optional<Class<?>> type;
        try {
            type = Optional.of(Protocols.byName(protocol).getClass());
        } catch (IpcmException e) {
            type = Optional.empty();
        }
        return command(protocol, type, seed);
    }

    /**
     * With {@code --class-path} naming the plugin's jar when the protocol came from outside the
     * command's own class path, since a replay without it could not find the protocol.
     */
    static String command(String protocol, Optional<Class<?>> type, String seed) {
        StringBuilder b = new StringBuilder("ipcm certify");
        type.flatMap(Replay::pluginLocation)
                .ifPresent(jar -> b.append(' ').append(PluginClassPath.OPTION).append(' ').append(quote(jar)));
        return b.append(" --protocols ").append(protocol).append(" -c ipcm.property.seed=").append(seed).toString();
    }

    private static Optional<String> pluginLocation(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (type.getClassLoader() == Replay.class.getClassLoader() || source == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Single quotes for a POSIX shell, unless the path needs none. */
    static String quote(String word) {
        return word.matches("[A-Za-z0-9_./:=+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
