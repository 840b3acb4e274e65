package dev.ipcm.junit;

/**
 * The protocol an {@link IpcmTest} invocation runs on, kept in the invocation's extension
 * context store so every test, nested class and callback below it finds it.
 *
 * @param plan how to spawn stores for it, or why it cannot run
 * @param required whether it is listed in {@value IpcmConfiguration#PROTOCOLS_REQUIRED}
 */
record Binding(BackendPlan plan, boolean required) {
    String label() {
        return "[" + plan.displayName() + "]";
    }
}
