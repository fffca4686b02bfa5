package dev.autograd4j.kernel.simd;

import dev.autograd4j.kernel.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float {@code C = A Bᵀ} for a C with few rows, without packing: the shape of a Linear layer's forward pass on a
 * small batch ({@code x Wᵀ}, W stored [out, in] row-major). Every element of C is then the dot product of two
 * contiguous rows, so 4 rows of A and 2 rows of B are walked together over k, 8 vector accumulators in registers
 * (8 + 6 loads fit AVX2's 16 registers), and reduced once at the end. The blocked path would instead copy all of
 * B, transposed, into its panel layout, which for a batch of 16 cost as much as the product.
 */
final class DotGemm {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** C with at most this many rows takes this path; above it packing B repays itself over the rows. */
    static final int MAX_M = 32;

    private DotGemm() {
    }

    /** True when this path should compute {@code op(A) op(B)}. */
    static boolean fits(boolean transA, boolean transB, int m, int n, int k) {
        return !transA && transB && m > 0 && n > 0 && m <= MAX_M && k >= L;
    }

    /** {@code C = A Bᵀ (+ C)}, A [m, k] with row stride lda, B [n, k] with row stride ldb. */
    static void gemm(int m, int n, int k, float[] a, int ao, int lda, float[] b, int bo, int ldb,
                     float[] c, int co, int ldc, boolean accumulate) {
        if ((long) m * n * k >= Sgemm.PARALLEL && Parallel.getNumThreads() > 1 && n >= 16) {
            Parallel.parallelFor(0, (n + 1) / 2, 1, (p0, p1) ->
                    columns(m, 2 * p0, Math.min(n, 2 * p1), k, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate));
        } else {
            columns(m, 0, n, k, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate);
        }
    }

    /** Columns [j0, j1) of C. Rows of A outermost, so 4 rows of A stay in L1 while B streams past them. */
    private static void columns(int m, int j0, int j1, int k, float[] a, int ao, int lda, float[] b, int bo, int ldb,
                                float[] c, int co, int ldc, boolean accumulate) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int j = j0;
            for (; j + 2 <= j1; j += 2) {
                rows4cols2(k, a, ao + i * lda, lda, b, bo + j * ldb, ldb, c, co + i * ldc + j, ldc, accumulate);
            }
            for (; j < j1; j++) {
                for (int r = 0; r < 4; r++) {
                    put(c, co + (i + r) * ldc + j, Reductions.dot(a, ao + (i + r) * lda, b, bo + j * ldb, k), accumulate);
                }
            }
        }
        for (; i < m; i++) {
            int j = j0;
            for (; j + 2 <= j1; j += 2) {
                rows1cols2(k, a, ao + i * lda, b, bo + j * ldb, ldb, c, co + i * ldc + j, accumulate);
            }
            for (; j < j1; j++) {
                put(c, co + i * ldc + j, Reductions.dot(a, ao + i * lda, b, bo + j * ldb, k), accumulate);
            }
        }
    }

    private static void put(float[] c, int idx, float d, boolean accumulate) {
        c[idx] = accumulate ? c[idx] + d : d;
    }

    /** C[0..4, 0..2) of the block at {@code ci}: rows a0.. (stride lda) dotted with rows b0.. (stride ldb). */
    private static void rows4cols2(int k, float[] a, int a0, int lda, float[] b, int b0, int ldb,
                                   float[] c, int ci, int ldc, boolean accumulate) {
        int a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        int b1 = b0 + ldb;
        FloatVector s00 = FloatVector.zero(F), s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00, s30 = s00, s31 = s00;
        int bound = F.loopBound(k);
        for (int p = 0; p < bound; p += L) {
            FloatVector y0 = FloatVector.fromArray(F, b, b0 + p);
            FloatVector y1 = FloatVector.fromArray(F, b, b1 + p);
            FloatVector x = FloatVector.fromArray(F, a, a0 + p);
            s00 = x.fma(y0, s00);
            s01 = x.fma(y1, s01);
            x = FloatVector.fromArray(F, a, a1 + p);
            s10 = x.fma(y0, s10);
            s11 = x.fma(y1, s11);
            x = FloatVector.fromArray(F, a, a2 + p);
            s20 = x.fma(y0, s20);
            s21 = x.fma(y1, s21);
            x = FloatVector.fromArray(F, a, a3 + p);
            s30 = x.fma(y0, s30);
            s31 = x.fma(y1, s31);
        }
        float d00 = s00.reduceLanes(VectorOperators.ADD), d01 = s01.reduceLanes(VectorOperators.ADD);
        float d10 = s10.reduceLanes(VectorOperators.ADD), d11 = s11.reduceLanes(VectorOperators.ADD);
        float d20 = s20.reduceLanes(VectorOperators.ADD), d21 = s21.reduceLanes(VectorOperators.ADD);
        float d30 = s30.reduceLanes(VectorOperators.ADD), d31 = s31.reduceLanes(VectorOperators.ADD);
        for (int p = bound; p < k; p++) {
            float y0 = b[b0 + p], y1 = b[b1 + p];
            float x0 = a[a0 + p], x1 = a[a1 + p], x2 = a[a2 + p], x3 = a[a3 + p];
            d00 = Math.fma(x0, y0, d00);
            d01 = Math.fma(x0, y1, d01);
            d10 = Math.fma(x1, y0, d10);
            d11 = Math.fma(x1, y1, d11);
            d20 = Math.fma(x2, y0, d20);
            d21 = Math.fma(x2, y1, d21);
            d30 = Math.fma(x3, y0, d30);
            d31 = Math.fma(x3, y1, d31);
        }
        put(c, ci, d00, accumulate);
        put(c, ci + 1, d01, accumulate);
        put(c, ci + ldc, d10, accumulate);
        put(c, ci + ldc + 1, d11, accumulate);
        put(c, ci + 2 * ldc, d20, accumulate);
        put(c, ci + 2 * ldc + 1, d21, accumulate);
        put(c, ci + 3 * ldc, d30, accumulate);
        put(c, ci + 3 * ldc + 1, d31, accumulate);
    }

    /** C[0, 0..2) at {@code ci}: row a0 dotted with rows b0 and b0 + ldb. */
    private static void rows1cols2(int k, float[] a, int a0, float[] b, int b0, int ldb,
                                   float[] c, int ci, boolean accumulate) {
        int b1 = b0 + ldb;
        FloatVector s0 = FloatVector.zero(F), s1 = s0, t0 = s0, t1 = s0;
        int p = 0;
        for (int bound2 = k - 2 * L; p <= bound2; p += 2 * L) {
            FloatVector x = FloatVector.fromArray(F, a, a0 + p);
            s0 = x.fma(FloatVector.fromArray(F, b, b0 + p), s0);
            s1 = x.fma(FloatVector.fromArray(F, b, b1 + p), s1);
            x = FloatVector.fromArray(F, a, a0 + p + L);
            t0 = x.fma(FloatVector.fromArray(F, b, b0 + p + L), t0);
            t1 = x.fma(FloatVector.fromArray(F, b, b1 + p + L), t1);
        }
        for (int bound = F.loopBound(k); p < bound; p += L) {
            FloatVector x = FloatVector.fromArray(F, a, a0 + p);
            s0 = x.fma(FloatVector.fromArray(F, b, b0 + p), s0);
            s1 = x.fma(FloatVector.fromArray(F, b, b1 + p), s1);
        }
        float d0 = s0.add(t0).reduceLanes(VectorOperators.ADD), d1 = s1.add(t1).reduceLanes(VectorOperators.ADD);
        for (; p < k; p++) {
            d0 = Math.fma(a[a0 + p], b[b0 + p], d0);
            d1 = Math.fma(a[a0 + p], b[b1 + p], d1);
        }
        put(c, ci, d0, accumulate);
        put(c, ci + 1, d1, accumulate);
    }
}
