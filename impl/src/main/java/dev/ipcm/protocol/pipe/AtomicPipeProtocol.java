package dev.ipcm.protocol.pipe;

import dev.ipcm.Capabilities;
import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.os.Os;
import dev.ipcm.protocol.directory.DirectoryProtocol;
import dev.ipcm.spi.Availability;
import dev.ipcm.spi.ConnectRequest;
import org.apiguardian.api.API;

/**
 * AtomicPipe: every client reads its own FIFO in the store directory; senders write messages
 * as Atomic::Pipe chunk sequences, so many writers can share one FIFO and messages of any size
 * arrive whole. Suspend is refused: the FIFO's contents live only while its reader holds it.
 *
 * <p>Client parameter: {@code permissions}, the FIFO's mode in octal (default {@code 0700},
 * masked by the umask).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AtomicPipeProtocol extends DirectoryProtocol {
    static final Capabilities CAPABILITIES = Capabilities.of(Capability.CROSS_PROCESS, Capability.NON_BLOCKING_SEND,
            Capability.MESSAGE_WAKEUP, Capability.PEER_CHANGE_WAKEUP, Capability.INTERRUPTIBLE_WAIT);

    @Override
    public String name() {
        return "AtomicPipe";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Availability availability() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return Availability.unavailable("AtomicPipe needs Linux FIFO semantics (O_RDWR opens, F_SETPIPE_SZ), "
                    + "this is " + System.getProperty("os.name"), "use MessageFiles or a database store here");
        }
        try {
            Os os = Os.get();
            os.isRunning(os.pid()); // loads libc now rather than at the first connect
            return Availability.available();
        } catch (LinkageError e) {
            return Availability.unavailable("the native C library could not be loaded through JNA: " + e,
                    "install JNA's native support for this platform");
        }
    }

    @Override
    public Client connect(ConnectRequest request) {
        return new AtomicPipeClient(request);
    }
}
