package dev.autograd4j.kernel.simd;

import java.util.Arrays;

/**
 * GEMM for products too small to repay packing (m*n*k below ~32^3): direct loops whose contiguous inner loops the
 * JIT auto-vectorises, with no buffers and no threads.
 */
final class SmallGemm {

    private SmallGemm() {
    }

    /** {@code C = op(A) op(B) (+ C)} by direct loops. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int ao, int lda, float[] b, int bo, int ldb,
                     float[] c, int co, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ci = co + i * ldc;
            if (!accumulate) {
                Arrays.fill(c, ci, ci + n, 0f);
            }
            if (transB) {
                for (int j = 0; j < n; j++) {
                    int bj = bo + j * ldb;
                    float s = 0f;
                    if (transA) {
                        for (int p = 0; p < k; p++) s += a[ao + p * lda + i] * b[bj + p];
                    } else {
                        int ai = ao + i * lda;
                        for (int p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
                    }
                    c[ci + j] += s;
                }
            } else {
                // Rows of B added into row i of C by explicit vector FMAs: the JIT does not vectorise this loop
                // itself (it cannot rule out that b and c are the same array).
                for (int p = 0; p < k; p++) {
                    float aip = transA ? a[ao + p * lda + i] : a[ao + i * lda + p];
                    SkinnyGemm.axpy(aip, b, bo + p * ldb, c, ci, n);
                }
            }
        }
    }

    /** Double precision {@code C = op(A) op(B) (+ C)} by direct loops. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double[] a, int ao, int lda, double[] b, int bo, int ldb,
                     double[] c, int co, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ci = co + i * ldc;
            if (!accumulate) {
                Arrays.fill(c, ci, ci + n, 0.0);
            }
            if (transB) {
                for (int j = 0; j < n; j++) {
                    int bj = bo + j * ldb;
                    double s = 0.0;
                    for (int p = 0; p < k; p++) {
                        s += (transA ? a[ao + p * lda + i] : a[ao + i * lda + p]) * b[bj + p];
                    }
                    c[ci + j] += s;
                }
            } else {
                for (int p = 0; p < k; p++) {
                    double aip = transA ? a[ao + p * lda + i] : a[ao + i * lda + p];
                    int bp = bo + p * ldb;
                    for (int j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }
}
