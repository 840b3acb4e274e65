package dev.ipcm.junit;

import dev.ipcm.Client;
import dev.ipcm.IpcmException;
import dev.ipcm.Store;
import dev.ipcm.service.ServiceHandle;
import dev.ipcm.Capabilities;
import dev.ipcm.spi.Protocol;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.AroundTryHook;
import net.jqwik.api.lifecycle.LifecycleContext;
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

/**
 * The jqwik lifecycle hook behind {@link IpcmProperties}.
 *
 * <p>jqwik runs a property's generator once, so the protocols are a dimension of each try: every
 * generated sample is checked on every protocol that can run, each time with a fresh store, and a
 * failure on any protocol falsifies the try (and is shrunk like any other). Parameters of the
 * injectable types ({@link Store}, {@link Client}, {@link Capabilities}, {@link Protocol},
 * {@link IpcmConfiguration}, {@link ServiceHandle} for the Echo service) are filled in per
 * protocol, by the same injection path as {@link IpcmExtension}'s. After each protocol's run the
 * store is checked for messages sent and never received, then closed.
 *
 * <p>The hook's state lives in jqwik's stores, never in fields of its own. Registered by
 * {@link IpcmProperties}; not meant to be used directly.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class IpcmJqwikHook implements AroundPropertyHook, AroundTryHook, ResolveParameterHook, SkipExecutionHook {

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
        List<String> reasons = new ArrayList<>();
        for (Binding b : PropertyAnnotations.bindings(context, IpcmConfiguration.fromSystemAndClasspath())) {
            Optional<String> why = PropertyAnnotations.skipReason(b, context);
            if (why.isEmpty() || b.mustFail()) {
                return SkipResult.doNotSkip(); // something runs, or a required protocol that cannot run here must fail loudly
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
        for (Binding b : PropertyAnnotations.bindings(context, config)) {
            Optional<String> why = PropertyAnnotations.skipReason(b, context);
            if (why.isEmpty()) {
                runnable.add(b);
            } else if (b.mustFail()) {
                throw b.unavailableButRequired();
            } else {
                context.reporter().publishValue("ipcm skipped", b.label() + " " + why.get());
            }
        }
        PropertyRun run = new PropertyRun(config, runnable);
        JqwikStores.start(run);
        PropertyExecutionResult result = property.execute();
        context.reporter().publishValue("ipcm", "tries passed per protocol " + run.passedPerProtocol() + ", seed "
                + result.seed().orElse("?"));
        return ReplayHint.added(result, context.attributes().tries()
                .orElseGet(() -> context.targetMethod().getAnnotation(net.jqwik.api.Property.class).tries()));
    }

    @Override
    public TryExecutionResult aroundTry(TryLifecycleContext context, TryExecutor aTry, List<Object> parameters) {
        Optional<PropertyRun> run = JqwikStores.run();
        if (run.isEmpty() || parameters.size() != context.targetMethod().getParameterCount()) {
            return aTry.execute(parameters);
        }
        return TryOnEveryProtocol.execute(run.get(), context, aTry, parameters);
    }

    /**
     * jqwik resolves parameters before the try hooks run: these are the values for the first
     * protocol, made in the try's own scope; {@link #aroundTry} makes the others.
     */
    @Override
    public Optional<ParameterSupplier> resolve(ParameterResolutionContext parameterContext, LifecycleContext lifecycleContext) {
        Parameter parameter = parameterContext.parameter();
        if (!PropertyRun.isInjected(parameter)) {
            return Optional.empty();
        }
        return Optional.of(tryContext -> {
            Optional<PropertyRun> run = JqwikStores.run();
            if (run.isEmpty()) {
                // jqwik resolves parameters again to print a failing sample after the tries: show the last ones used.
                return JqwikStores.lastInjected(parameter).orElseThrow(() -> new IpcmException("No protocol is bound for "
                        + "parameter '" + parameter.getName() + "': annotate the property or its class with @IpcmProperties"));
            }
            return run.get().inject(parameter, run.get().bindings().get(0), JqwikStores.tryScope());
        });
    }
}
