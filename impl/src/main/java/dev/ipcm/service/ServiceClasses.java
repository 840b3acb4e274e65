package dev.ipcm.service;

import dev.ipcm.IpcmException;
import java.lang.reflect.InvocationTargetException;

/**
 * Builds a service from its parameters: the {@code class} parameter names what to run, since only
 * data travels to a child JVM. It is an {@link AbstractService} subclass with a public
 * {@code (ServiceParams)} constructor, or a {@link ServiceFactory} with a public no-argument
 * constructor (how a {@link Service} made of lambdas runs in a process of its own).
 */
final class ServiceClasses {
    private ServiceClasses() {}

    /** Builds the service the {@code class} parameter names. */
    static AbstractService build(ServiceParams params) {
        if (params.has(ObjectTransfer.KEY)) {
            return create(ObjectTransfer.restore("Service '" + params.name() + "'",
                    params.text(ObjectTransfer.KEY).orElse(""), ServiceFactory.class), params);
        }
        String className = params.text("class").orElseThrow(() -> new ServiceConfigException(
                "Service '" + params.text("name").orElse("?") + "' has no 'class' parameter naming what to run"));
        Class<?> type;
        try {
            type = Class.forName(className, true, loader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ServiceConfigException("Service class '" + className + "' cannot be loaded: " + e, e);
        }
        try {
            if (ServiceFactory.class.isAssignableFrom(type)) {
                return create((ServiceFactory) type.getConstructor().newInstance(), params);
            }
            if (AbstractService.class.isAssignableFrom(type)) {
                return (AbstractService) type.getConstructor(ServiceParams.class).newInstance(params);
            }
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IpcmException) {
                throw (IpcmException) cause;
            }
            throw new ServiceConfigException("Service class '" + className + "' failed to construct: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new ServiceConfigException("'" + className + "' needs a public constructor: (ServiceParams) for a service "
                    + "class, () for a factory: " + e, e);
        }
        throw new ServiceConfigException("'" + className + "' does not extend " + AbstractService.class.getName()
                + " nor implement " + ServiceFactory.class.getName());
    }

    static AbstractService create(ServiceFactory factory, ServiceParams params) {
        AbstractService s;
        try {
            s = factory.create(params);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServiceConfigException("Service factory " + factory.getClass().getName() + " failed: " + e, e);
        }
        if (s == null) {
            throw new ServiceConfigException("Service factory " + factory.getClass().getName() + " returned null");
        }
        return s;
    }

    private static ClassLoader loader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : ServiceClasses.class.getClassLoader();
    }
}
