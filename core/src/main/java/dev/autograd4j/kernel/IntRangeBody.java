package dev.autograd4j.kernel;

/**
 * A piece of loop work over the half-open index range {@code [from, to)}, run by {@link Parallel#parallelFor}.
 *
 * <pre>{@code Parallel.parallelFor(0, n, 4096, (from, to) -> { for (int i = from; i < to; i++) out[i] = 0; });}</pre>
 */
@FunctionalInterface
public interface IntRangeBody {

    /** Runs the body for every index in {@code [from, to)}. */
    void run(int from, int to);
}
