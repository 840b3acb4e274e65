package dev.ipcm.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayHintTest {
    @Test
    void theFailureMessageKeepsTheOriginalAndNamesTheSeedAndTheExactReplaySettings() {
        String message = ReplayHint.message(new AssertionError("[SQLite] the stamp, every digit"), "-4711", 7, 20);

        assertThat(message).as("the original failure, first").startsWith("[SQLite] the stamp, every digit");
        assertThat(message).as("the replay settings")
                .contains("Failed on try 7 of 20 with seed -4711")
                .contains("-Dipcm.property.seed=-4711 -Dipcm.property.tries=20");
    }
}
