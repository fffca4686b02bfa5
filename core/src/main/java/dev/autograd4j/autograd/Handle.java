package dev.autograd4j.autograd;

/**
 * What registering a hook returns: {@code remove()} unregisters it.
 *
 * <pre>{@code Handle h = x.registerHook(g -> g.mul(2)); h.remove();}</pre>
 */
@FunctionalInterface
public interface Handle extends AutoCloseable {
    /** Unregisters the hook; calling it twice is harmless. */
    void remove();

    /** Same as {@link #remove()}, so a hook can live for a try-with-resources block. */
    @Override
    default void close() { remove(); }
}
