package dev.ipcm.junit;

import dev.ipcm.Capability;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.PropagationMode;
import org.apiguardian.api.API;

/**
 * The jqwik side of {@link IpcmTest}: a {@code @Property} (or every property of an annotated
 * class) runs once per protocol, and each try gets a fresh {@link dev.ipcm.Store} and connected
 * {@link dev.ipcm.Client}s as parameters, exactly as Jupiter tests do.
 *
 * <p>jqwik does not run Jupiter extensions, so this adapter is a jqwik lifecycle hook. jqwik
 * hooks do not see the launcher's explicit configuration parameters: the {@code ipcm.*} settings
 * are read from system properties and {@code junit-platform.properties}. A failure names its
 * protocol and jqwik prints the seed; {@value IpcmConfiguration#PROPERTY_SEED} replays it and
 * {@value IpcmConfiguration#PROPERTY_TRIES} overrides the tries.
 *
 * <pre>{@code
 * @IpcmProperties
 * class OrderProperties {
 *     @Property(tries = 20)
 *     void arrivesInOrder(@ForAll @Size(max = 50) List<Integer> values, Client alice, Client bob) { ... }
 * }
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@AddLifecycleHook(value = IpcmJqwikHook.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
public @interface IpcmProperties {
    /** Protocol names to run on; empty means {@value IpcmConfiguration#PROTOCOLS} or every protocol. */
    String[] value() default {};

    /** Capabilities a protocol must declare; the others are skipped, and the skip is reported. */
    Capability[] requires() default {};
}
