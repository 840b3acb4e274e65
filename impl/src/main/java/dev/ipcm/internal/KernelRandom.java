package dev.ipcm.internal;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;

/**
 * Cryptographically strong random bytes read straight from the kernel's generator.
 *
 * <p>The JDK's default {@link SecureRandom} on Linux (NativePRNG) reads the same kernel
 * generator and then mixes every byte with SHA1PRNG output; profiled on a message stream, that
 * mixing cost about 140 ns per message id. The kernel's output needs no mixing to be
 * unguessable, so ids read it directly, a few kilobytes per call. A stream, not a channel:
 * an interrupted thread would close a shared {@code FileChannel} for every other thread.
 * Where {@code /dev/urandom} cannot be read, {@link SecureRandom} serves instead.
 */
final class KernelRandom {
    private static final InputStream URANDOM = open();
    private static final SecureRandom FALLBACK = new SecureRandom();

    private KernelRandom() {}

    private static InputStream open() {
        try {
            return new FileInputStream("/dev/urandom");
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** Fills {@code into} with random bytes. */
    static void fill(byte[] into) {
        if (URANDOM != null) {
            try {
                if (URANDOM.readNBytes(into, 0, into.length) == into.length) {
                    return;
                }
            } catch (IOException e) {
                // An unreadable device is not a reason to fail a send: the JDK's generator still works.
            }
        }
        FALLBACK.nextBytes(into);
    }
}
