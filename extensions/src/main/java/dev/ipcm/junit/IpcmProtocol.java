package dev.ipcm.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * The protocol of a plain test extended with {@link IpcmExtension} (not {@link IpcmTest}). The
 * nearest annotation wins (method, then class, then enclosing classes); without one the
 * configuration parameter {@value IpcmConfiguration#PROTOCOL} decides, defaulting to LocalMemory.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface IpcmProtocol {
    /** The protocol name, e.g. {@code MessageFiles}. */
    String value();
}
