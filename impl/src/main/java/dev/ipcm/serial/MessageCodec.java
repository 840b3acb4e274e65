package dev.ipcm.serial;

import dev.ipcm.ContentException;
import dev.ipcm.Message;
import java.util.Arrays;

/**
 * The JSON wire form of a whole message, streamed: the bytes of {@code Json.encode(message.toJson())}
 * and the message of {@code Message.fromJson(Json.decode(bytes))}, without the intermediate
 * tree of the envelope. The door of this package's serializers to {@link EnvelopeWriter} and
 * {@link EnvelopeReader}; protocols go through {@link Serializer#serializeMessage} and
 * {@link Serializer#deserializeMessage}.
 */
final class MessageCodec {
    private MessageCodec() {}

    /** The message's compact ASCII JSON, in a fresh array of exactly its length. */
    static byte[] encode(Message message) {
        return EnvelopeWriter.encode(message, Arrays::copyOf);
    }

    /**
     * Writes the message's JSON into a buffer this thread reuses and hands it to {@code then}
     * (a compressor, say) without copying it out first.
     */
    static <R> R encode(Message message, Encoded<R> then) {
        return EnvelopeWriter.encode(message, then);
    }

    /**
     * The message in JSON bytes, checked as {@link Message#fromJson} checks it.
     *
     * @throws ContentException as {@code Message.fromJson(Json.decode(bytes))} would, with the same message
     */
    static Message decode(byte[] bytes) {
        return EnvelopeReader.decode(bytes, 0, bytes.length);
    }

    /** The message in {@code length} bytes of {@code bytes} from {@code offset}; see {@link #decode(byte[])}. */
    static Message decode(byte[] bytes, int offset, int length) {
        return EnvelopeReader.decode(bytes, offset, length);
    }
}
