package dev.ipcm.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.IOException;
import java.math.BigDecimal;

/** A generator that writes every {@link BigDecimal} as {@link PerlNumbers#text} has it. */
final class PerlNumberGenerator extends JsonGeneratorDelegate {
    PerlNumberGenerator(JsonGenerator delegate) {
        super(delegate, false);
    }

    @Override
    public void writeNumber(BigDecimal v) throws IOException {
        if (v == null) {
            delegate.writeNull();
        } else {
            delegate.writeNumber(PerlNumbers.text(v));
        }
    }
}
