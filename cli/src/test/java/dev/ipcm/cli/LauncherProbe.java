package dev.ipcm.cli;

import java.lang.management.ManagementFactory;

/**
 * Stands in for the command in the launcher's tests: prints the JVM options it was started with,
 * one per line, so a test can read what {@code ./ipcm} chose. Alone in a jar of its own, it is a
 * class path the JVM can archive.
 */
final class LauncherProbe {
    private LauncherProbe() {}

    public static void main(String[] args) {
        ManagementFactory.getRuntimeMXBean().getInputArguments().forEach(System.out::println);
    }
}
