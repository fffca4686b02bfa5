package dev.autograd4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Both gemm implementations against a naive triple loop in double: every transpose combination, awkward and
 * non-square shapes (across the small-matrix, blocked, multi-block and multi-threaded paths), leading dimensions
 * longer than the rows, non-zero offsets, accumulate on and off, and untouched padding around C.
 */
@Tag("kernels")
class GemmTest {

    /** {m, n, k}. */
    static final int[][] SHAPES = {
        {1, 1, 1}, {1, 7, 17}, {7, 1, 33}, {17, 33, 7}, {33, 17, 65}, {65, 129, 33}, {257, 33, 17},
        {300, 40, 20}, {8, 4100, 3}, {129, 257, 65}, {3, 5, 0},
        // Past the float kernel's block sizes (KC=1024, MC=96) on one thread, and both two-thread splits.
        {9, 33, 1100}, {129, 65, 33}, {70, 20, 1030}, {40, 300, 100},
        // Vector-matrix and matrix-vector products (the skinny path).
        {1, 300, 200}, {4, 129, 77}, {300, 1, 200}, {129, 3, 100},
        // Few rows times a transposed B without packing (a Linear layer on a small batch), odd rows and columns.
        {16, 101, 1000}, {31, 67, 45}, {6, 9, 8},
    };
    static final int PAD = 3, AO = 5, BO = 2, CO = 7;
    static final float SENTINEL = -12345f;

    /** The scalar gemm has one code path for every size, so the smaller shapes cover it. */
    @Test
    void scalarGemmMatchesNaiveLoop() {
        check(new ScalarKernels(), 1 << 20);
    }

    @Test
    void pickedGemmMatchesNaiveLoop() {
        assumeTrue(KernelProvider.simdEnabled(), "the scalar kernels are checked above");
        check(KernelProvider.kernels(), Long.MAX_VALUE);
    }

    @Test
    void pickedGemmMatchesOnOneThread() {
        assumeTrue(KernelProvider.simdEnabled(), "the scalar kernels are checked above");
        int saved = Parallel.getNumThreads();
        try {
            Parallel.setNumThreads(1);
            check(KernelProvider.kernels(), 1 << 20); // still past KC and MC, see the last shapes
        } finally {
            Parallel.setNumThreads(saved);
        }
    }

    private static void check(Kernels k, long maxWork) {
        Random r = new Random(42);
        for (int[] s : SHAPES) {
            if ((long) s[0] * s[1] * s[2] > maxWork) {
                continue;
            }
            for (int t = 0; t < 4; t++) {
                for (boolean acc : new boolean[] {false, true}) {
                    checkFloat(k, r, s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0, acc);
                    checkDouble(k, r, s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0, acc);
                }
            }
        }
    }

    private static void checkFloat(Kernels k, Random r, int m, int n, int kk, boolean ta, boolean tb, boolean acc) {
        int aRows = ta ? kk : m, aCols = ta ? m : kk, lda = aCols + PAD;
        int bRows = tb ? n : kk, bCols = tb ? kk : n, ldb = bCols + PAD;
        int ldc = n + PAD;
        float[] a = new float[AO + aRows * lda];
        float[] b = new float[BO + bRows * ldb];
        float[] c = new float[CO + m * ldc];
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
        java.util.Arrays.fill(c, SENTINEL);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) c[CO + i * ldc + j] = acc ? (float) r.nextGaussian() : Float.NaN;
        }
        float[] c0 = c.clone();
        k.gemm(ta, tb, m, n, kk, a, AO, lda, b, BO, ldb, c, CO, ldc, acc);
        String what = k.name() + " float m=" + m + " n=" + n + " k=" + kk + " tA=" + ta + " tB=" + tb + " acc=" + acc;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double want = acc ? c0[CO + i * ldc + j] : 0.0;
                double mag = Math.abs(want);
                for (int p = 0; p < kk; p++) {
                    double x = ta ? a[AO + p * lda + i] : a[AO + i * lda + p];
                    double y = tb ? b[BO + j * ldb + p] : b[BO + p * ldb + j];
                    want += x * y;
                    mag += Math.abs(x * y);
                }
                double got = c[CO + i * ldc + j];
                if (!(Math.abs(got - want) <= (kk + 2) * 1.2e-7 * mag)) {
                    fail(what + " at (" + i + "," + j + "): want " + want + " got " + got);
                }
            }
        }
        assertPaddingUntouched(what, c, m, n, ldc);
    }

    private static void assertPaddingUntouched(String what, float[] c, int m, int n, int ldc) {
        for (int idx = 0; idx < c.length; idx++) {
            int rel = idx - CO;
            boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
            if (!inside) {
                assertEquals(SENTINEL, c[idx], what + ": wrote outside C at " + idx);
            }
        }
    }

    private static void checkDouble(Kernels k, Random r, int m, int n, int kk, boolean ta, boolean tb, boolean acc) {
        int aRows = ta ? kk : m, aCols = ta ? m : kk, lda = aCols + PAD;
        int bRows = tb ? n : kk, bCols = tb ? kk : n, ldb = bCols + PAD;
        int ldc = n + PAD;
        double[] a = new double[AO + aRows * lda];
        double[] b = new double[BO + bRows * ldb];
        double[] c = new double[CO + m * ldc];
        for (int i = 0; i < a.length; i++) a[i] = r.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = r.nextGaussian();
        java.util.Arrays.fill(c, SENTINEL);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) c[CO + i * ldc + j] = acc ? r.nextGaussian() : Double.NaN;
        }
        double[] c0 = c.clone();
        k.gemm(ta, tb, m, n, kk, a, AO, lda, b, BO, ldb, c, CO, ldc, acc);
        String what = k.name() + " double m=" + m + " n=" + n + " k=" + kk + " tA=" + ta + " tB=" + tb + " acc=" + acc;
        for (int idx = 0; idx < c.length; idx++) {
            int rel = idx - CO;
            int i = rel / ldc, j = rel % ldc;
            if (rel < 0 || i >= m || j >= n) {
                assertEquals(SENTINEL, c[idx], what + ": wrote outside C at " + idx);
                continue;
            }
            double want = acc ? c0[idx] : 0.0;
            double mag = Math.abs(want);
            for (int p = 0; p < kk; p++) {
                double x = ta ? a[AO + p * lda + i] : a[AO + i * lda + p];
                double y = tb ? b[BO + j * ldb + p] : b[BO + p * ldb + j];
                want += x * y;
                mag += Math.abs(x * y);
            }
            if (!(Math.abs(c[idx] - want) <= (kk + 2) * 2.3e-16 * mag)) {
                fail(what + " at (" + i + "," + j + "): want " + want + " got " + c[idx]);
            }
        }
    }
}
