package dev.ipcm.junit;

import dev.ipcm.Capabilities;
import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.IpcmException;
import dev.ipcm.Store;
import dev.ipcm.service.ServiceHandle;
import dev.ipcm.spi.Protocol;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.AroundTryHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.Lifespan;
import net.jqwik.api.lifecycle.ParameterResolutionContext;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.ResolveParameterHook;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import net.jqwik.api.lifecycle.TryExecutionResult;
import net.jqwik.api.lifecycle.TryExecutor;
import net.jqwik.api.lifecycle.TryLifecycleContext;
import org.apiguardian.api.API;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * The jqwik lifecycle hook behind {@link IpcmProperties}.
 *
 * <p>jqwik runs a property's generator once, so the protocols are a dimension of each try: every
 * generated sample is checked on every protocol that can run, each time with a fresh store, and a
 * failure on any protocol falsifies the try (and is shrunk like any other). Parameters of the
 * injectable types ({@link Store}, {@link Client}, {@link Capabilities}, {@link Protocol},
 * {@link IpcmConfiguration}, {@link ServiceHandle} for the Echo service) are filled in per protocol. After each protocol's run the store is
 * checked for messages sent and never received, then closed.
 *
 * <p>Registered by {@link IpcmProperties}; not meant to be used directly.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class IpcmJqwikHook implements AroundPropertyHook, AroundTryHook, ResolveParameterHook, SkipExecutionHook {
    private static final Set<Class<?>> INJECTABLE = Set.of(Store.class, Client.class, Capabilities.class, Protocol.class,
            IpcmConfiguration.class, ServiceHandle.class);
    // jqwik runs one property at a time, but shrinks on another thread: a thread-local would not
    // reach those tries, so the running property is a plain shared field.
    private static volatile Run current;
    private static volatile Run finished;
    private static final String TRY_SCOPE = IpcmJqwikHook.class.getName() + ":try";

    /** The protocols one property runs on, and how many tries each passed. */
    private record Run(IpcmConfiguration config, List<Binding> bindings, Map<String, Integer> passed,
            Map<Parameter, Object> lastValues) {}

    /** Created by jqwik. */
    public IpcmJqwikHook() {}

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public boolean appliesTo(Optional<AnnotatedElement> element) {
        return element.map(e -> e instanceof Method).orElse(false);
    }

    // Outermost, so the tries and seed are set before jqwik reads them.
    @Override
    public int aroundPropertyProximity() {
        return -100;
    }

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        if (!(context instanceof PropertyLifecycleContext)) {
            return SkipResult.doNotSkip();
        }
        IpcmConfiguration config = IpcmConfiguration.fromSystemAndClasspath();
        List<String> reasons = new ArrayList<>();
        for (Binding b : bindings(context, config)) {
            Optional<String> why = skipReason(b, context);
            if (why.isEmpty() || b.required()) {
                return SkipResult.doNotSkip(); // something runs, or a required protocol must fail loudly
            }
            reasons.add(b.label() + " " + why.get());
        }
        return SkipResult.skip("no protocol can run this property: " + String.join("; ", reasons));
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        IpcmConfiguration config = IpcmConfiguration.fromSystemAndClasspath();
        config.propertySeed().ifPresent(context.attributes()::setSeed);
        if (config.get(IpcmConfiguration.PROPERTY_TRIES).isPresent()) {
            context.attributes().setTries(config.propertyTries());
        }
        List<Binding> runnable = new ArrayList<>();
        for (Binding b : bindings(context, config)) {
            Optional<String> why = skipReason(b, context);
            if (why.isEmpty()) {
                runnable.add(b);
            } else if (b.required() && !b.plan().isReady()) {
                throw new ProtocolUnavailableException(b.plan().displayName() + " is listed in "
                        + IpcmConfiguration.PROTOCOLS_REQUIRED + " but " + why.get());
            } else {
                context.reporter().publishValue("ipcm skipped", b.label() + " " + why.get());
            }
        }
        Run run = new Run(config, runnable, new java.util.concurrent.ConcurrentHashMap<>(),
                new java.util.concurrent.ConcurrentHashMap<>());
        current = run;
        try {
            PropertyExecutionResult result = property.execute();
            context.reporter().publishValue("ipcm", "tries passed per protocol " + run.passed() + ", seed "
                    + result.seed().orElse("?"));
            return result;
        } finally {
            current = null;
            finished = run;
        }
    }

    @Override
    public TryExecutionResult aroundTry(TryLifecycleContext context, TryExecutor aTry, List<Object> parameters) {
        Run run = current;
        Parameter[] declared = context.targetMethod().getParameters();
        if (run == null || parameters.size() != declared.length) {
            return aTry.execute(parameters);
        }
        TryExecutionResult last = TryExecutionResult.satisfied();
        for (int b = 0; b < run.bindings().size(); b++) {
            Binding binding = run.bindings().get(b);
            // The first protocol's values were resolved by jqwik before this hook (see resolve); the others are made here.
            Scope scope = b == 0 ? tryScope() : new Scope(null);
            Map<String, Long> delta;
            try {
                List<Object> args = new ArrayList<>(parameters);
                for (int i = 0; b > 0 && i < declared.length; i++) {
                    if (injectable(declared[i])) {
                        args.set(i, supply(declared[i], binding, scope, run.config()));
                    }
                }
                last = aTry.execute(args);
            } catch (IpcmException e) {
                last = TryExecutionResult.falsified(e);
            } finally {
                delta = scope.settle();
                scope.close();
            }
            if (last.isFalsified()) {
                Throwable cause = last.throwable().orElse(null);
                return TryExecutionResult.falsified(new AssertionFailedError(binding.label() + " "
                        + (cause == null ? "falsified" : cause.getMessage()), cause));
            }
            if (last.isInvalid()) {
                return last;
            }
            if (!delta.isEmpty() && run.config().sanityCheck() && !sanityCheckIgnored(context)) {
                return TryExecutionResult.falsified(new AssertionFailedError(binding.label() + " "
                        + scope.fixtureOrNull().mismatch(delta)));
            }
            run.passed().merge(binding.plan().displayName(), 1, Integer::sum);
        }
        return last;
    }

    /**
     * jqwik resolves parameters before the try hooks run: these are the values for the first
     * protocol, made in the try's own scope; {@link #aroundTry} makes the others.
     */
    @Override
    public Optional<ParameterSupplier> resolve(ParameterResolutionContext parameterContext, LifecycleContext lifecycleContext) {
        Parameter parameter = parameterContext.parameter();
        if (!injectable(parameter)) {
            return Optional.empty();
        }
        return Optional.of(tryContext -> {
            Run run = current;
            if (run == null) {
                // jqwik resolves parameters again to print a failing sample after the run: show the last ones used.
                Run done = finished;
                Object last = done == null ? null : done.lastValues().get(parameter);
                if (last == null) {
                    throw new IpcmException("No protocol is bound for parameter '" + parameter.getName()
                            + "': annotate the property or its class with @IpcmProperties");
                }
                return last;
            }
            return supply(parameter, run.bindings().get(0), tryScope(), run.config());
        });
    }

    /** The first protocol's stores and clients in this try; jqwik closes them when the try ends if aroundTry did not. */
    private static Scope tryScope() {
        return ((Closing) net.jqwik.api.lifecycle.Store.getOrCreate(TRY_SCOPE, Lifespan.TRY, () -> new Closing(new Scope(null)))
                .get()).value instanceof Scope s ? s : new Scope(null);
    }

    private static boolean injectable(Parameter p) {
        return INJECTABLE.contains(p.getType()) && !p.isAnnotationPresent(ForAll.class);
    }

    private static Object supply(Parameter parameter, Binding binding, Scope scope, IpcmConfiguration config) {
        Object value = make(parameter, binding, scope, config);
        Run run = current;
        if (run != null) {
            run.lastValues().put(parameter, value);
        }
        return value;
    }

    private static Object make(Parameter parameter, Binding binding, Scope scope, IpcmConfiguration config) {
        Class<?> type = parameter.getType();
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
        Fixture fixture = scope.own(() -> Fixture.spawn(binding.plan(), config));
        if (type == Store.class) {
            return fixture.store();
        }
        if (type == ServiceHandle.class) {
            return fixture.echo();
        }
        Optional<String> named = Optional.ofNullable(parameter.getAnnotation(ClientName.class)).map(ClientName::value);
        if (named.isPresent()) {
            Optional<Client> existing = scope.client(named.get());
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        Client client = fixture.store().connect(named.orElseGet(ClientNames::next));
        scope.add(client);
        return client;
    }

    private static List<Binding> bindings(LifecycleContext context, IpcmConfiguration config) {
        String[] named = annotation(context).map(IpcmProperties::value).orElse(new String[0]);
        List<Binding> out = new ArrayList<>();
        for (String name : IpcmExtension.selectProtocols(named, config)) {
            out.add(new Binding(Backends.plan(name, config, RunCache.INSTANCE), config.isRequired(name)));
        }
        return out;
    }

    private static Optional<IpcmProperties> annotation(LifecycleContext context) {
        Optional<IpcmProperties> onMethod = context.findAnnotation(IpcmProperties.class);
        if (onMethod.isPresent()) {
            return onMethod;
        }
        return context.optionalContainerClass().flatMap(c -> AnnotationSupport.findAnnotation(c, IpcmProperties.class));
    }

    private static Optional<String> skipReason(Binding binding, LifecycleContext context) {
        BackendPlan plan = binding.plan();
        if (!plan.isReady()) {
            return plan.unavailable();
        }
        Set<Capability> needed = EnumSet.noneOf(Capability.class);
        annotation(context).ifPresent(a -> needed.addAll(List.of(a.requires())));
        context.findAnnotation(RequiresCapability.class).ifPresent(a -> needed.addAll(List.of(a.value())));
        context.optionalContainerClass().flatMap(c -> AnnotationSupport.findAnnotation(c, RequiresCapability.class))
                .ifPresent(a -> needed.addAll(List.of(a.value())));
        Capabilities caps = plan.protocol().orElseThrow().capabilities();
        needed.removeIf(caps::has);
        return needed.isEmpty() ? Optional.empty()
                : Optional.of(plan.displayName() + " does not declare the capabilities " + needed + " this property requires");
    }

    private static boolean sanityCheckIgnored(TryLifecycleContext context) {
        return context.findAnnotation(IgnoreSanityCheck.class).isPresent()
                || AnnotationSupport.isAnnotated(context.containerClass(), IgnoreSanityCheck.class);
    }

    /** Run-wide cache in jqwik's store; closeable values (a database container) are closed at the end of the run. */
    private enum RunCache implements BackendCache {
        INSTANCE;

        @Override
        public <T> T get(String key, Class<T> type, Supplier<T> compute) {
            Object value = ((Closing) net.jqwik.api.lifecycle.Store.getOrCreate(IpcmJqwikHook.class.getName() + ":" + key,
                    Lifespan.RUN, () -> new Closing(compute.get())).get()).value;
            return type.cast(value);
        }
    }

    private static final class Closing implements net.jqwik.api.lifecycle.Store.CloseOnReset {
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
