package dev.ipcm.conformance;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * The stable name of one conformance scenario (a test or property method). Names follow
 * IPC::Manager's test suite where a scenario comes from it ({@code generic},
 * {@code peer_active}, {@code suspend_and_reconnect}, ...), so reports line up with the Perl suite.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ScenarioName {
    /** The scenario's name, unique within its group. */
    String value();
}
