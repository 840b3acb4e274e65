package dev.ipcm.protocol.db;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.os.HostIdentity;
import dev.ipcm.os.Os;
import dev.ipcm.service.AbstractService;
import dev.ipcm.service.Request;
import java.io.IOException;
import java.time.Duration;

/**
 * One simulated host's process in {@link SimulatedHostsTest}: {@code HostPeer INFO PREFIX}
 * connects the client {@code PREFIX-peer}, which answers every message with {@code "pong:"} and
 * its text, and runs the service {@code PREFIX-svc} in a thread, which answers a request with
 * {@code "echo: "} and its text, except {@code "hang"}, which it never answers. Prints
 * {@code ready PID HOSTNAME} once both are registered; exits when its standard input closes (the
 * test JVM is gone), and otherwise runs until killed.
 */
public final class HostPeer {
    private HostPeer() {}

    /** Echoes, and never answers {@code "hang"}: a request that is pending when the host dies. */
    static final class HangingEcho extends AbstractService {
        HangingEcho(String name, String info) {
            super(name, info);
        }

        @Override
        protected Object handleRequest(Request request) throws Exception {
            if ("hang".equals(request.text())) {
                Thread.sleep(Long.MAX_VALUE); // this process is killed while the request waits
            }
            return "echo: " + request.text();
        }
    }

    public static void main(String[] args) throws Exception {
        String info = args[0];
        String prefix = args[1];
        Thread stdinWatch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is sent; EOF means the test JVM is gone
                }
            } catch (IOException ignored) {
                // the same: the pipe is gone
            }
            Runtime.getRuntime().halt(3);
        }, "stdin-watch");
        stdinWatch.setDaemon(true);
        stdinWatch.start();
        Thread service = new Thread(() -> new HangingEcho(prefix + "-svc", info).run(), "service");
        service.setDaemon(true);
        service.start();
        try (Client peer = Ipcm.connect(prefix + "-peer", info)) {
            while (!peer.awaitPeerActive(prefix + "-svc", Duration.ofSeconds(1))) {
                // the service thread is still connecting
            }
            System.out.println("ready " + Os.get().pid() + " " + HostIdentity.local().name());
            System.out.flush();
            while (true) {
                for (Message m : peer.awaitMessages(Duration.ofSeconds(1))) {
                    if (!m.isTerminate()) {
                        peer.send(m.from(), "pong:" + m.content().asText());
                    }
                }
            }
        }
    }
}
