package dev.ipcm.engine;

import org.apiguardian.api.API;

/**
 * The configuration parameters the certification engine reads, each a JUnit Platform
 * configuration parameter (Surefire {@code configurationParameters}, {@code junit-platform.properties},
 * a {@code -D} system property, or the launcher request).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CertifyParameters {
    /**
     * Comma-separated protocols to certify, by any name {@link dev.ipcm.spi.Protocols#byName} accepts
     * ({@code MessageFiles}, {@code +com.example.MyProtocol}), where no {@link IpcmCertification}
     * names them. Default (or {@code *}): every protocol on the class path. Shared with the
     * harness, where it chooses the protocols of {@code @IpcmTest} the same way.
     */
    public static final String PROTOCOLS = "ipcm.protocols";

    /**
     * Comma-separated protocols that must run: when one of them is unavailable, its node fails
     * instead of being skipped. {@code *} means every selected protocol. Default: none.
     */
    public static final String REQUIRED = "ipcm.protocols.required";

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
