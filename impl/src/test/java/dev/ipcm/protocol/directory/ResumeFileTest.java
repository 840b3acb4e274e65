package dev.ipcm.protocol.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.CorruptMessageException;
import dev.ipcm.Message;
import dev.ipcm.serial.Serializers;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeFileTest {
    @TempDir
    Path dir;

    private ResumeFile resume() {
        return new ResumeFile(dir.resolve("me.resume"), dir.resolve("_me.resume.corrupt"), Serializers.byName("JSON"));
    }

    @Test
    void recordsRoundTripInOrderAndTheFileIsDeleted() throws Exception {
        Message one = Message.builder("a").to("me").content(1).build();
        Message two = Message.builder("b").to("me").content(2).build();
        resume().append(List.of(one));
        resume().append(List.of(two));
        assertThat(resume().exists()).isTrue();
        List<CorruptMessageException> corrupt = new ArrayList<>();
        assertThat(resume().takeAll(corrupt::add)).containsExactly(one, two);
        assertThat(corrupt).isEmpty();
        assertThat(resume().exists()).isFalse();
    }

    @Test
    void aTruncatedTailIsKeptAsideAndTheCompleteRecordsAreDelivered() throws Exception {
        Message one = Message.builder("a").to("me").content(1).build();
        resume().append(List.of(one));
        Files.write(dir.resolve("me.resume"), ByteBuffer.allocate(6).putInt(100).put((byte) '{').put((byte) '"').array(),
                java.nio.file.StandardOpenOption.APPEND);
        List<CorruptMessageException> corrupt = new ArrayList<>();
        assertThat(resume().takeAll(corrupt::add)).containsExactly(one);
        assertThat(corrupt).singleElement().extracting(Throwable::getMessage).asString()
                .contains("Truncated resume file payload (wanted 100, got 2)");
        assertThat(Files.size(dir.resolve("_me.resume.corrupt"))).isEqualTo(6);
        assertThat(resume().exists()).isFalse();
    }

    @Test
    void aShortHeaderIsReported() throws Exception {
        Files.write(dir.resolve("me.resume"), new byte[] {0, 0});
        List<CorruptMessageException> corrupt = new ArrayList<>();
        assertThat(resume().takeAll(corrupt::add)).isEmpty();
        assertThat(corrupt).singleElement().extracting(Throwable::getMessage).asString()
                .contains("Truncated resume file header (got 2 bytes)");
    }
}
