package dev.ipcm.serial;

/**
 * What {@link MessageCodec#encode(dev.ipcm.Message, Encoded)} hands a message's JSON to: a
 * compressor, say, which then needs no copy of its own.
 */
@FunctionalInterface
interface Encoded<R> {
    /** Uses the first {@code length} bytes of {@code buffer}, which stay valid only until it returns. */
    R apply(byte[] buffer, int length);
}
