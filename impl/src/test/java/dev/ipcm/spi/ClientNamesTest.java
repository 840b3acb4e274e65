package dev.ipcm.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.InvalidNameException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"alice", "h-beta", "service_parent_12", "caf\u00e9", "a.b", "x y", "'; DROP TABLE ipcm_peers; --"})
    void acceptsOrdinaryNames(String name) {
        assertThat(ClientNames.validate(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|required",
        ".|may not start with a dot",
        "..|may not start with a dot",
        ".hidden|may not start with a dot",
        "_torn|underscore",
        "a/b|path separators",
        "a\\b|path separators",
        "x.pid|bookkeeping",
        "x.stats|bookkeeping",
        "0|treats it as false"})
    void rejectsHarmfulNames(String name, String reason) {
        assertThatThrownBy(() -> ClientNames.validate(name))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining(reason);
    }

    @org.junit.jupiter.api.Test
    void rejectsControlCharactersNamingThem() {
        assertThatThrownBy(() -> ClientNames.validate("a\u0000b"))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("U+0000").hasMessageContaining("index 1");
        assertThatThrownBy(() -> ClientNames.validate("tab\there"))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("U+0009");
    }

    @org.junit.jupiter.api.Test
    void rejectsOverLongNamesNamingTheLimit() {
        assertThatThrownBy(() -> ClientNames.validate("x".repeat(513)))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("513 characters").hasMessageContaining("limit is 512");
    }
}
