package dev.ipcm.driver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.ClientClosedException;
import dev.ipcm.ContentException;
import dev.ipcm.InvalidInfoException;
import dev.ipcm.InvalidNameException;
import dev.ipcm.IpcmException;
import dev.ipcm.Message;
import dev.ipcm.MessageTooLargeException;
import dev.ipcm.MessagesWaitingException;
import dev.ipcm.NameTakenException;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.NotSupportedException;
import dev.ipcm.PeerGoneException;
import dev.ipcm.StoreGoneException;
import dev.ipcm.UnknownProtocolException;
import java.util.ArrayList;
import java.util.List;

/** The error answer of a driver as the exception its {@code kind} names (docs/driver-protocol.md, "Errors"). */
final class DriverErrors {
    private DriverErrors() {}

    static IpcmException toException(String op, JsonNode error) {
        String kind = error.path("kind").asText("other");
        String message = error.path("message").asText("the driver gave no message") ;
        return switch (kind) {
            case "invalid_name" -> new InvalidNameException(message);
            case "no_such_peer" -> new NoSuchPeerException(message);
            case "name_taken" -> new NameTakenException(message);
            case "message_too_large" -> new MessageTooLargeException(message);
            case "content" -> new ContentException(message);
            case "store_gone" -> new StoreGoneException(message);
            case "not_supported" -> new NotSupportedException("The driver does not support '" + op + "': " + message);
            case "peer_gone" -> new PeerGoneException(message);
            case "client_closed" -> new ClientClosedException(message);
            case "invalid_info" -> new InvalidInfoException(message);
            case "unknown_protocol" -> new UnknownProtocolException(message);
            case "messages_waiting" -> new MessagesWaitingException(error.path("client").asText(), messages(error));
            default -> new IpcmException("The driver failed '" + op + "' (" + kind + "): " + message);
        };
    }

    private static List<Message> messages(JsonNode error) {
        List<Message> out = new ArrayList<>();
        error.path("messages").forEach(m -> out.add(Message.fromJson(m)));
        return out;
    }
}
