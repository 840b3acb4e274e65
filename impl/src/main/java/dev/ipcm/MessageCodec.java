package dev.ipcm;

import org.apiguardian.api.API;

/**
 * The JSON wire form of a whole message, streamed: the bytes of {@code Json.encode(message.toJson())}
 * and the message of {@code Message.fromJson(Json.decode(bytes))}, without the intermediate
 * tree of the envelope. For the serializers of this library; protocols go through
 * {@link dev.ipcm.serial.Serializer#serializeMessage} and
 * {@link dev.ipcm.serial.Serializer#deserializeMessage}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class MessageCodec {
    private MessageCodec() {}

    /** Receives the encoded bytes, which stay valid only until it returns. */
    @FunctionalInterface
    public interface Encoded<R> {
        /** Uses the first {@code length} bytes of {@code buffer}. */
        R apply(byte[] buffer, int length);
    }

    /** The message's compact ASCII JSON, in a fresh array of exactly its length. */
    public static byte[] encode(Message message) {
        return EnvelopeWriter.encode(message, java.util.Arrays::copyOf);
    }

    /**
     * Writes the message's JSON into a buffer this thread reuses and hands it to {@code then}
     * (a compressor, say) without copying it out first.
     */
    public static <R> R encode(Message message, Encoded<R> then) {
        return EnvelopeWriter.encode(message, then);
    }

    /**
     * The message in JSON bytes, checked as {@link Message#fromJson} checks it.
     *
     * @throws ContentException as {@code Message.fromJson(Json.decode(bytes))} would, with the same message
     */
    public static Message decode(byte[] bytes) {
        return EnvelopeReader.decode(bytes, 0, bytes.length);
    }

    /** The message in {@code length} bytes of {@code bytes} from {@code offset}; see {@link #decode(byte[])}. */
    public static Message decode(byte[] bytes, int offset, int length) {
        return EnvelopeReader.decode(bytes, offset, length);
    }
}
