package dev.ipcm.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The first place where a received JSON value differs from the one sent, in a line a person can
 * read: numbers compare by value (so {@code 1.50} and {@code 1.5} are the same number, but one
 * digit lost is a difference), strings character for character, and long values are shown cut
 * around the difference instead of dumped whole.
 */
final class JsonDiff {
    private static final int EXCERPT = 24;

    private JsonDiff() {}

    /** Empty when {@code got} is exactly {@code sent}; else where and how they differ. */
    static Optional<String> between(JsonNode sent, JsonNode got) {
        return at("$", sent, got);
    }

    private static Optional<String> at(String path, JsonNode sent, JsonNode got) {
        if (got == null || sent.getNodeType() != got.getNodeType()) {
            return Optional.of(path + ": sent a " + kind(sent) + " " + excerpt(sent) + ", got "
                    + (got == null ? "nothing" : "a " + kind(got) + " " + excerpt(got)));
        }
        if (sent.isNumber()) {
            return sent.decimalValue().compareTo(got.decimalValue()) == 0 ? Optional.empty()
                    : Optional.of(path + ": sent the number " + excerpt(sent) + ", got " + excerpt(got));
        }
        if (sent.isTextual()) {
            return texts(path, sent.textValue(), got.textValue());
        }
        if (sent.isArray()) {
            if (sent.size() != got.size()) {
                return Optional.of(path + ": sent an array of " + sent.size() + " elements, got " + got.size());
            }
            for (int i = 0; i < sent.size(); i++) {
                Optional<String> d = at(path + "[" + i + "]", sent.get(i), got.get(i));
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        if (sent.isObject()) {
            return objects(path, sent, got);
        }
        return sent.equals(got) ? Optional.empty() : Optional.of(path + ": sent " + sent + ", got " + got);
    }

    private static Optional<String> objects(String path, JsonNode sent, JsonNode got) {
        TreeSet<String> sentKeys = new TreeSet<>();
        sent.fieldNames().forEachRemaining(sentKeys::add);
        TreeSet<String> gotKeys = new TreeSet<>();
        got.fieldNames().forEachRemaining(gotKeys::add);
        if (!sentKeys.equals(gotKeys)) {
            TreeSet<String> missing = new TreeSet<>(sentKeys);
            missing.removeAll(gotKeys);
            gotKeys.removeAll(sentKeys);
            return Optional.of(path + ": keys missing " + missing + ", keys added " + gotKeys);
        }
        for (Map.Entry<String, JsonNode> e : sent.properties()) {
            Optional<String> d = at(path + "." + e.getKey(), e.getValue(), got.get(e.getKey()));
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> texts(String path, String sent, String got) {
        if (sent.equals(got)) {
            return Optional.empty();
        }
        int i = 0;
        while (i < sent.length() && i < got.length() && sent.charAt(i) == got.charAt(i)) {
            i++;
        }
        return Optional.of(path + ": strings differ at char " + i + " (sent " + sent.length() + " chars, got "
                + got.length() + "): sent ..." + around(sent, i) + "..., got ..." + around(got, i) + "...");
    }

    private static String around(String s, int i) {
        int from = Math.max(0, i - EXCERPT / 2);
        return escape(s.substring(from, Math.min(s.length(), from + EXCERPT)));
    }

    /** The text with every character outside printable ASCII spelled as its code point. */
    static String escape(String s) {
        if (s == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(cp -> out.append(cp < 0x20 || cp > 0x7e ? String.format("\\u{%x}", cp) : Character.toString(cp)));
        return out.toString();
    }

    private static String excerpt(JsonNode node) {
        String text = node.toString();
        return text.length() <= 2 * EXCERPT ? escape(text)
                : escape(text.substring(0, EXCERPT)) + "...(" + text.length() + " chars)";
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
