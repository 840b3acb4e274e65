package dev.ipcm.engine;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/** The root of the certification tree; its children are protocols. */
final class CertifyEngineDescriptor extends EngineDescriptor implements Node<CertifyContext> {
    CertifyEngineDescriptor(UniqueId uniqueId) {
        super(uniqueId, "ipcm certification");
    }
}
