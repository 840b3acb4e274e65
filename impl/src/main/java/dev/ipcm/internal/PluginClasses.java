package dev.ipcm.internal;

import dev.ipcm.UnknownProtocolException;
import org.apiguardian.api.API;

/**
 * Plugins named by class: a protocol or serializer given as {@code +com.example.Name} is made
 * through its public no-argument constructor, with the class loader of the calling thread.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class PluginClasses {
    private PluginClasses() {}

    /**
     * A new instance of {@code className}, which must implement {@code type}.
     *
     * @param kind what the plugin is, for the message: {@code protocol}, {@code serializer}
     * @throws UnknownProtocolException when the class is missing, is no {@code type}, or cannot be made
     */
    public static <T> T instantiate(String className, Class<T> type, String kind) {
        try {
            Class<?> found = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
            if (!type.isAssignableFrom(found)) {
                throw new UnknownProtocolException("Class '" + className + "' does not implement " + type.getName());
            }
            return type.cast(found.getConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new UnknownProtocolException("Unknown " + kind + " '+" + className + "': " + e, e);
        }
    }
}
