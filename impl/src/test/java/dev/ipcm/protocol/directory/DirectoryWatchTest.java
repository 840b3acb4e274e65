package dev.ipcm.protocol.directory;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryWatchTest {
    private static final long LONG = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    Path dir;

    /** Waits in rounds (each capped by the watch) until an event is seen or 30 s pass. */
    private static boolean seen(DirectoryWatch w) {
        long deadline = System.nanoTime() + LONG;
        while (System.nanoTime() < deadline) {
            if (w.await(deadline - System.nanoTime())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void anEventBeforeTheWaitIsNotLost() throws Exception {
        try (DirectoryWatch w = DirectoryWatch.creations(dir, n -> n.endsWith(".ready"), true)) {
            assertThat(w.isEventDriven()).isTrue();
            Files.writeString(dir.resolve("x.ready"), "");
            assertThat(seen(w)).isTrue();
        }
    }

    @Test
    void aWatchToldNotToUseInotifyPolls() throws Exception {
        try (DirectoryWatch w = DirectoryWatch.creations(dir, n -> n.endsWith(".ready"), false)) {
            assertThat(w.isEventDriven()).as("a watch made with inotify=0").isFalse();
            Files.writeString(dir.resolve("p.ready"), "");
            assertThat(w.await(LONG)).as("a polling wait: it returns after one poll interval, reporting no event, "
                    + "and the caller rescans").isFalse();
        }
    }

    @Test
    void aRenameIntoPlaceCountsAsACreation() throws Exception {
        Files.writeString(dir.resolve("y.pend"), "");
        try (DirectoryWatch w = DirectoryWatch.creations(dir, n -> n.endsWith(".ready"), true)) {
            Files.move(dir.resolve("y.pend"), dir.resolve("y.ready"));
            assertThat(seen(w)).isTrue();
        }
    }

    @Test
    void onLinuxTheHubReadsInotifyOnItsOwnThread() {
        // Through the JDK's WatchService every event would wake the JDK's poller thread before the hub's.
        assertThat(WatchHub.get()).isNotNull();
        assertThat(WatchHub.get().readsInotifyItself()).isTrue();
    }

    @Test
    void aFileThatIsOnlyCreatedAndNotYetRenamedDoesNotWakeAnInboxWatch() throws Exception {
        try (DirectoryWatch w = DirectoryWatch.creations(dir, n -> n.endsWith(".ready"), true)) {
            Files.writeString(dir.resolve("r.pend"), "");
            assertThat(w.await(TimeUnit.MILLISECONDS.toNanos(300))).isFalse();
            Files.move(dir.resolve("r.pend"), dir.resolve("r.ready"));
            assertThat(seen(w)).isTrue();
        }
    }

    @Test
    void deletingTheWatchedDirectoryWakesItsWaiters() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("inbox"));
        try (DirectoryWatch w = DirectoryWatch.creations(sub, n -> n.endsWith(".ready"), true)) {
            Files.delete(sub);
            assertThat(seen(w)).as("the wait wakes, so its caller rescans and finds the directory gone").isTrue();
        }
    }

    @Test
    void twoWatchesOnOneDirectoryEachGetTheEventAndClosingOneKeepsTheOther() throws Exception {
        DirectoryWatch a = DirectoryWatch.file(dir, "store.json", true);
        try (DirectoryWatch b = DirectoryWatch.file(dir, "store.json", true)) {
            Files.writeString(dir.resolve("store.json"), "{}");
            assertThat(seen(a)).isTrue();
            assertThat(seen(b)).isTrue();
            a.close();
            Files.writeString(dir.resolve("store.json"), "{\"a\":1}");
            assertThat(seen(b)).isTrue();
        }
    }

    @Test
    void aNarrowerWatchOfTheSameDirectoryKeepsTheWiderOnesKinds() throws Exception {
        Files.writeString(dir.resolve("store.json"), "{}");
        try (DirectoryWatch wide = DirectoryWatch.file(dir, "store.json", true);
                DirectoryWatch narrow = DirectoryWatch.creations(dir.resolve(".").normalize(), n -> n.endsWith(".ready"), true)) {
            // Registered second and asking only for creations: the shared key must still report the modification.
            Files.writeString(dir.resolve("store.json"), "{\"a\":1}");
            assertThat(seen(wide)).isTrue();
            Files.writeString(dir.resolve("z.ready"), "");
            assertThat(seen(narrow)).isTrue();
        }
    }

    @Test
    void aWatchOfCreationsAloneAsksForNothingElse() throws Exception {
        try (DirectoryWatch w = DirectoryWatch.creations(dir, n -> n.endsWith(".ready"), true)) {
            assertThat(w.kinds()).containsExactly(ENTRY_CREATE);
            Files.writeString(dir.resolve("q.pend"), "");
            Files.move(dir.resolve("q.pend"), dir.resolve("q.ready"));
            assertThat(seen(w)).isTrue();
        }
    }

    @Test
    void aFileWatchMatchesOnlyItsOwnNameAndKinds() {
        try (DirectoryWatch w = DirectoryWatch.file(dir, "store.json", true)) {
            assertThat(w.matchesAny(List.of(event(ENTRY_MODIFY, "other.json")))).isFalse();
            assertThat(w.matchesAny(List.of(event(ENTRY_DELETE, "store.json")))).isFalse();
            assertThat(w.matchesAny(List.of(event(ENTRY_MODIFY, "other.json"), event(ENTRY_MODIFY, "store.json"))))
                    .isTrue();
            assertThat(w.matchesAny(List.of(event(OVERFLOW, null)))).isTrue();
        }
        try (DirectoryWatch w = DirectoryWatch.creations(dir, n -> n.endsWith(".ready"), true)) {
            assertThat(w.matchesAny(List.of(event(ENTRY_CREATE, "a.pend")))).isFalse();
            assertThat(w.matchesAny(List.of(event(ENTRY_MODIFY, "a.ready")))).isFalse();
            assertThat(w.matchesAny(List.of(event(ENTRY_CREATE, "a.ready")))).isTrue();
        }
    }

    private static WatchEvent<Object> event(WatchEvent.Kind<?> kind, String name) {
        return new WatchEvent<>() {
            @SuppressWarnings("unchecked")
            @Override
            public Kind<Object> kind() {
                return (Kind<Object>) kind;
            }

            @Override
            public int count() {
                return 1;
            }

            @Override
            public Object context() {
                return name == null ? null : Path.of(name);
            }
        };
    }
}
