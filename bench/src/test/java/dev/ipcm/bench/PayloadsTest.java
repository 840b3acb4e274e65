package dev.ipcm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.serial.Serializers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadsTest {
    @ParameterizedTest
    @ValueSource(ints = {11, 12, 100, 4096, 65536})
    void contentSerializesToExactlyTheAskedSize(int size) {
        assertThat(Serializers.defaultSerializer().serialize(Payloads.content(size))).hasSize(size);
        assertThat(Payloads.bytes(size)).hasSize(size);
    }

    @Test
    void theSameSizeGivesTheSameContent() {
        assertThat(Payloads.content(4096)).isEqualTo(Payloads.content(4096));
    }

    @Test
    void aSizeBelowTheSmallestContentIsRefusedWithTheValue() {
        assertThatThrownBy(() -> Payloads.content(10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bytes=10").hasMessageContaining("at least 11");
    }
}
