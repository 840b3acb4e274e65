package dev.ipcm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The idle-query count on a private MariaDB server: a smoke check that it counts, not a measurement. */
class IdleBenchTest {
    @Test
    void idleReceiversQueriesAreCountedOnAPrivateServer() {
        List<String> progress = new ArrayList<>();

        IdleFigures f = IdleBench.measure("MariaDB", 2, 1_000, TimeUnit.SECONDS.toNanos(120), progress::add);

        assumeTrue(f.failure() == null || !f.failure().contains("binaries"),
                "no MariaDB server binaries here for a private server: " + f.failure());
        assertThat(f.failure()).as("progress %s", progress).isNull();
        assertThat(f.windowNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1_000));
        assertThat(f.queries()).as("idle receivers still poll the inbox").isPositive();
        assertThat(f.perReceiverPerSecond()).isPositive();
    }
}
