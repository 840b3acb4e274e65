package dev.ipcm.junit;

import dev.ipcm.Capability;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.lifecycle.LifecycleContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** What a property asks of the harness through its annotations and its class's: the protocols and the capabilities. */
final class PropertyAnnotations {
    private PropertyAnnotations() {}

    /** The protocols the property runs on, whether they can run here or not. */
    static List<Binding> bindings(LifecycleContext context, IpcmConfiguration config) {
        String[] named = annotation(context).map(IpcmProperties::value).orElse(new String[0]);
        return Binding.select(named, config, JqwikStores.CACHE);
    }

    /** Why the property cannot run on this binding, if it cannot. */
    static Optional<String> skipReason(Binding binding, LifecycleContext context) {
        return binding.cannotRun(requiredCapabilities(context), "property");
    }

    private static Set<Capability> requiredCapabilities(LifecycleContext context) {
        Set<Capability> needed = EnumSet.noneOf(Capability.class);
        annotation(context).ifPresent(a -> needed.addAll(List.of(a.requires())));
        context.findAnnotation(RequiresCapability.class).ifPresent(a -> needed.addAll(List.of(a.value())));
        context.optionalContainerClass().flatMap(c -> AnnotationSupport.findAnnotation(c, RequiresCapability.class))
                .ifPresent(a -> needed.addAll(List.of(a.value())));
        return needed;
    }

    private static Optional<IpcmProperties> annotation(LifecycleContext context) {
        Optional<IpcmProperties> onMethod = context.findAnnotation(IpcmProperties.class);
        if (onMethod.isPresent()) {
            return onMethod;
        }
        return context.optionalContainerClass().flatMap(c -> AnnotationSupport.findAnnotation(c, IpcmProperties.class));
    }
}
