package dev.ipcm.engine;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * One inner launcher execution with a deadline. The suite runs on a thread of its own; its
 * events are handed to the calling thread, which reports them, so every outer event still comes
 * from the engine's thread. A scenario stuck past the deadline (a blocked send, a property with
 * no timeout of its own) fails with the stuck thread's stack instead of hanging the whole run.
 */
final class InnerRun {
    private static final Runnable DONE = () -> { };

    private InnerRun() {}

    static void execute(Launcher launcher, LauncherDiscoveryRequest request, TestExecutionListener listener,
            Duration timeout, String what) throws Exception {
        BlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
        AtomicReference<Throwable> crash = new AtomicReference<>();
        TestExecutionListener relay = new TestExecutionListener() {
            @Override
            public void testPlanExecutionStarted(TestPlan plan) {
                events.add(() -> listener.testPlanExecutionStarted(plan));
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                events.add(() -> listener.executionSkipped(id, reason));
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                events.add(() -> listener.executionFinished(id, result));
            }

            @Override
            public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
                events.add(() -> listener.reportingEntryPublished(id, entry));
            }
        };
        Thread worker = new Thread(() -> {
            try {
                launcher.execute(request, relay);
            } catch (Throwable t) {
                crash.set(t);
            } finally {
                events.add(DONE);
            }
        }, "ipcm-certify " + what);
        worker.setDaemon(true);
        worker.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        worker.start();

        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Runnable next = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                StackTraceElement[] stuck = worker.getStackTrace();
                worker.interrupt(); // a test that honours interrupts ends; one blocked in native code is left behind
                TimeoutException e = new TimeoutException(what + " did not finish within " + timeout.toSeconds() + " s ("
                        + CertifyParameters.TIMEOUT + "); the tests it finished are reported, and this stack trace is "
                        + "where the stuck one was");
                e.setStackTrace(stuck);
                throw e;
            }
            if (next == DONE) {
                break;
            }
            next.run();
        }
        if (crash.get() != null) {
            throw CaseDescriptor.<Exception>rethrow(crash.get());
        }
    }
}
