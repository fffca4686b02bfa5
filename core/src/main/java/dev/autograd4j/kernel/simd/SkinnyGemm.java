package dev.autograd4j.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float GEMM where C has only a few rows or a few columns (vector-matrix and matrix-vector products, e.g. a Linear
 * layer on a batch of one). Packing would copy all of the big operand to use it once, costing as much as the
 * product, so these shapes are computed directly as vector dot products and axpys over contiguous runs.
 */
final class SkinnyGemm {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** C with at most this many rows (or columns) takes this path. */
    static final int MAX_SIDE = 4;

    private SkinnyGemm() {
    }

    /** True when this path should compute the product. */
    static boolean fits(int m, int n) {
        return m <= MAX_SIDE || n <= MAX_SIDE;
    }

    /** {@code C = op(A) op(B) (+ C)} for a C with few rows or few columns. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int ao, int lda, float[] b, int bo, int ldb,
                     float[] c, int co, int ldc, boolean accumulate) {
        if (m <= n) {
            fewRows(transA, transB, m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate);
        } else {
            fewColumns(transA, transB, m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate);
        }
    }

    private static void fewRows(boolean transA, boolean transB, int m, int n, int k,
                                float[] a, int ao, int lda, float[] b, int bo, int ldb,
                                float[] c, int co, int ldc, boolean accumulate) {
        float[] row = new float[k];
        float[] acc = transB ? null : new float[n];
        for (int i = 0; i < m; i++) {
            // Row i of op(A), made contiguous.
            for (int p = 0; p < k; p++) row[p] = transA ? a[ao + p * lda + i] : a[ao + i * lda + p];
            int ci = co + i * ldc;
            if (transB) {
                // op(B) column j is stored row j of b: a contiguous dot product.
                for (int j = 0; j < n; j++) {
                    float d = Reductions.dot(row, 0, b, bo + j * ldb, k);
                    c[ci + j] = accumulate ? c[ci + j] + d : d;
                }
            } else {
                java.util.Arrays.fill(acc, 0f);
                for (int p = 0; p < k; p++) axpy(row[p], b, bo + p * ldb, acc, 0, n);
                for (int j = 0; j < n; j++) c[ci + j] = accumulate ? c[ci + j] + acc[j] : acc[j];
            }
        }
    }

    private static void fewColumns(boolean transA, boolean transB, int m, int n, int k,
                                   float[] a, int ao, int lda, float[] b, int bo, int ldb,
                                   float[] c, int co, int ldc, boolean accumulate) {
        float[] col = new float[k];
        float[] acc = transA ? new float[m] : null;
        for (int j = 0; j < n; j++) {
            // Column j of op(B), made contiguous.
            for (int p = 0; p < k; p++) col[p] = transB ? b[bo + j * ldb + p] : b[bo + p * ldb + j];
            if (transA) {
                // op(A) column p is stored row p of a: accumulate col[p] * that row into column j of C.
                java.util.Arrays.fill(acc, 0f);
                for (int p = 0; p < k; p++) axpy(col[p], a, ao + p * lda, acc, 0, m);
                for (int i = 0; i < m; i++) {
                    int idx = co + i * ldc + j;
                    c[idx] = accumulate ? c[idx] + acc[i] : acc[i];
                }
            } else {
                for (int i = 0; i < m; i++) {
                    float d = Reductions.dot(a, ao + i * lda, col, 0, k);
                    int idx = co + i * ldc + j;
                    c[idx] = accumulate ? c[idx] + d : d;
                }
            }
        }
    }

    /** {@code y[yo..yo+n) += alpha * x[xo..xo+n)} with fused multiply-adds. */
    static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector av = FloatVector.broadcast(F, alpha);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector.fromArray(F, x, xo + i).fma(av, FloatVector.fromArray(F, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) y[yo + i] = Math.fma(alpha, x[xo + i], y[yo + i]);
    }
}
