package dev.ipcm.junit;

import dev.ipcm.Capability;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.ClassTemplate;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test once per ipcm protocol, each invocation named after its protocol ({@code [SQLite]})
 * and given a fresh {@link dev.ipcm.Store}.
 *
 * <p>On a method it is a test template: the method runs once per protocol. On a class it is a
 * class template: the whole class (with its {@code @ParameterizedTest}, {@code @RepeatedTest}
 * and {@code @Nested} members) runs once per protocol. The protocols are those named in
 * {@link #value()}, else the configuration parameter {@value IpcmConfiguration#PROTOCOLS}, else
 * every protocol on the class path. A protocol that cannot run here, or lacks a capability in
 * {@link #requires()}, is skipped with the reason; one listed in
 * {@value IpcmConfiguration#PROTOCOLS_REQUIRED} fails instead.
 *
 * <pre>{@code
 * @IpcmTest
 * void delivers(Store store, @ClientName("alice") Client alice, @ClientName("bob") Client bob) {
 *     alice.send("bob", "hi");
 *     assertThat(bob.awaitMessages(Duration.ofSeconds(5))).hasSize(1);
 * }
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@TestTemplate
@ClassTemplate
@ExtendWith(IpcmExtension.class)
public @interface IpcmTest {
    /** Protocol names to run on; empty means {@value IpcmConfiguration#PROTOCOLS} or every protocol. */
    String[] value() default {};

    /** Capabilities a protocol must declare; the others are skipped with the missing capability named. */
    Capability[] requires() default {};
}
