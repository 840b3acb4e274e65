package dev.ipcm.junit;

import java.util.List;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;

/** One per-protocol invocation of an {@link IpcmTest} method or class, named {@code [Protocol]}. */
final class ProtocolInvocation implements TestTemplateInvocationContext, ClassTemplateInvocationContext {
    private final Binding binding;

    ProtocolInvocation(Binding binding) {
        this.binding = binding;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return binding.label();
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of(); // IpcmExtension itself is registered by @IpcmTest; the binding travels in the store
    }

    @Override
    public void prepareInvocation(ExtensionContext context) {
        context.getStore(IpcmExtension.NAMESPACE).put(IpcmExtension.BINDING, binding);
    }
}
