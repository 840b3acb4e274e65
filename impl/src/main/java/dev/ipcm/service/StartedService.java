package dev.ipcm.service;

import java.util.Optional;
import java.util.OptionalLong;

/** What a launch started: the pid, and the service's process or thread (the other one null). */
record StartedService(long pid, Process process, Thread thread) {
    /** The launched process, if the service runs in one. */
    Optional<Process> child() {
        return Optional.ofNullable(process);
    }

    /** The launched process's pid; empty for a thread. */
    OptionalLong childPid() {
        return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
    }

    /** Why the service cannot become ready any more, or null while it may. */
    String endedEarly() {
        if (process != null && !process.isAlive() && process.exitValue() != 0) {
            // Exit 0 is a daemonizing first process handing over; keep waiting for the real service.
            return "exited with code " + process.exitValue();
        }
        if (thread != null && !thread.isAlive()) {
            return "thread ended";
        }
        return null;
    }
}
