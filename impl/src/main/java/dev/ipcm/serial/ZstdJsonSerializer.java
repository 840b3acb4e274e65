package dev.ipcm.serial;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdInputStream;
import dev.ipcm.ContentException;
import dev.ipcm.Message;
import dev.ipcm.UnknownProtocolException;
import dev.ipcm.internal.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * JSON compressed as one Zstandard frame, byte-compatible with
 * {@code IPC::Manager::Serializer::JSON::Zstd}.
 *
 * <p>Every frame written carries its decompressed size in the header, which the Perl
 * decoder needs when a dictionary is used; frames without it are still read.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ZstdJsonSerializer implements Serializer {
    /** The Perl class name this serializer answers to. */
    public static final String REFERENCE_NAME = "IPC::Manager::Serializer::JSON::Zstd";
    /** The compression level IPC::Manager uses when none is given. */
    public static final int DEFAULT_LEVEL = 3;

    private final int level;
    private final String dictionary;
    private final ZstdDictCompress compressDict;
    private final ZstdDictDecompress decompressDict;
    /** One instance, so streaming a message into the compressor allocates no lambda. */
    private final Encoded<byte[]> compressor = this::compress;

    /**
     * A serializer with a compression level and an optional dictionary file.
     *
     * @param level zstd level (1 to 22); it does not affect compatibility
     * @param dictionary path of a raw dictionary shared by every process, or {@code null}
     */
    public ZstdJsonSerializer(int level, String dictionary) {
        if (level < -131072 || level > Zstd.maxCompressionLevel()) {
            throw new UnknownProtocolException("zstd level must be between 1 and " + Zstd.maxCompressionLevel()
                    + ": level=" + level);
        }
        this.level = level;
        this.dictionary = dictionary;
        if (dictionary != null) {
            byte[] dict;
            try {
                dict = Files.readAllBytes(Path.of(dictionary));
            } catch (IOException e) {
                throw new UnknownProtocolException("Could not load zstd compression dictionary from '" + dictionary
                        + "': " + e.getMessage(), e);
            }
            this.compressDict = new ZstdDictCompress(dict, level);
            this.decompressDict = new ZstdDictDecompress(dict);
        } else {
            this.compressDict = null;
            this.decompressDict = null;
        }
    }

    /** The default: level 3, no dictionary. */
    public ZstdJsonSerializer() {
        this(DEFAULT_LEVEL, null);
    }

    /** The compression level. */
    public int level() {
        return level;
    }

    @Override
    public String referenceName() {
        return REFERENCE_NAME;
    }

    @Override
    public JsonNode infoSpec() {
        ArrayNode spec = Json.mapper().createArrayNode().add(REFERENCE_NAME);
        if (level != DEFAULT_LEVEL) {
            spec.add("level").add(level);
        }
        if (dictionary != null) {
            spec.add("dictionary").add(dictionary);
        }
        return spec;
    }

    @Override
    public byte[] serialize(JsonNode value) {
        byte[] json = Json.encode(value);
        return compressDict == null ? Zstd.compress(json, level) : Zstd.compress(json, compressDict);
    }

    @Override
    public JsonNode deserialize(byte[] bytes) {
        byte[] json;
        try {
            long size = Zstd.getFrameContentSize(bytes);
            if (size >= 0 && size <= Integer.MAX_VALUE) {
                json = decompressDict == null
                        ? Zstd.decompress(bytes, (int) size)
                        : Zstd.decompress(bytes, decompressDict, (int) size);
            } else if (decompressDict == null) {
                json = streamDecompress(bytes);
            } else {
                throw new ContentException("Failed to decompress zstd payload: a dictionary frame must carry its size");
            }
        } catch (ZstdException e) {
            throw new ContentException("Failed to decompress zstd payload: " + e.getMessage(), e);
        }
        return Json.decode(json);
    }

    /** Streams the envelope's JSON into a reused buffer and compresses it from there. */
    @Override
    public byte[] serializeMessage(Message message) {
        return MessageCodec.encode(message, compressor);
    }

    /**
     * Decompresses into a reused buffer and parses the envelope from it. A frame without its
     * size, a large one, or one that does not decompress goes the way of {@link #deserialize},
     * which says what is wrong in its own words.
     */
    @Override
    public Message deserializeMessage(byte[] bytes) {
        long size;
        try {
            size = Zstd.getFrameContentSize(bytes);
        } catch (ZstdException e) {
            size = -1;
        }
        if (size < 0 || size > ZstdScratch.KEEP_BYTES) {
            return Message.fromJson(deserialize(bytes));
        }
        byte[] json = ZstdScratch.get((int) size);
        int length;
        try (ZstdDecompressCtx ctx = new ZstdDecompressCtx()) {
            if (decompressDict != null) {
                ctx.loadDict(decompressDict);
            }
            length = ctx.decompressByteArray(json, 0, (int) size, bytes, 0, bytes.length);
        } catch (ZstdException e) {
            return Message.fromJson(deserialize(bytes));
        }
        if (length != size) {
            return Message.fromJson(deserialize(bytes));
        }
        return MessageCodec.decode(json, 0, length);
    }

    /** What {@code Zstd.compress} does (one frame, content size in its header), from a buffer's start. */
    private byte[] compress(byte[] json, int length) {
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            if (compressDict != null) {
                ctx.loadDict(compressDict);
            }
            // The dictionary was made with this level too, so Zstd.compress would set the same.
            ctx.setLevel(level);
            byte[] out = ZstdScratch.get((int) Zstd.compressBound(length));
            int n = ctx.compressByteArray(out, 0, out.length, json, 0, length);
            return Arrays.copyOf(out, n);
        }
    }

    private static byte[] streamDecompress(byte[] bytes) {
        try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ContentException("Failed to decompress zstd payload: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new ContentException("Failed to decompress zstd payload: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JSON::Zstd(level=" + level + (dictionary == null ? "" : ", dictionary=" + dictionary) + ")";
    }
}
