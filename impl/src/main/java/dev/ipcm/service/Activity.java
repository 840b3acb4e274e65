package dev.ipcm.service;

import dev.ipcm.Message;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What one wait of the service loop found: a live map from activity kind to its data, holding
 * only the kinds that occurred. The loop consumes (removes) each kind as it dispatches it, so
 * an {@code onAll} callback that removes a key prevents its default dispatch, and a key it adds
 * reaches {@code onUnhandled}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Activity {
    /** Non-worker child processes that exited: {@code Map<Long, Integer>} pid to raw wait status. */
    public static final String PIDS = "pids";
    /** Messages received, in arrival order: {@code List<Message>}. */
    public static final String MESSAGES = "messages";
    /** The termination value changed during the wait: {@code Map<String, Integer>} with key {@code value}. */
    public static final String TERMINATED = "terminated";
    /** Trapped signals since last handled: {@code Map<String, Integer>} name to count. */
    public static final String SIGS = "sigs";
    /** Peers that arrived (+1) or left (-1): {@code Map<String, Integer>}. */
    public static final String PEER_DELTA = "peer_delta";
    /** At least one interval has passed: {@code Boolean.TRUE}. */
    public static final String INTERVAL = "interval";
    /** A watched pid is no longer running: {@code Boolean.TRUE}. */
    public static final String PID_WATCH = "pid_watch";

    private final Map<String, Object> entries = new LinkedHashMap<>();

    /** An empty activity map. */
    public Activity() {}

    /** Whether a kind is present. */
    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The data of a kind, or null. */
    public Object get(String key) {
        return entries.get(key);
    }

    /** Adds or replaces a kind. */
    public Activity put(String key, Object value) {
        entries.put(key, value);
        return this;
    }

    /** Removes a kind and returns its data, or null. */
    public Object remove(String key) {
        return entries.remove(key);
    }

    /** The kinds present, in insertion order. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    /** Whether no kind is present. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The messages, or an empty list. */
    @SuppressWarnings("unchecked")
    public List<Message> messages() {
        Object v = entries.get(MESSAGES);
        return v == null ? List.of() : (List<Message>) v;
    }

    /** The exited children, or an empty map. */
    @SuppressWarnings("unchecked")
    public Map<Long, Integer> pids() {
        Object v = entries.get(PIDS);
        return v == null ? Map.of() : (Map<Long, Integer>) v;
    }

    /** The signal counts, or an empty map. */
    @SuppressWarnings("unchecked")
    public Map<String, Integer> sigs() {
        Object v = entries.get(SIGS);
        return v == null ? Map.of() : (Map<String, Integer>) v;
    }

    /** The peer delta, or an empty map. */
    @SuppressWarnings("unchecked")
    public Map<String, Integer> peerDelta() {
        Object v = entries.get(PEER_DELTA);
        return v == null ? Map.of() : (Map<String, Integer>) v;
    }

    /** Whether the interval kind is present. */
    public boolean interval() {
        return entries.containsKey(INTERVAL);
    }

    /** Whether the watched-pid kind is present. */
    public boolean pidWatch() {
        return entries.containsKey(PID_WATCH);
    }

    /** Whether only the interval kind is present (a quiet pass). */
    public boolean isOnlyInterval() {
        return entries.size() == 1 && interval();
    }

    @Override
    public String toString() {
        return "Activity" + entries;
    }
}
