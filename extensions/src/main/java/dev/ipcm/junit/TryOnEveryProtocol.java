package dev.ipcm.junit;

import dev.ipcm.IpcmException;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.lifecycle.TryExecutionResult;
import net.jqwik.api.lifecycle.TryExecutor;
import net.jqwik.api.lifecycle.TryLifecycleContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * One try of a property, checked on every protocol of its run in turn, each with a fresh store:
 * jqwik generates a sample once, so the protocols are a dimension of the try. The first protocol
 * that falsifies the try falsifies it, named, and jqwik shrinks it like any other failure.
 */
final class TryOnEveryProtocol {
    private TryOnEveryProtocol() {}

    static TryExecutionResult execute(PropertyRun run, TryLifecycleContext context, TryExecutor aTry, List<Object> parameters) {
        Parameter[] declared = context.targetMethod().getParameters();
        TryExecutionResult last = TryExecutionResult.satisfied();
        for (int b = 0; b < run.bindings().size(); b++) {
            Binding binding = run.bindings().get(b);
            // The first protocol's values were resolved by jqwik before the try hooks (IpcmJqwikHook.resolve); the others are made here.
            Scope scope = b == 0 ? JqwikStores.tryScope() : new Scope(null);
            Optional<String> mismatch;
            try {
                List<Object> args = new ArrayList<>(parameters);
                for (int i = 0; b > 0 && i < declared.length; i++) {
                    if (PropertyRun.isInjected(declared[i])) {
                        args.set(i, run.inject(declared[i], binding, scope));
                    }
                }
                last = aTry.execute(args);
            } catch (IpcmException e) {
                last = TryExecutionResult.falsified(e);
            } finally {
                mismatch = scope.settleMismatch();
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
            if (mismatch.isPresent() && run.config().sanityCheck() && !sanityCheckIgnored(context)) {
                return TryExecutionResult.falsified(new AssertionFailedError(binding.label() + " " + mismatch.get()));
            }
            run.passed(binding);
        }
        return last;
    }

    private static boolean sanityCheckIgnored(TryLifecycleContext context) {
        return context.findAnnotation(IgnoreSanityCheck.class).isPresent()
                || AnnotationSupport.isAnnotated(context.containerClass(), IgnoreSanityCheck.class);
    }
}
