package dev.autograd4j.kernel;

/**
 * Accurate summation helpers shared by the kernel implementations.
 *
 * <pre>{@code double s = Summation.pairwise(x, 0, x.length);}</pre>
 */
public final class Summation {

    /** Below this many elements a plain loop with four accumulators is used; the error grows only as log(n) above. */
    private static final int BLOCK = 256;

    private Summation() {
    }

    /**
     * Pairwise (cascade) sum of {@code a[ao..ao+n)}: error O(log n) ulp instead of O(n), as numpy and PyTorch do.
     *
     * <pre>{@code double s = Summation.pairwise(new double[] {1, 2, 3}, 0, 3); // 6.0}</pre>
     */
    public static double pairwise(double[] a, int ao, int n) {
        if (n <= BLOCK) {
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int i = 0;
            for (; i + 4 <= n; i += 4) {
                s0 += a[ao + i];
                s1 += a[ao + i + 1];
                s2 += a[ao + i + 2];
                s3 += a[ao + i + 3];
            }
            for (; i < n; i++) s0 += a[ao + i];
            return (s0 + s1) + (s2 + s3);
        }
        // Split on a multiple of the block so every leaf runs the unrolled loop in full.
        int half = ((n / 2) + BLOCK - 1) / BLOCK * BLOCK;
        return pairwise(a, ao, half) + pairwise(a, ao + half, n - half);
    }
}
