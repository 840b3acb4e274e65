package dev.ipcm.service;

import java.util.concurrent.Callable;

/**
 * How the loop calls a service's code. Without {@code intercept_errors} an exception propagates
 * and ends the loop (a checked one wrapped in {@link ServiceFailedException}); with it, the
 * exception is written to the service's debug stream, logged, and returned as a failed outcome,
 * and the loop carries on.
 */
final class Guard {
    /** A piece of service code without a result. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /** The result of a guarded call: whether it succeeded, its error text, and its value. */
    record Outcome(boolean ok, String err, Object out) {}

    private final ServiceContext context;

    Guard(ServiceContext context) {
        this.context = context;
    }

    /** Runs {@code step} guarded. */
    Outcome run(Step step) {
        return call(() -> {
            step.run();
            return null;
        });
    }

    /** Calls {@code fn} guarded. */
    Outcome call(Callable<?> fn) {
        try {
            return new Outcome(true, "", fn.call());
        } catch (Exception | AssertionError e) {
            if (!context.settings().interceptErrors()) {
                if (e instanceof RuntimeException) {
                    throw (RuntimeException) e;
                }
                if (e instanceof AssertionError) {
                    throw (AssertionError) e;
                }
                throw new ServiceFailedException("Service '" + context.name() + "' callback failed: " + e, e);
            }
            String err = String.valueOf(e);
            context.debug("Peer '" + context.name() + "' caught exception: " + err);
            System.getLogger("dev.ipcm.service").log(System.Logger.Level.WARNING,
                    "Service '" + context.name() + "' caught exception: " + err);
            return new Outcome(false, err, null);
        }
    }
}
