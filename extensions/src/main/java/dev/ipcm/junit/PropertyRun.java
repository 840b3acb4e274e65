package dev.ipcm.junit;

import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.ForAll;

/**
 * One property's run under {@link IpcmProperties}: the settings, the protocols every try runs
 * on (those that can run here, in order), and how many tries passed on each. Kept in jqwik's
 * store for the property ({@link JqwikStores}).
 */
final class PropertyRun {
    private final IpcmConfiguration config;
    private final List<Binding> bindings;
    private final Map<String, Integer> passed = new ConcurrentHashMap<>();

    PropertyRun(IpcmConfiguration config, List<Binding> bindings) {
        this.config = config;
        this.bindings = List.copyOf(bindings);
    }

    /** Whether the harness fills this property parameter (jqwik generates the {@code @ForAll} ones). */
    static boolean isInjected(Parameter parameter) {
        return Injection.isInjectable(parameter.getType()) && !parameter.isAnnotationPresent(ForAll.class);
    }

    IpcmConfiguration config() {
        return config;
    }

    List<Binding> bindings() {
        return bindings;
    }

    /** The value of an injected parameter on one protocol, remembered for jqwik's report of a failing sample. */
    Object inject(Parameter parameter, Binding binding, Scope scope) {
        Object value = Injection.value(parameter.getType(),
                Optional.ofNullable(parameter.getAnnotation(ClientName.class)).map(ClientName::value), binding, scope, config);
        JqwikStores.remember(parameter, value);
        return value;
    }

    void passed(Binding binding) {
        passed.merge(binding.plan().displayName(), 1, Integer::sum);
    }

    /** Tries passed per protocol, e.g. {@code {LocalMemory=5, Twin=5}}. */
    String passedPerProtocol() {
        return passed.toString();
    }
}
