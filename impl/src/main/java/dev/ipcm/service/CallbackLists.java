package dev.ipcm.service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The callback lists of a {@link Service} by action name ({@code on_start}, {@code on_sig USR1},
 * ...), each made empty on first use. A builder fills one set; the service runs a copy of it.
 */
final class CallbackLists {
    private static final String SIGNAL = "on_sig ";

    private final Map<String, Callbacks<?>> lists = new LinkedHashMap<>();

    /** The list of an action. */
    @SuppressWarnings("unchecked")
    synchronized <T> Callbacks<T> get(String action) {
        return (Callbacks<T>) lists.computeIfAbsent(action, Callbacks::new);
    }

    /** The list of a signal's callbacks (a bare, valid name). */
    <T> Callbacks<T> signal(String name) {
        return get(SIGNAL + name);
    }

    /** The list of a signal's callbacks if one was made, without making one. */
    @SuppressWarnings("unchecked")
    synchronized <T> Optional<Callbacks<T>> findSignal(String name) {
        return Optional.ofNullable((Callbacks<T>) lists.get(SIGNAL + name));
    }

    /** The signals that have callbacks. */
    synchronized Set<String> signals() {
        Set<String> out = new TreeSet<>();
        lists.forEach((action, list) -> {
            if (action.startsWith(SIGNAL) && !list.isEmpty()) {
                out.add(action.substring(SIGNAL.length()));
            }
        });
        return Collections.unmodifiableSet(out);
    }

    /** A copy: the same callbacks in new lists. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    synchronized CallbackLists copy() {
        CallbackLists out = new CallbackLists();
        lists.forEach((action, list) -> out.get(action).pushAll((Callbacks) list));
        return out;
    }
}
