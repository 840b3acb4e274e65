package dev.ipcm.junit;

import java.util.Locale;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * One database server in a Docker container, started once per test run and stopped when the
 * run ends. Only loaded when Testcontainers is on the class path.
 */
final class DockerServer implements AutoCloseable {
    private record Image(String name, int port, Map<String, String> env, String logLine, int logTimes, String urlFormat) {}

    // A plain GenericContainer per database keeps the harness off the per-database modules.
    private static final Map<String, Image> IMAGES = Map.of(
            "PostgreSQL", new Image("postgres:16-alpine", 5432, Map.of("POSTGRES_HOST_AUTH_METHOD", "trust", "POSTGRES_DB", "test"),
                    ".*database system is ready to accept connections.*", 2, "jdbc:postgresql://%s:%d/test?user=postgres"),
            "MariaDB", new Image("mariadb:11", 3306, Map.of("MARIADB_ALLOW_EMPTY_ROOT_PASSWORD", "1", "MARIADB_DATABASE", "test"),
                    ".*ready for connections.*", 2, "jdbc:mariadb://%s:%d/test?user=root"),
            "MySQL", new Image("mysql:8.4", 3306, Map.of("MYSQL_ALLOW_EMPTY_PASSWORD", "yes", "MYSQL_DATABASE", "test"),
                    ".*ready for connections.*", 2, "jdbc:mysql://%s:%d/test?user=root"));

    private final GenericContainer<?> container;
    private final String url;

    private DockerServer(GenericContainer<?> container, String url) {
        this.container = container;
        this.url = url;
    }

    static boolean knows(String protocol) {
        return IMAGES.containsKey(protocol);
    }

    /** Starts the server; the image can be replaced with {@code ipcm.<protocol>.image}. */
    static DockerServer start(String protocol, IpcmConfiguration config) {
        Image image = IMAGES.get(protocol);
        String imageName = config.get("ipcm." + protocol.toLowerCase(Locale.ROOT) + ".image").orElse(image.name());
        GenericContainer<?> c = new GenericContainer<>(imageName);
        c.withExposedPorts(image.port());
        image.env().forEach(c::withEnv);
        c.waitingFor(Wait.forLogMessage(image.logLine(), image.logTimes()));
        c.start();
        return new DockerServer(c, String.format(image.urlFormat(), c.getHost(), c.getMappedPort(image.port())));
    }

    String url() {
        return url;
    }

    @Override
    public void close() {
        container.stop();
    }
}
