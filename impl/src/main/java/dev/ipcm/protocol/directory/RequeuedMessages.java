package dev.ipcm.protocol.directory;

import dev.ipcm.CorruptMessageException;
import dev.ipcm.Message;
import dev.ipcm.serial.Serializer;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * A client's requeued messages in its resume file. Every receive asks for them; the file is
 * looked for again only when this client requeued or an entry of the route directory was
 * created or removed since it was last found absent, so a steady stream of messages costs no
 * {@code stat} here.
 */
final class RequeuedMessages {
    private final ResumeFile resume;
    private final RouteChanges changes;
    private final RouteDirectory route;
    private final String onDiskName;
    // The route version at which the resume file was last found absent (NOT_SEEN: ask the file system).
    private long absentAt = RouteChanges.NOT_SEEN;

    RequeuedMessages(RouteDirectory route, String onDiskName, RouteChanges changes, Serializer serializer) {
        this.route = route;
        this.onDiskName = onDiskName;
        this.changes = changes;
        this.resume = new ResumeFile(route.sidecar(onDiskName, ".resume"),
                route.entry("_" + onDiskName + ".resume.corrupt"), serializer);
    }

    void store(List<Message> messages) {
        absentAt = RouteChanges.NOT_SEEN;
        try {
            resume.append(messages);
        } catch (IOException e) {
            throw route.failure("append to resume file", route.sidecar(onDiskName, ".resume"), e);
        }
    }

    List<Message> take(Consumer<CorruptMessageException> setAside) {
        long version = changes.version();
        if (version == absentAt) {
            return List.of();
        }
        try {
            List<Message> taken = resume.takeAll(setAside);
            absentAt = version;
            return taken;
        } catch (IOException e) {
            throw route.failure("read resume file", route.sidecar(onDiskName, ".resume"), e);
        }
    }

    boolean any() {
        long version = changes.version();
        if (version == absentAt) {
            return false;
        }
        boolean there = resume.exists();
        if (!there) {
            absentAt = version;
        }
        return there;
    }
}
