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
 * Carries a factory object to a child JVM as parameter data, the closest Java form of the
 * reference's {@code ipcm_service(name, sub)} (docs/services.md, "Lambdas in a child JVM"): a
 * {@link Serializable} factory (a lambda cast to {@code ServiceFactory & Serializable}) travels
 * serialized, with what it captured; a public named class with a public no-argument constructor
 * travels as its name and is made again there. Anything else is refused before launch.
 */
final class FactoryTransfer {
    /** The parameter holding a serialized factory, Base64. */
    static final String KEY = "factory_object";

    private FactoryTransfer() {}

    /** Writes {@code factory} into the service's parameters, or refuses it with how to write it. */
    static void describe(String service, ServiceFactory factory, ObjectNode params) {
        if (factory == null) {
            throw new ServiceConfigException("factory must not be null");
        }
        Class<?> type = factory.getClass();
        if (factory instanceof Serializable) {
            params.put(KEY, Base64.getEncoder().encodeToString(serialize(service, factory)));
            params.remove("class");
        } else if (remakeable(type)) {
            params.put("class", type.getName());
            params.remove(KEY);
        } else {
            throw new ServiceConfigException("Service '" + service + "': a factory of " + kind(type)
                    + " cannot be made again in a child JVM. Write it as a Serializable lambda, "
                    + "(ServiceFactory & Serializable) params -> ..., capturing only Serializable values; or as a "
                    + "public class with a public no-argument constructor; or run it in a thread with factory(f)");
        }
    }

    /** The factory a {@link #KEY} parameter holds. */
    static ServiceFactory restore(String service, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new ServiceConfigException("Service '" + service + "': '" + KEY + "' is not Base64: " + e.getMessage(), e);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            Object o = in.readObject();
            if (!(o instanceof ServiceFactory)) {
                throw new ServiceConfigException("Service '" + service + "': '" + KEY + "' holds a "
                        + (o == null ? "null" : o.getClass().getName()) + ", not a ServiceFactory");
            }
            return (ServiceFactory) o;
        } catch (IOException | ClassNotFoundException e) {
            throw new ServiceConfigException("Service '" + service + "': its factory cannot be read back (" + e
                    + "); the classes it captured must be on the child JVM's class path", e);
        }
    }

    private static byte[] serialize(String service, ServiceFactory factory) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(factory);
        } catch (IOException e) {
            throw new ServiceConfigException("Service '" + service + "': its Serializable factory captured a value that "
                    + "cannot be serialized (" + e + "); capture only Serializable values, or pass data as "
                    + "parameters with options.param(key, value) and read them from ServiceParams", e);
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
        return "class " + type.getName() + ", which is not public with a public no-argument constructor";
    }
}
