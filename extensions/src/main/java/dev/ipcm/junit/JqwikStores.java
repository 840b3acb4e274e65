package dev.ipcm.junit;

import java.lang.reflect.Parameter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import net.jqwik.api.lifecycle.Lifespan;
import net.jqwik.api.lifecycle.Store;

/**
 * Where the jqwik adapter keeps its state: jqwik's own {@link Store}s, each with the lifespan of
 * what it holds. jqwik scopes a store to the node that creates it (here always the running
 * property) and carries that node to the thread it shrinks on, so every try of a property,
 * shrinking ones included, sees the same stores, and nothing leaks into the next property.
 *
 * <ul>
 *   <li>the running property ({@link PropertyRun}): {@link Lifespan#PROPERTY}, reset when its
 *       tries end;</li>
 *   <li>the values last injected: {@link Lifespan#RUN}, kept until the property's node finishes,
 *       because jqwik formats a failing sample after it has reset the property's stores and asks
 *       for the parameters once more to print them;</li>
 *   <li>the first protocol's stores and clients of a try ({@link #tryScope}): {@link Lifespan#TRY};</li>
 *   <li>what the harness found out or started per protocol ({@link #CACHE}): {@link Lifespan#RUN}
 *       in the property's scope, closed (a database container with it) when the property ends.</li>
 * </ul>
 */
final class JqwikStores {
    private static final String PREFIX = JqwikStores.class.getName() + ":";

    /** The backend cache of the jqwik side. */
    static final BackendCache CACHE = new BackendCache() {
        @Override
        public <T> T get(String key, Class<T> type, Supplier<T> compute) {
            return type.cast(Store.getOrCreate(PREFIX + "cache:" + key, Lifespan.RUN, () -> new Closing(compute.get())).get().value);
        }
    };

    private JqwikStores() {}

    /** Makes {@code run} the running property's run until jqwik ends its tries. */
    static void start(PropertyRun run) {
        running().update(previous -> Optional.of(run));
    }

    /** The running property's run; empty once its tries are over (jqwik then only reports). */
    static Optional<PropertyRun> run() {
        return running().get();
    }

    static void remember(Parameter parameter, Object value) {
        lastInjected().get().put(parameter, value);
    }

    /** The value last injected into {@code parameter} by this property. */
    static Optional<Object> lastInjected(Parameter parameter) {
        return Optional.ofNullable(lastInjected().get().get(parameter));
    }

    /** The first protocol's stores and clients in this try; jqwik closes them when the try ends if the try hook did not. */
    static Scope tryScope() {
        return (Scope) Store.getOrCreate(PREFIX + "try", Lifespan.TRY, () -> new Closing(new Scope(null))).get().value;
    }

    private static Store<Optional<PropertyRun>> running() {
        return Store.getOrCreate(PREFIX + "run", Lifespan.PROPERTY, Optional::empty);
    }

    private static Store<Map<Parameter, Object>> lastInjected() {
        return Store.getOrCreate(PREFIX + "last", Lifespan.RUN, ConcurrentHashMap::new);
    }

    /** A stored value that is closed with its store, when it can be. */
    private static final class Closing implements Store.CloseOnReset {
        final Object value;

        Closing(Object value) {
            this.value = value;
        }

        @Override
        public void close() throws Exception {
            if (value instanceof AutoCloseable c) {
                c.close();
            }
        }
    }
}
