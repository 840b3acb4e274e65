package dev.ipcm.engine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Marks a test class that asks the certification engine to certify protocols. Build tools
 * send the test classes they find to every engine, so one empty annotated class in a plugin's
 * test sources is enough for {@code mvn test} to certify the plugin:
 *
 * <pre>{@code
 * @IpcmCertification(protocols = "MyStore")
 * class MyStoreCertificationTest {}
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface IpcmCertification {
    /**
     * The protocols to certify, by name or as {@code +} and a class name; empty means those of the
     * configuration parameter {@value dev.ipcm.junit.IpcmConfiguration#PROTOCOLS}, else every protocol on the
     * class path.
     */
    String[] protocols() default {};
}
