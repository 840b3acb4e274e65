package dev.ipcm.conformance;

import dev.ipcm.Message;
import dev.ipcm.serial.Serializer;

/** Contents of a chosen serialized size, for the scenarios that probe a protocol's size limit. */
final class MessageSizes {
    /** Room for the envelope and the JSON around a string, under a protocol's byte limit. */
    static final int ENVELOPE_ALLOWANCE = 1024;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private MessageSizes() {}

    /**
     * Text of {@code length} characters that needs no JSON escape and does not repeat in short
     * runs, so a compressing serializer cannot shrink it much and a cut is visible anywhere.
     */
    static String text(int length) {
        StringBuilder s = new StringBuilder(length);
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            s.append(ALPHABET.charAt((int) Math.floorMod(x, (long) ALPHABET.length())));
        }
        return s.toString();
    }

    /** The longest text whose whole message from {@code from} to {@code to} serializes to at most {@code limit} bytes. */
    static String textFilling(Serializer serializer, String from, String to, int limit) {
        int lo = 0;
        int hi = limit;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (size(serializer, from, to, text(mid)) <= limit) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return text(lo);
    }

    static int size(Serializer serializer, String from, String to, String content) {
        return serializer.serializeMessage(Message.builder(from).to(to).content(content).build()).length;
    }
}
