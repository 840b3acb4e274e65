package dev.ipcm.junit;

import dev.ipcm.Capability;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * What {@link IpcmExtension} reads from a Jupiter extension context: the settings, the protocol
 * the context runs on, the annotations that apply to it, and the {@link Scope} of what the
 * harness made for it. Everything it keeps lives in the context's store, so JUnit closes it.
 */
final class ExtensionContexts {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(IpcmExtension.class);
    private static final String BINDING = "binding";

    private ExtensionContexts() {}

    static IpcmConfiguration config(ExtensionContext context) {
        return IpcmConfiguration.from(context::getConfigurationParameter);
    }

    /** The run-wide cache: the root context's store, closed when the engine's run ends. */
    static BackendCache cache(ExtensionContext context) {
        ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
        return new BackendCache() {
            @Override
            public <T> T get(String key, Class<T> type, Supplier<T> compute) {
                return root.computeIfAbsent(key, k -> compute.get(), type);
            }
        };
    }

    /** Fixes the protocol of an invocation and everything below it. */
    static void bind(ExtensionContext context, Binding binding) {
        context.getStore(NAMESPACE).put(BINDING, binding);
    }

    /** The protocol of the per-protocol invocation this context runs in, if any. */
    static Optional<Binding> bound(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(BINDING, Binding.class));
    }

    /** The invocation's protocol, or for a plain test the nearest {@link IpcmProtocol} or the configured one. */
    static Binding effective(ExtensionContext context) {
        Optional<Binding> bound = bound(context);
        if (bound.isPresent()) {
            return bound.get();
        }
        IpcmConfiguration config = config(context);
        String name = elements(context).stream()
                .flatMap(e -> AnnotationSupport.findAnnotation(e, IpcmProtocol.class).stream())
                .map(IpcmProtocol::value).findFirst().orElseGet(config::plainProtocol);
        return Binding.of(name, config, cache(context));
    }

    /** Whether the context is an {@link IpcmTest} method or class itself, before it is split per protocol. */
    static boolean isTemplateContainer(ExtensionContext context) {
        if (context.getTestMethod().isPresent()) {
            return AnnotationSupport.isAnnotated(context.getTestMethod().get(), IpcmTest.class);
        }
        return context.getTestClass().map(c -> AnnotationSupport.isAnnotated(c, IpcmTest.class)).orElse(false);
    }

    /** The capabilities the test method, its class and the enclosing classes ask for. */
    static Set<Capability> requiredCapabilities(ExtensionContext context) {
        Set<Capability> needed = EnumSet.noneOf(Capability.class);
        for (AnnotatedElement e : elements(context)) {
            AnnotationSupport.findAnnotation(e, IpcmTest.class).ifPresent(a -> needed.addAll(List.of(a.requires())));
            AnnotationSupport.findAnnotation(e, RequiresCapability.class).ifPresent(a -> needed.addAll(List.of(a.value())));
        }
        return needed;
    }

    static boolean sanityCheckIgnored(ExtensionContext context) {
        return elements(context).stream().anyMatch(e -> AnnotationSupport.isAnnotated(e, IgnoreSanityCheck.class));
    }

    /** The scope of this context, made on first use below the nearest enclosing one. */
    static Scope scope(ExtensionContext context) {
        return context.getStore(NAMESPACE).computeIfAbsent(scopeKey(context), k -> new Scope(parentScope(context)), Scope.class);
    }

    /** The scope of this very context, if the harness made one. */
    static Optional<Scope> ownScope(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(scopeKey(context), Scope.class));
    }

    private static Scope parentScope(ExtensionContext context) {
        for (ExtensionContext p = context.getParent().orElse(null); p != null; p = p.getParent().orElse(null)) {
            Optional<Scope> s = ownScope(p);
            if (s.isPresent()) {
                return s.get();
            }
        }
        return null;
    }

    private static String scopeKey(ExtensionContext context) {
        return "scope:" + context.getUniqueId();
    }

    /** The test method (if any), its class, then the enclosing classes: nearest first. */
    private static List<AnnotatedElement> elements(ExtensionContext context) {
        List<AnnotatedElement> out = new ArrayList<>();
        context.getTestMethod().ifPresent(out::add);
        for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
            out.add(c);
        }
        return out;
    }
}
