package dev.ipcm.serial;

/**
 * The byte-level reader's refusal: the input is not the plain JSON it takes, and the next tier
 * ({@link EnvelopeReader}) reads it. Thrown often on odd input, so it has no stack.
 */
final class NotMine extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The one instance: a refusal carries nothing, so none is made per refusal. */
    static final NotMine INSTANCE = new NotMine();

    private NotMine() {
        super(null, null, false, false);
    }
}
