package dev.ipcm.junit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Testcontainers fallback for database protocols: used only when Testcontainers is on the
 * class path, a Docker engine is visible and {@value IpcmConfiguration#TESTCONTAINERS} allows it.
 * Testcontainers classes are touched only through {@link DockerServer}, so the harness works
 * without them.
 */
final class Docker {
    private Docker() {}

    /** A server URL, or why there is none. */
    record Outcome(Optional<String> url, String whyNot) {}

    static Outcome serverUrl(String protocol, IpcmConfiguration config, BackendCache cache) {
        if (!config.testcontainersAllowed()) {
            return new Outcome(Optional.empty(), "Testcontainers is turned off (" + IpcmConfiguration.TESTCONTAINERS + "=false)");
        }
        Optional<String> engine = engine();
        if (engine.isEmpty()) {
            return new Outcome(Optional.empty(), "no Docker engine for Testcontainers was found (DOCKER_HOST is unset and "
                    + "there is no /var/run/docker.sock)");
        }
        if (!testcontainersPresent()) {
            return new Outcome(Optional.empty(), "a Docker engine is present (" + engine.get()
                    + ") but org.testcontainers:testcontainers is not on the test class path; add it to use Docker");
        }
        if (!DockerServer.knows(protocol)) {
            return new Outcome(Optional.empty(), "Testcontainers has no image for " + protocol);
        }
        try {
            DockerServer server = cache.get("docker:" + protocol, DockerServer.class, () -> DockerServer.start(protocol, config));
            return new Outcome(Optional.of(server.url()), "");
        } catch (RuntimeException | LinkageError e) {
            return new Outcome(Optional.empty(), "Testcontainers could not start a " + protocol + " server: " + e);
        }
    }

    /** Where the Docker engine is, if anywhere. */
    static Optional<String> engine() {
        String host = System.getenv("DOCKER_HOST");
        if (host != null && !host.isBlank()) {
            return Optional.of("DOCKER_HOST=" + host);
        }
        Path[] sockets = {Path.of("/var/run/docker.sock"),
            Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock")};
        for (Path p : sockets) {
            if (Files.exists(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }

    static boolean testcontainersPresent() {
        try {
            Class.forName("org.testcontainers.containers.GenericContainer", false, Docker.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
