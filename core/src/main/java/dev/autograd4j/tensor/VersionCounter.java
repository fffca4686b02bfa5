package dev.autograd4j.tensor;

/**
 * Counts in-place modifications of the data a group of tensors shares (a base, its views, its detach()es).
 *
 * <p>NOTE [Version counter]: saved tensors remember the version they saw; the engine compares it with the
 * current one at backward time and refuses to use data that was modified in place in between.
 */
public final class VersionCounter {
    private volatile int version;

    /** The current version, 0 for fresh data. */
    public int get() { return version; }

    /** Records one in-place modification. */
    public void bump() { version++; }
}
