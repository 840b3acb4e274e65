package dev.ipcm.engine;

import dev.ipcm.junit.IpcmConfiguration;
import dev.ipcm.spi.Availability;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * One protocol under certification. An unavailable protocol is skipped with its reason and
 * remedy, or fails when the configuration marks it required. Its source is the class that asked
 * for it: the {@link IpcmCertification} class when one did, so build tools file the results under
 * the test class the user wrote (Surefire 3.6.1 runs a scanned class only when the tree names it
 * as a source), else the plugin class.
 */
final class ProtocolDescriptor extends AbstractTestDescriptor implements Node<CertifyContext> {
    private final CertifiedProtocol protocol;
    private final boolean required;

    ProtocolDescriptor(UniqueId uniqueId, CertifiedProtocol protocol, boolean required, Class<?> askedBy) {
        super(uniqueId, protocol.name(), ClassSource.from(askedBy));
        this.protocol = protocol;
        this.required = required;
    }

    CertifiedProtocol protocol() {
        return protocol;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public SkipResult shouldBeSkipped(CertifyContext context) {
        Availability a = availability();
        if (a.isAvailable() || required) {
            return SkipResult.doNotSkip();
        }
        return SkipResult.skip(unavailable(a));
    }

    @Override
    public CertifyContext before(CertifyContext context) {
        Availability a = availability();
        if (!a.isAvailable()) {
            throw new IllegalStateException(unavailable(a) + "; it is listed in " + IpcmConfiguration.PROTOCOLS_REQUIRED
                    + ", so this fails instead of being skipped");
        }
        return context;
    }

    private Availability availability() {
        try {
            return protocol.protocol().availability();
        } catch (RuntimeException | LinkageError e) {
            // The contract says availability() never throws; a plugin that does is unavailable, with the cause shown.
            return Availability.unavailable("availability() threw " + e, "fix the plugin's availability check");
        }
    }

    private String unavailable(Availability a) {
        return "protocol " + protocol.name() + " is unavailable: " + a.reason()
                + (a.remedy().isEmpty() ? "" : " (" + a.remedy() + ")");
    }
}
