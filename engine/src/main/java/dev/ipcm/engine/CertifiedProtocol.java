package dev.ipcm.engine;

import dev.ipcm.UnknownProtocolException;
import dev.ipcm.spi.Protocol;
import dev.ipcm.spi.Protocols;
import java.lang.reflect.Modifier;

/**
 * A protocol under certification and the name that finds it again in another launcher or a
 * child JVM: its short name when it is registered, else {@code +} and its class name.
 */
record CertifiedProtocol(String id, Protocol protocol) {
    /** Resolves any name {@link Protocols#byName} accepts. */
    static CertifiedProtocol byName(String name) {
        return of(Protocols.byName(name));
    }

    /** The protocol a plugin class implements. */
    static CertifiedProtocol ofClass(Class<?> type) {
        if (!Protocol.class.isAssignableFrom(type) || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new UnknownProtocolException("Class '" + type.getName() + "' is not a concrete "
                    + Protocol.class.getName() + "; select a protocol plugin class");
        }
        return byName("+" + type.getName());
    }

    static CertifiedProtocol of(Protocol protocol) {
        Protocol registered = Protocols.all().get(protocol.name());
        String id = registered != null && registered.getClass() == protocol.getClass() ? protocol.name()
                : "+" + protocol.getClass().getName();
        return new CertifiedProtocol(id, protocol);
    }

    String name() {
        return protocol.name();
    }
}
