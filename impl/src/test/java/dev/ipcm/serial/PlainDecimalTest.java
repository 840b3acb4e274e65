package dev.ipcm.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PlainDecimalTest {
    @Property(tries = 2000)
    void isWhatToPlainStringWrites(@ForAll long unscaled, @ForAll @IntRange(min = 1, max = 18) int scale) {
        char[] out = new char[PlainDecimal.MAX_CHARS];
        int start = PlainDecimal.format(unscaled, scale, out);
        assertThat(new String(out, start, out.length - start)).isEqualTo(BigDecimal.valueOf(unscaled, scale).toPlainString());
    }

    @Test
    void edgesOfTheRange() {
        char[] out = new char[PlainDecimal.MAX_CHARS];
        for (long v : new long[] {0, 1, -1, 9, 10, Long.MAX_VALUE, Long.MIN_VALUE, 1_795_433_111_301_610L}) {
            for (int scale : new int[] {1, 6, 18}) {
                int start = PlainDecimal.format(v, scale, out);
                assertThat(new String(out, start, out.length - start)).isEqualTo(BigDecimal.valueOf(v, scale).toPlainString());
            }
        }
        assertThatThrownBy(() -> PlainDecimal.format(1, 0, out)).hasMessage("scale must be between 1 and 18: scale=0");
    }
}
