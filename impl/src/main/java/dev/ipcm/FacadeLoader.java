package dev.ipcm;

/**
 * Finds the implementation of a facade by its fixed class name at run time, so that this
 * package never imports the packages that implement it (they import this one): the API stays
 * on top and the arrows between packages run one way (docs/architecture.md, "The house, drawn").
 */
final class FacadeLoader {
    private FacadeLoader() {}

    static <T> T load(Class<T> facade, String implementation) {
        try {
            Class<?> type = Class.forName(implementation, true, facade.getClassLoader());
            return facade.cast(type.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            throw new IpcmException("The ipcm library is incomplete: " + implementation + " (the implementation of "
                    + facade.getName() + ") cannot be loaded (" + e + "); put the whole ipcm jar on the class path", e);
        }
    }
}
