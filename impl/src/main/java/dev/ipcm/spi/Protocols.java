package dev.ipcm.spi;

import dev.ipcm.UnknownProtocolException;
import dev.ipcm.internal.PluginClasses;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apiguardian.api.API;

/**
 * The protocol plugins on the class path, found with {@link ServiceLoader}, and name resolution.
 *
 * <p>A protocol answers to its short name ({@code MessageFiles}), its reference name
 * ({@code IPC::Manager::Client::MessageFiles}), that name with a leading {@code +} (the
 * reference's fully qualified form, {@code +IPC::Manager::Client::MessageFiles}) and {@code +}
 * followed by its Java class name. Besides {@link Protocol} plugins, {@link ProtocolProvider}s
 * add protocols known only at run time.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Protocols {
    private static final String PREFIX = "IPC::Manager::Client::";
    /** The plugins found on the class path, looked for once. */
    private static volatile Map<String, Protocol> loaded;
    /** The providers found with them; asked on every look, because what they provide can change. */
    private static volatile List<ProtocolProvider> providers;

    private Protocols() {}

    /**
     * Every protocol on the class path, by short name, in discovery order, then those the
     * {@link ProtocolProvider}s provide now (a driver configured later in this JVM counts).
     */
    public static Map<String, Protocol> all() {
        Map<String, Protocol> plugins = plugins();
        if (providers.isEmpty()) {
            return plugins;
        }
        Map<String, Protocol> found = new LinkedHashMap<>(plugins);
        for (ProtocolProvider provider : providers) {
            for (Protocol p : provider.protocols()) {
                found.putIfAbsent(p.name(), p);
            }
        }
        return Collections.unmodifiableMap(found);
    }

    private static Map<String, Protocol> plugins() {
        Map<String, Protocol> m = loaded;
        if (m == null) {
            synchronized (Protocols.class) {
                if (loaded == null) {
                    Map<String, Protocol> found = new LinkedHashMap<>();
                    List<ProtocolProvider> provided = new ArrayList<>();
                    for (ClassLoader loader : loaders()) {
                        for (Protocol p : ServiceLoader.load(Protocol.class, loader)) {
                            found.putIfAbsent(p.name(), p);
                        }
                        ServiceLoader.load(ProtocolProvider.class, loader).forEach(provided::add);
                    }
                    providers = List.copyOf(provided);
                    loaded = Collections.unmodifiableMap(found);
                }
                m = loaded;
            }
        }
        return m;
    }

    /** This library's class loader, and the thread's context loader when it is another one. */
    private static List<ClassLoader> loaders() {
        ClassLoader own = Protocols.class.getClassLoader();
        ClassLoader ctx = Thread.currentThread().getContextClassLoader();
        return ctx != null && ctx != own ? List.of(own, ctx) : List.of(own);
    }

    /**
     * Resolves a protocol by any of its names.
     *
     * @throws UnknownProtocolException listing the protocols that do exist
     */
    public static Protocol byName(String given) {
        if (given == null || given.isEmpty()) {
            throw new UnknownProtocolException("A protocol name is required; known protocols: " + all().keySet());
        }
        // The reference strips the '+' of a fully qualified Perl class name (docs/interop.md).
        String name = given.startsWith("+") && given.contains("::") ? given.substring(1) : given;
        Map<String, Protocol> all = all();
        String shortName = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
        Protocol p = all.get(shortName);
        if (p != null) {
            return p;
        }
        for (Protocol candidate : all.values()) {
            if (candidate.referenceName().equals(name) || ("+" + candidate.getClass().getName()).equals(name)
                    || candidate.getClass().getName().equals(name)) {
                return candidate;
            }
        }
        if (name.startsWith("+")) {
            return PluginClasses.instantiate(name.substring(1), Protocol.class, "protocol");
        }
        throw new UnknownProtocolException("Unknown protocol '" + given + "': known protocols are " + all.keySet()
                + " (a plugin is found through META-INF/services/" + Protocol.class.getName() + ")");
    }

    /** The protocols a spawn tries when none is named, in IPC::Manager's order. */
    public static List<String> defaultList() {
        return new ArrayList<>(List.of("AtomicPipe", "UnixSocket", "ConnectionUnix", "SQLite", "PostgreSQL",
                "MariaDB", "MySQL", "MessageFiles"));
    }
}
