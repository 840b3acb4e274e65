package dev.ipcm.junit;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;

/** One per-protocol invocation of an {@link IpcmTest} method or class, named {@code [Protocol]}. */
final class ProtocolInvocation implements TestTemplateInvocationContext, ClassTemplateInvocationContext {
    private final Binding binding;

    private ProtocolInvocation(Binding binding) {
        this.binding = binding;
    }

    /** The invocations of an {@link IpcmTest} template: one per selected protocol. */
    static Stream<ProtocolInvocation> all(ExtensionContext context, IpcmTest annotation) {
        Optional<Binding> outer = ExtensionContexts.bound(context);
        if (outer.isPresent()) {
            // A method template inside a class already running per protocol runs once, on that protocol.
            boolean selected = annotation.value().length == 0 || Stream.of(annotation.value())
                    .anyMatch(n -> n.equalsIgnoreCase(outer.get().plan().displayName()));
            return selected ? Stream.of(new ProtocolInvocation(outer.get())) : Stream.empty();
        }
        return Binding.select(annotation.value(), ExtensionContexts.config(context), ExtensionContexts.cache(context))
                .stream().map(ProtocolInvocation::new);
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
        ExtensionContexts.bind(context, binding);
    }
}
