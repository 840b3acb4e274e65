package dev.ipcm.crash;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import java.time.Duration;
import java.util.List;

/**
 * The receiver of the crash matrix, run in a child JVM: {@code INFO NAME MODE}. Connects as NAME
 * (taking over the registration of a killed predecessor with its mail), prints {@code READY},
 * then receives until it is killed, printing {@code GOT id n} for each message. MODE
 * {@code plain} uses receive (taken from the store before it is printed); {@code ack} uses
 * at-least-once receive and acknowledges each message after printing it.
 */
public final class CrashReceiver {
    private CrashReceiver() {}

    public static void main(String[] args) {
        Client client = Ipcm.connect(args[1], args[0]);
        boolean ack = args[2].equals("ack");
        System.out.println("READY");
        System.out.flush();
        while (true) {
            List<Message> got = ack ? client.awaitUnacknowledged(Duration.ofSeconds(1))
                    : client.awaitMessages(Duration.ofSeconds(1));
            for (Message m : got) {
                System.out.println("GOT " + m.id() + " " + m.content().path("n").asInt(-1) + " "
                        + m.content().path("pad").asText().length());
                System.out.flush();
                if (ack) {
                    // One acknowledgement per message: many points for a kill between using a message and acknowledging it.
                    client.acknowledge(List.of(m.id()));
                }
            }
        }
    }
}
