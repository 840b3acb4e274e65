package dev.ipcm.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/** This JVM's total JIT compilation time, which tells a warm-up when the compilers have settled. */
final class JitClock {
    private static final CompilationMXBean COMPILER = ManagementFactory.getCompilationMXBean();

    private JitClock() {}

    /** Milliseconds spent compiling so far, or -1 where the JVM does not say. */
    static long compileMillis() {
        if (COMPILER == null || !COMPILER.isCompilationTimeMonitoringSupported()) {
            return -1;
        }
        return COMPILER.getTotalCompilationTime();
    }
}
