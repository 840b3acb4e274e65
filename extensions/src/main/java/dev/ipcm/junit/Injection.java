package dev.ipcm.junit;

import dev.ipcm.Client;
import dev.ipcm.IpcmException;
import dev.ipcm.Store;
import dev.ipcm.service.ServiceHandle;
import dev.ipcm.Capabilities;
import dev.ipcm.spi.Protocol;
import java.util.Optional;
import java.util.Set;

/**
 * The one way the harness makes an injected value, for both front doors: {@link IpcmExtension}
 * (Jupiter parameters) and {@link IpcmJqwikHook} (jqwik property parameters). A store is spawned
 * on first need and belongs to the {@link Scope} it was asked in; a named client is the same
 * object for every parameter of that name in the scope.
 */
final class Injection {
    private static final Set<Class<?>> TYPES = Set.of(Store.class, Client.class, Capabilities.class, Protocol.class,
            IpcmConfiguration.class, ServiceHandle.class);

    private Injection() {}

    /** Whether parameters of this type are the harness's to fill. */
    static boolean isInjectable(Class<?> type) {
        return TYPES.contains(type);
    }

    /**
     * The value of a parameter of an injectable {@code type}, on a binding that can run.
     *
     * @param clientName the parameter's {@link ClientName}, if it has one
     * @throws IpcmException when the store cannot be spawned or the client cannot connect
     */
    static Object value(Class<?> type, Optional<String> clientName, Binding binding, Scope scope, IpcmConfiguration config) {
        if (type == IpcmConfiguration.class) {
            return config;
        }
        Protocol protocol = binding.plan().protocol().orElseThrow();
        if (type == Protocol.class) {
            return protocol;
        }
        if (type == Capabilities.class) {
            return protocol.capabilities();
        }
        Fixture fixture = scope.fixture().filter(f -> f.protocol().name().equals(protocol.name()))
                .orElseGet(() -> scope.own(() -> Fixture.spawn(binding.plan(), config)));
        if (type == Store.class) {
            return fixture.store();
        }
        if (type == ServiceHandle.class) {
            return fixture.echo();
        }
        return client(clientName, fixture, scope);
    }

    private static Client client(Optional<String> name, Fixture fixture, Scope scope) {
        Optional<Client> existing = name.flatMap(scope::client);
        if (existing.isPresent()) {
            return existing.get();
        }
        Client client = fixture.store().connect(name.orElseGet(ClientNames::next));
        scope.add(client);
        return client;
    }
}
