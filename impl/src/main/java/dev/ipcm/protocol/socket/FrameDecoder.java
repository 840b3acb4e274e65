package dev.ipcm.protocol.socket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.ContentException;
import dev.ipcm.CorruptMessageException;
import dev.ipcm.Message;
import dev.ipcm.internal.Json;
import dev.ipcm.serial.Serializer;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the frames a ConnectionUnix client receives mean: a hello naming the peer that opened the
 * connection, a message, or something to set aside and report.
 */
record FrameDecoder(Serializer serializer, String clientName, Consumer<CorruptMessageException> setAside) {
    /** The hello frame this client sends first on a connection it opens. */
    byte[] hello() {
        return serializer.serialize(Json.mapper().createObjectNode().put("hello", clientName));
    }

    /** The peer a hello frame names, or null when the frame is no hello. */
    String helloId(byte[] frame) {
        try {
            JsonNode node = serializer.deserialize(frame);
            JsonNode hello = node == null ? null : node.get("hello");
            if (hello != null && hello.isTextual() && !hello.textValue().isEmpty()) {
                return hello.textValue();
            }
        } catch (ContentException e) {
            // not a hello
        }
        return null;
    }

    /** Adds the message a frame holds to {@code out}; a stray hello adds nothing, anything else is set aside. */
    void decodeInto(StreamConnection c, byte[] frame, List<Message> out) {
        try {
            // The streaming decoder takes the common case; a hello, a bad frame or an invalid
            // message fails it and goes the tree way below, which tells them apart.
            out.add(serializer.deserializeMessage(frame));
            return;
        } catch (ContentException e) {
            // not a plain message: see below
        }
        JsonNode node;
        try {
            node = serializer.deserialize(frame);
        } catch (ContentException e) {
            setAside.accept(new CorruptMessageException("Undecodable frame (" + frame.length + " bytes) on connection "
                    + describe(c) + ": " + e.getMessage() + "; it was skipped, the others were delivered", e));
            return;
        }
        if (node == null || !node.isObject() || (node.size() == 1 && node.has("hello"))) {
            return; // a stray hello, or not an object: nothing to deliver (as the reference)
        }
        try {
            out.add(Message.fromJson(node));
        } catch (ContentException e) {
            setAside.accept(new CorruptMessageException("Invalid message on connection " + describe(c) + ": "
                    + e.getMessage(), e));
        }
    }

    /** Reports a connection's damaged input. */
    void report(String report) {
        setAside.accept(new CorruptMessageException(report));
    }

    /** A connection in reports: its peer (once known) and this client. */
    String describe(StreamConnection c) {
        return (c.peer == null ? "(not yet identified)" : "with '" + c.peer + "'") + " to '" + clientName + "'";
    }
}
