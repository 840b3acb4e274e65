package dev.ipcm.junit;

import dev.ipcm.Capabilities;
import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.IpcmException;
import dev.ipcm.Store;
import dev.ipcm.service.ServiceHandle;
import dev.ipcm.spi.Protocol;
import dev.ipcm.spi.Protocols;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * The Jupiter extension behind {@link IpcmTest}: it runs templates once per protocol, skips
 * protocols that cannot run here (or fails them when required), and injects {@link Store},
 * {@link Client}, {@link Capabilities}, {@link Protocol} and {@link IpcmConfiguration}
 * parameters, and a {@link ServiceHandle} to a running Echo service (one per store, named
 * {@code echo}, stopped before the store is checked and closed).
 *
 * <p>Used alone ({@code @ExtendWith(IpcmExtension.class)}) it gives plain tests the same
 * injection on one protocol: the nearest {@link IpcmProtocol}, else the configuration parameter
 * {@value IpcmConfiguration#PROTOCOL} (default LocalMemory).
 *
 * <p>A store is spawned for the context that first asks for it (a test method, or a class when
 * a {@code @BeforeAll} method or the constructor asks) and is shared below it. Stores and clients
 * live in the extension context store and are closed by JUnit; before that, the test's clean-up
 * disconnects the clients and fails the test when a message was sent and never received
 * ({@link Store#sanityDelta}), unless it is marked {@link IgnoreSanityCheck}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class IpcmExtension implements TestTemplateInvocationContextProvider, ClassTemplateInvocationContextProvider,
        ExecutionCondition, BeforeEachCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {
    static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(IpcmExtension.class);
    static final String BINDING = "binding";
    private static final Set<Class<?>> INJECTABLE = Set.of(Store.class, Client.class, Capabilities.class, Protocol.class,
            IpcmConfiguration.class, ServiceHandle.class);

    /** Created by JUnit through {@code @ExtendWith}. */
    public IpcmExtension() {}

    // ---- templates ---------------------------------------------------------------------------

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, IpcmTest.class)).orElse(false);
    }

    @Override
    public Stream<? extends TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return invocations(context, AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), IpcmTest.class).orElseThrow());
    }

    @Override
    public boolean mayReturnZeroTestTemplateInvocationContexts(ExtensionContext context) {
        return true; // inside a class bound to a protocol the method names none of
    }

    @Override
    public boolean supportsClassTemplate(ExtensionContext context) {
        return context.getTestClass().map(c -> AnnotationSupport.isAnnotated(c, IpcmTest.class)).orElse(false);
    }

    @Override
    public Stream<? extends ClassTemplateInvocationContext> provideClassTemplateInvocationContexts(ExtensionContext context) {
        return invocations(context, AnnotationSupport.findAnnotation(context.getRequiredTestClass(), IpcmTest.class).orElseThrow());
    }

    private Stream<ProtocolInvocation> invocations(ExtensionContext context, IpcmTest annotation) {
        IpcmConfiguration config = config(context);
        Optional<Binding> outer = bound(context);
        if (outer.isPresent()) {
            // A method template inside a class already running per protocol runs once, on that protocol.
            boolean selected = annotation.value().length == 0 || List.of(annotation.value()).stream()
                    .anyMatch(n -> n.equalsIgnoreCase(outer.get().plan().displayName()));
            return selected ? Stream.of(new ProtocolInvocation(outer.get())) : Stream.empty();
        }
        return selectProtocols(annotation.value(), config).stream()
                .map(name -> new ProtocolInvocation(new Binding(Backends.plan(name, config, cache(context)), config.isRequired(name))));
    }

    /** The annotation's names, else the configured list, else every protocol; required ones always included. */
    static List<String> selectProtocols(String[] named, IpcmConfiguration config) {
        Set<String> names = new LinkedHashSet<>();
        if (named.length > 0) {
            names.addAll(List.of(named));
        } else {
            names.addAll(config.protocols().isEmpty() ? Protocols.all().keySet() : config.protocols());
            for (String required : config.requiredProtocols()) {
                if (names.stream().noneMatch(n -> n.equalsIgnoreCase(required))) {
                    names.add(required);
                }
            }
        }
        return new ArrayList<>(names);
    }

    // ---- skipping and failing -----------------------------------------------------------------

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (bound(context).isEmpty() && isTemplateContainer(context)) {
            return ConditionEvaluationResult.enabled("runs once per protocol");
        }
        Binding binding = effective(context);
        BackendPlan plan = binding.plan();
        if (!plan.isReady()) {
            return binding.required()
                    ? ConditionEvaluationResult.enabled(plan.displayName() + " is required; it will fail")
                    : ConditionEvaluationResult.disabled(binding.label() + " " + plan.unavailable().orElseThrow());
        }
        Capabilities caps = plan.protocol().orElseThrow().capabilities();
        Set<Capability> missing = EnumSet.noneOf(Capability.class);
        for (Capability c : requiredCapabilities(context)) {
            if (!caps.has(c)) {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            return ConditionEvaluationResult.disabled(binding.label() + " " + plan.displayName()
                    + " does not declare the capabilities " + missing + " this test requires");
        }
        return ConditionEvaluationResult.enabled(binding.label() + " can run");
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Binding binding = effective(context);
        if (!binding.plan().isReady() && binding.required()) {
            throw new ProtocolUnavailableException(binding.plan().displayName() + " is listed in "
                    + IpcmConfiguration.PROTOCOLS_REQUIRED + " but " + binding.plan().unavailable().orElseThrow());
        }
    }

    // ---- clean-up ------------------------------------------------------------------------------

    @Override
    public void afterEach(ExtensionContext context) {
        settle(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        settle(context);
    }

    private static void settle(ExtensionContext context) {
        Scope scope = context.getStore(NAMESPACE).get(scopeKey(context), Scope.class);
        if (scope == null) {
            return;
        }
        boolean owner = scope.ownsFixture();
        Map<String, Long> delta = scope.settle();
        if (owner && !delta.isEmpty() && config(context).sanityCheck() && !sanityCheckIgnored(context)) {
            throw new AssertionFailedError(scope.fixture().orElseThrow().mismatch(delta));
        }
    }

    private static boolean sanityCheckIgnored(ExtensionContext context) {
        return elements(context).stream().anyMatch(e -> AnnotationSupport.isAnnotated(e, IgnoreSanityCheck.class));
    }

    // ---- parameters ----------------------------------------------------------------------------

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return INJECTABLE.contains(parameterContext.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
        Class<?> type = parameterContext.getParameter().getType();
        IpcmConfiguration config = config(context);
        if (type == IpcmConfiguration.class) {
            return config;
        }
        Binding binding = effective(context);
        BackendPlan plan = binding.plan();
        if (!plan.isReady()) {
            throw new ParameterResolutionException(binding.label() + " " + plan.unavailable().orElseThrow());
        }
        Protocol protocol = plan.protocol().orElseThrow();
        if (type == Protocol.class) {
            return protocol;
        }
        if (type == Capabilities.class) {
            return protocol.capabilities();
        }
        try {
            Scope scope = scope(context);
            Fixture fixture = scope.fixture().filter(f -> f.protocol().name().equals(protocol.name()))
                    .orElseGet(() -> scope.own(() -> Fixture.spawn(plan, config)));
            if (type == Store.class) {
                return fixture.store();
            }
            if (type == ServiceHandle.class) {
                return fixture.echo();
            }
            Optional<String> named = parameterContext.findAnnotation(ClientName.class).map(ClientName::value);
            if (named.isPresent()) {
                Optional<Client> existing = scope.client(named.get());
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
            Client client = fixture.store().connect(named.orElseGet(ClientNames::next));
            scope.add(client);
            return client;
        } catch (IpcmException e) {
            throw new ParameterResolutionException(binding.label() + " could not provide a " + type.getSimpleName()
                    + " for parameter '" + parameterContext.getParameter().getName() + "': " + e.getMessage(), e);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    static IpcmConfiguration config(ExtensionContext context) {
        return IpcmConfiguration.from(context::getConfigurationParameter);
    }

    static BackendCache cache(ExtensionContext context) {
        ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
        return new BackendCache() {
            @Override
            public <T> T get(String key, Class<T> type, java.util.function.Supplier<T> compute) {
                return root.computeIfAbsent(key, k -> compute.get(), type);
            }
        };
    }

    private static Optional<Binding> bound(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(BINDING, Binding.class));
    }

    /** The invocation's protocol, or for a plain test the nearest {@link IpcmProtocol} or the configured one. */
    private static Binding effective(ExtensionContext context) {
        Optional<Binding> b = bound(context);
        if (b.isPresent()) {
            return b.get();
        }
        IpcmConfiguration config = config(context);
        String name = elements(context).stream()
                .flatMap(e -> AnnotationSupport.findAnnotation(e, IpcmProtocol.class).stream())
                .map(IpcmProtocol::value).findFirst().orElseGet(config::plainProtocol);
        return new Binding(Backends.plan(name, config, cache(context)), config.isRequired(name));
    }

    private static boolean isTemplateContainer(ExtensionContext context) {
        if (context.getTestMethod().isPresent()) {
            return AnnotationSupport.isAnnotated(context.getTestMethod().get(), IpcmTest.class);
        }
        return context.getTestClass().map(c -> AnnotationSupport.isAnnotated(c, IpcmTest.class)).orElse(false);
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

    private static Set<Capability> requiredCapabilities(ExtensionContext context) {
        Set<Capability> needed = EnumSet.noneOf(Capability.class);
        for (AnnotatedElement e : elements(context)) {
            AnnotationSupport.findAnnotation(e, IpcmTest.class).ifPresent(a -> needed.addAll(List.of(a.requires())));
            AnnotationSupport.findAnnotation(e, RequiresCapability.class).ifPresent(a -> needed.addAll(List.of(a.value())));
        }
        return needed;
    }

    private static String scopeKey(ExtensionContext context) {
        return "scope:" + context.getUniqueId();
    }

    private static Scope scope(ExtensionContext context) {
        return context.getStore(NAMESPACE).computeIfAbsent(scopeKey(context), k -> new Scope(parentScope(context)), Scope.class);
    }

    private static Scope parentScope(ExtensionContext context) {
        for (ExtensionContext p = context.getParent().orElse(null); p != null; p = p.getParent().orElse(null)) {
            Scope s = p.getStore(NAMESPACE).get(scopeKey(p), Scope.class);
            if (s != null) {
                return s;
            }
        }
        return null;
    }
}
