package dev.ipcm.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apiguardian.api.API;

/**
 * An ordered list of callbacks for one action of a {@link Service}; they run in list order.
 *
 * @param <T> the callback type
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Callbacks<T> {
    private final String action;
    private final List<T> list = new CopyOnWriteArrayList<>();

    Callbacks(String action) {
        this.action = action;
    }

    /** Appends a callback. */
    public Callbacks<T> push(T callback) {
        list.add(check(callback));
        return this;
    }

    /** Prepends a callback. */
    public Callbacks<T> unshift(T callback) {
        list.add(0, check(callback));
        return this;
    }

    /** Removes every occurrence of this exact callback (by identity). */
    public Callbacks<T> remove(T callback) {
        list.removeIf(c -> c == callback);
        return this;
    }

    /** Removes every callback. */
    public Callbacks<T> clear() {
        list.clear();
        return this;
    }

    /** The callbacks in order. */
    public List<T> list() {
        return new ArrayList<>(list);
    }

    /** Whether there are none. */
    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** Calls {@code call} with each callback, in order. */
    void each(Invocation<T> call) throws Exception {
        for (T callback : list) {
            call.invoke(callback);
        }
    }

    /** Appends every callback of {@code other}. */
    void pushAll(Callbacks<T> other) {
        list.addAll(other.list);
    }

    /** One call of a callback by the service. */
    @FunctionalInterface
    interface Invocation<T> {
        void invoke(T callback) throws Exception;
    }

    private T check(T callback) {
        if (callback == null) {
            throw new ServiceConfigException("All '" + action + "' callbacks must be functions, got: null");
        }
        return callback;
    }

    @Override
    public String toString() {
        return action + list;
    }
}
