package dev.ipcm.junit;

import dev.ipcm.Capability;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Skips a test, with the reason, on a protocol that does not declare every listed capability.
 * Works on methods and classes under {@link IpcmTest} or {@link IpcmExtension}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RequiresCapability {
    /** The capabilities the test needs. */
    Capability[] value();
}
