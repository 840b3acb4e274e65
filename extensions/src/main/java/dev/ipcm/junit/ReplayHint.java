package dev.ipcm.junit;

import net.jqwik.api.lifecycle.PropertyExecutionResult;

/**
 * Puts a failing property's seed and the exact settings that replay it into the failure message
 * itself, so Maven, Surefire and IDEs show how to run the same tries again (docs/junit.md,
 * "Replaying a failed property").
 */
final class ReplayHint {
    private ReplayHint() {}

    /** The result unchanged, or, when it failed with a known seed, failing with the replay settings in its message. */
    static PropertyExecutionResult added(PropertyExecutionResult result, int tries) {
        if (result.status() != PropertyExecutionResult.Status.FAILED || result.seed().isEmpty()
                || result.throwable().isEmpty()) {
            return result;
        }
        Throwable original = result.throwable().get();
        AssertionError withHint = new AssertionError(message(original, result.seed().get(), result.countTries(), tries), original);
        withHint.setStackTrace(original.getStackTrace());
        return result.mapToFailed(withHint);
    }

    /** Generation depends on the number of tries as well as the seed, so the hint names both. */
    static String message(Throwable original, String seed, int failedTry, int tries) {
        return original.getMessage() + System.lineSeparator() + "Failed on try " + failedTry + " of " + tries + " with seed " + seed
                + "; replay exactly this run with -D" + IpcmConfiguration.PROPERTY_SEED + "=" + seed + " -D"
                + IpcmConfiguration.PROPERTY_TRIES + "=" + tries + " (or the same two lines in"
                + " src/test/resources/junit-platform.properties)";
    }
}
