package dev.ipcm.protocol.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What we write into sidecars passes the reference's reader rules (docs/protocols/file-stores.md,
 * "Layout"), and we apply the same rules.
 */
class SidecarsTest {
    @TempDir
    Path dir;

    @Property(tries = 300)
    void deadlinesAreWrittenAsPlainDecimalsThatReadBackEqual(
            @ForAll @BigRange(min = "0", max = "99999999999") @Scale(9) BigDecimal deadline) throws Exception {
        byte[] text = Sidecars.formatDeadline(deadline);
        String s = new String(text, StandardCharsets.US_ASCII);
        assertThat(s).matches("[0-9]+(\\.[0-9]+)?");
        // jqwik runs no Jupiter extensions, so no @TempDir here.
        Path file = Files.createTempFile("ipcm-deadline", ".suspend");
        try {
            Files.write(file, text);
            assertThat(Sidecars.readDeadline(file)).hasValueSatisfying(d -> assertThat(d).isEqualByComparingTo(deadline));
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void wholeSecondsHaveNoExponent() {
        assertThat(new String(Sidecars.formatDeadline(new BigDecimal("1795433100.000000")), StandardCharsets.US_ASCII))
                .isEqualTo("1795433100");
        assertThatThrownBy(() -> Sidecars.formatDeadline(new BigDecimal("-1"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expiresAt=-1");
    }

    @Test
    void readersFollowTheReferenceRules() throws Exception {
        Path f = dir.resolve("x");
        Files.writeString(f, "123\nextra");
        assertThat(Sidecars.readPid(f)).hasValue(123);
        Files.writeString(f, " 123");
        assertThat(Sidecars.readPid(f)).isEmpty();
        Files.writeString(f, "-5");
        assertThat(Sidecars.readPid(f)).isEmpty();
        assertThat(Sidecars.readPid(dir.resolve("missing"))).isEmpty();
        Files.writeString(f, "1.79E9");
        assertThat(Sidecars.readDeadline(f)).isEmpty();
        Files.writeString(f, "+17");
        assertThat(Sidecars.readDeadline(f)).isEmpty();
        Files.writeString(f, "17.5\n");
        assertThat(Sidecars.readDeadline(f)).contains(new BigDecimal("17.5"));
        Files.writeString(f, "with/slash\n");
        assertThat(Sidecars.readName(f)).contains("with/slash\n");
        assertThat(new String(Sidecars.formatPid(4711), StandardCharsets.US_ASCII)).isEqualTo("4711");
    }

    @Test
    void atomicWritesLeaveNoPendFileBehind() throws Exception {
        Path target = dir.resolve("n.pid");
        Sidecars.writeAtomically(target, Sidecars.formatPid(42));
        assertThat(target).hasContent("42");
        assertThat(dir.resolve("n.pid.pend")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    }
}
