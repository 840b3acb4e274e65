package dev.ipcm.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryListingTest {
    @TempDir
    Path dir;

    @Test
    void onLinuxTheSystemCallsAreBound() {
        // Otherwise every MessageFiles receive would list through the JDK's nine calls again.
        assertThat(DirectoryListing.bindsSystemCalls()).isTrue();
    }

    @Test
    void listsWhatTheJdkListsWithoutTheDotEntries() throws Exception {
        assertThat(DirectoryListing.names(dir)).isEmpty();
        // More entries than one getdents64 call returns into its 32 KiB, names of every length the dots could be confused with.
        List<String> made = new ArrayList<>(List.of("a", "..a", ".b", "ab", "é-ünïcode.ready"));
        IntStream.range(0, 2_000).forEach(i -> made.add("01A24EFA-F6AB-7606-844A-" + String.format("%012d", i) + ".ready"));
        for (String name : made) {
            Files.writeString(dir.resolve(name), "");
        }
        Files.createDirectory(dir.resolve("sub"));
        made.add("sub");
        List<String> jdk;
        try (Stream<Path> s = Files.list(dir)) {
            jdk = s.map(p -> p.getFileName().toString()).collect(Collectors.toList());
        }
        assertThat(DirectoryListing.names(dir)).containsExactlyInAnyOrderElementsOf(made).containsExactlyInAnyOrderElementsOf(jdk);
    }

    @Test
    void aMissingDirectoryOrAFileIsSaidSo() throws Exception {
        assertThatThrownBy(() -> DirectoryListing.names(dir.resolve("gone"))).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("gone");
        Path file = Files.writeString(dir.resolve("file"), "");
        assertThatThrownBy(() -> DirectoryListing.names(file)).isInstanceOf(NotDirectoryException.class);
    }

    @Test
    void unlinkRemovesAFileAndSaysWhenThereWasNone() throws Exception {
        Path file = Files.writeString(dir.resolve("x.ready"), "{}");
        assertThat(DirectoryListing.unlinkIfExists(file)).isTrue();
        assertThat(file).doesNotExist();
        assertThat(DirectoryListing.unlinkIfExists(file)).isFalse();
        assertThat(DirectoryListing.unlinkIfExists(dir.resolve("gone").resolve("x.ready"))).isFalse();
    }

    @Test
    void unlinkLeavesADirectoryAlone() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("y.ready"));
        assertThatThrownBy(() -> DirectoryListing.unlinkIfExists(sub)).isInstanceOf(FileSystemException.class)
                .hasMessageContaining("y.ready");
        assertThat(sub).isDirectory();
    }
}
