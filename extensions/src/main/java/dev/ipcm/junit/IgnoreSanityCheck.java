package dev.ipcm.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Turns off the clean-up check that every message sent was received, for a test that leaves
 * messages unread on purpose (and usually asserts {@link dev.ipcm.Store#sanityDelta} itself).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface IgnoreSanityCheck {
    /** Why the test leaves messages unread. */
    String value();
}
