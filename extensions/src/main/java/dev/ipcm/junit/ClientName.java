package dev.ipcm.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * The name under which an injected {@link dev.ipcm.Client} connects. Without it the harness
 * generates a name unique in the JVM ({@code client-7}). Within one test the same name gives the
 * same client, so a {@code @BeforeEach} method and the test can share it.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ClientName {
    /** The client name; it must be valid on every protocol (no {@code /}, no leading {@code .} or {@code _}). */
    String value();
}
