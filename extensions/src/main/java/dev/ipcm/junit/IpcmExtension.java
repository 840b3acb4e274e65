package dev.ipcm.junit;

import dev.ipcm.Client;
import dev.ipcm.IpcmException;
import dev.ipcm.Store;
import dev.ipcm.service.ServiceHandle;
import dev.ipcm.Capabilities;
import dev.ipcm.spi.Protocol;
import java.util.Optional;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeAll;
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
import org.junit.jupiter.api.extension.TestInstantiationAwareExtension;
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
 * a {@code @BeforeAll} method asks) and is shared below it. The constructor asks in the context of
 * the test it is called for, so in a class running once per protocol each instance gets the
 * store of its protocol. Such a class's {@code @BeforeAll} and {@code @AfterAll} methods run once
 * for all protocols and are refused every value but {@link IpcmConfiguration}. Stores and clients
 * live in the extension context store and are closed by JUnit; before that, the test's clean-up
 * disconnects the clients and fails the test when a message was sent and never received
 * ({@link Store#sanityDelta}), unless it is marked {@link IgnoreSanityCheck}.
 *
 * <p>This class holds the extension points only; what they read from a context is in
 * {@code ExtensionContexts}, and the values are made by the injection path the jqwik adapter
 * ({@link IpcmProperties}) shares.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class IpcmExtension implements TestTemplateInvocationContextProvider, ClassTemplateInvocationContextProvider,
        ExecutionCondition, BeforeEachCallback, AfterEachCallback, AfterAllCallback, ParameterResolver,
        TestInstantiationAwareExtension {

    /** Created by JUnit through {@code @ExtendWith}. */
    public IpcmExtension() {}

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, IpcmTest.class)).orElse(false);
    }

    @Override
    public Stream<? extends TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return ProtocolInvocation.all(context, AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), IpcmTest.class).orElseThrow());
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
        return ProtocolInvocation.all(context, AnnotationSupport.findAnnotation(context.getRequiredTestClass(), IpcmTest.class).orElseThrow());
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (ExtensionContexts.bound(context).isEmpty() && ExtensionContexts.isTemplateContainer(context)) {
            return ConditionEvaluationResult.enabled("runs once per protocol");
        }
        Binding binding = ExtensionContexts.effective(context);
        Optional<String> why = binding.cannotRun(ExtensionContexts.requiredCapabilities(context), "test");
        if (why.isEmpty()) {
            return ConditionEvaluationResult.enabled(binding.label() + " can run");
        }
        return binding.mustFail() ? ConditionEvaluationResult.enabled(binding.plan().displayName() + " is required; it will fail")
                : ConditionEvaluationResult.disabled(binding.label() + " " + why.get());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Binding binding = ExtensionContexts.effective(context);
        if (binding.mustFail()) {
            throw binding.unavailableButRequired();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        settle(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        settle(context);
    }

    /** Disconnects what this context made and fails it when the store it owns was left unbalanced. */
    private static void settle(ExtensionContext context) {
        Optional<String> mismatch = ExtensionContexts.ownScope(context).flatMap(Scope::settleMismatch);
        if (mismatch.isPresent() && ExtensionContexts.config(context).sanityCheck()
                && !ExtensionContexts.sanityCheckIgnored(context)) {
            throw new AssertionFailedError(mismatch.get());
        }
    }

    /**
     * Constructor parameters are resolved in the test method's context, so that a class running
     * once per protocol gives each test instance the store of the protocol it runs on (the class
     * context of a class template is shared by every protocol: docs/junit.md).
     */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return Injection.isInjectable(parameterContext.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
        Class<?> type = parameterContext.getParameter().getType();
        if (type != IpcmConfiguration.class && ExtensionContexts.bound(context).isEmpty()
                && ExtensionContexts.isTemplateContainer(context)) {
            throw sharedByEveryProtocol(parameterContext, context);
        }
        Binding binding = ExtensionContexts.effective(context);
        if (type != IpcmConfiguration.class && !binding.plan().isReady()) {
            throw new ParameterResolutionException(binding.label() + " " + binding.plan().unavailable().orElseThrow());
        }
        try {
            return Injection.value(type, parameterContext.findAnnotation(ClientName.class).map(ClientName::value), binding,
                    ExtensionContexts.scope(context), ExtensionContexts.config(context));
        } catch (IpcmException e) {
            throw new ParameterResolutionException(binding.label() + " could not provide a " + type.getSimpleName()
                    + " for parameter '" + parameterContext.getParameter().getName() + "': " + e.getMessage(), e);
        }
    }

    /**
     * A class template's own context (its {@code @BeforeAll} and {@code @AfterAll} methods, and its
     * constructor under {@code @TestInstance(PER_CLASS)}) runs once for all protocols, so no one
     * protocol's value is the right one there (docs/junit.md).
     */
    private static ParameterResolutionException sharedByEveryProtocol(ParameterContext parameter, ExtensionContext context) {
        java.lang.reflect.Executable declaring = parameter.getDeclaringExecutable();
        String executable = declaring instanceof java.lang.reflect.Constructor ? "constructor (@TestInstance(PER_CLASS))"
                : (AnnotationSupport.isAnnotated(declaring, BeforeAll.class) ? "@BeforeAll" : "@AfterAll")
                + " method " + declaring.getName() + "()";
        return new ParameterResolutionException("@IpcmTest class " + context.getRequiredTestClass().getSimpleName()
                + " runs once per protocol, but its " + executable + " runs once for all of them, so its "
                + parameter.getParameter().getType().getSimpleName() + " parameter (position " + (parameter.getIndex() + 1)
                + ") cannot be given one protocol's value: ask for it in the constructor"
                + " (default per-method lifecycle), a @BeforeEach method or the test method instead");
    }
}
