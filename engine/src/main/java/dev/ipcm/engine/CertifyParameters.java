package dev.ipcm.engine;

import dev.ipcm.junit.IpcmConfiguration;
import org.apiguardian.api.API;

/**
 * The configuration parameters of the certification engine itself, each a JUnit Platform
 * configuration parameter (Surefire {@code configurationParameters}, {@code junit-platform.properties},
 * a {@code -D} system property, or the launcher request).
 *
 * <p>The engine also reads the harness's own settings under their one name: which protocols to
 * certify is {@link IpcmConfiguration#PROTOCOLS} ({@code ipcm.protocols}; default, or {@code *},
 * every protocol on the class path, where no {@link IpcmCertification} names them), and which
 * must run rather than be skipped is {@link IpcmConfiguration#PROTOCOLS_REQUIRED}
 * ({@code ipcm.protocols.required}; {@code *} means every selected protocol).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CertifyParameters {
    /**
     * Comma-separated scenario groups to run (others are left out of the tree). Default: all.
     */
    public static final String GROUPS = "ipcm.certify.groups";

    /**
     * The class of the suite to run, a {@link CertificationSuite} with a public no-argument
     * constructor. Default: the conformance suite of {@code ipcm-conformance}.
     */
    public static final String SUITE = "ipcm.certify.suite";

    /**
     * How long one scenario (one class against one protocol) may run before it fails with the
     * stack of its stuck test: {@code 180s}, {@code 3m}, {@code 500ms}, plain seconds or ISO-8601.
     * Default {@code 180s}, IPC::Manager's scenario timeout.
     */
    public static final String TIMEOUT = "ipcm.certify.timeout";

    /** Tries per jqwik property inside a certification run. Default: jqwik's own ({@code jqwik.tries.default}). */
    public static final String TRIES = "ipcm.certify.tries";

    private CertifyParameters() {}
}
