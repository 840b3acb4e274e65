package dev.ipcm.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Modifier;
import java.util.Base64;

/**
 * Carries a factory or worker task object to a child JVM as parameter data, the closest Java
 * form of the reference's {@code ipcm_service(name, sub)} and {@code ipcm_worker(name, sub)}
 * (docs/services.md, "Lambdas in a child JVM"): a {@link Serializable} object (a lambda cast to
 * {@code ServiceFactory & Serializable}) travels serialized, with what it captured; a public
 * named class with a public no-argument constructor travels as its name and is made again
 * there. Anything else is refused before launch.
 */
final class ObjectTransfer {
    /** The parameter holding a serialized object, Base64. */
    static final String KEY = "factory_object";

    private ObjectTransfer() {}

    /**
     * Writes {@code object} into {@code spec}: serialized under {@link #KEY}, or its class name
     * under {@code classKey}; refuses it, saying how to write it, when neither works.
     *
     * @param what the service or worker, for messages: {@code Service 'x'}
     */
    static void describe(String what, Object object, ObjectNode spec, String classKey, String lambdaType) {
        if (object == null) {
            throw new ServiceConfigException(what + ": the object must not be null");
        }
        Class<?> type = object.getClass();
        if (object instanceof Serializable) {
            spec.put(KEY, Base64.getEncoder().encodeToString(serialize(what, object)));
            spec.remove(classKey);
        } else if (remakeable(type)) {
            spec.put(classKey, type.getName());
            spec.remove(KEY);
        } else {
            throw new ServiceConfigException(what + ": " + kind(type) + " cannot be made again in a child JVM. "
                    + "Write it as a Serializable lambda, (" + lambdaType + " & Serializable) params -> ..., capturing "
                    + "only Serializable values; or as a public class with a public no-argument constructor; or run it "
                    + "in a thread");
        }
    }

    /** The object a {@link #KEY} value holds, which must be a {@code type}. */
    static <T> T restore(String what, String base64, Class<T> type) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new ServiceConfigException(what + ": '" + KEY + "' is not Base64: " + e.getMessage(), e);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            Object o = in.readObject();
            if (!type.isInstance(o)) {
                throw new ServiceConfigException(what + ": '" + KEY + "' holds a "
                        + (o == null ? "null" : o.getClass().getName()) + ", not a " + type.getSimpleName());
            }
            return type.cast(o);
        } catch (IOException | ClassNotFoundException e) {
            throw new ServiceConfigException(what + ": its object cannot be read back (" + e
                    + "); the classes it captured must be on the child JVM's class path", e);
        }
    }

    private static byte[] serialize(String what, Object object) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw new ServiceConfigException(what + ": its Serializable object captured a value that cannot be "
                    + "serialized (" + e + "); capture only Serializable values, or pass data as parameters", e);
        }
        return bytes.toByteArray();
    }

    private static boolean remakeable(Class<?> type) {
        if (type.isHidden() || type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()
                || !Modifier.isPublic(type.getModifiers())
                || (type.isMemberClass() && !Modifier.isStatic(type.getModifiers()))) {
            return false;
        }
        try {
            return Modifier.isPublic(type.getConstructor().getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static String kind(Class<?> type) {
        if (type.isHidden() || type.isSynthetic()) {
            return "a lambda that is not Serializable";
        }
        if (type.isAnonymousClass() || type.isLocalClass()) {
            return "an anonymous or local class (" + type.getName() + ")";
        }
        return "class " + type.getName() + ", which is not public with a public no-argument constructor,";
    }
}
