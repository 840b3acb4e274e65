package dev.ipcm.bench;

/**
 * How many messages one throughput stream sends, by the kind of store: database stores and
 * JSONFile (whose every operation rewrites one file) stream fewer than the others.
 *
 * @param messages streamed on the socket, pipe and MessageFiles stores
 * @param databaseMessages streamed on database stores
 * @param jsonFileMessages streamed on JSONFile
 */
record StreamCounts(int messages, int databaseMessages, int jsonFileMessages) {
    /** The counts the performance targets are stated for. */
    static final StreamCounts DEFAULTS = new StreamCounts(200_000, 20_000, 2_000);

    /** Streamed messages for a protocol, by the kind of store it is. */
    int forProtocol(String protocol) {
        if (Baselines.isDatabase(protocol)) {
            return databaseMessages;
        }
        return protocol.equals("JSONFile") ? jsonFileMessages : messages;
    }

    /** Unmeasured messages streamed first: a tenth of the stream, at least 100, at most 20,000. */
    static int warmupFor(int streamed) {
        return Math.max(100, Math.min(20_000, streamed / 10));
    }
}
