package dev.autograd4j.kernel.simd;

import static dev.autograd4j.kernel.simd.SgemmMicrokernel.MR;
import static dev.autograd4j.kernel.simd.SgemmMicrokernel.NR;

import java.util.Arrays;

/**
 * Copies blocks of A and B into the sliver layout the microkernel streams: the transposition of either operand is
 * absorbed here, so the kernel only ever sees one layout and no transposed copy of a whole matrix is made.
 */
final class SgemmPacking {

    private SgemmPacking() {
    }

    /**
     * Packs {@code op(A)[i0..i0+mc, p0..p0+kc)} as slivers of MR rows: sliver s holds, for each step p, the MR values
     * {@code op(A)[i0+s*MR+r, p0+p]}; rows past {@code mc} are zero.
     */
    static void packA(boolean transA, float[] a, int ao, int lda, int i0, int mc, int p0, int kc, float[] dst) {
        int d = 0;
        for (int s = 0; s < mc; s += MR) {
            int rows = Math.min(MR, mc - s);
            if (rows < MR) {
                Arrays.fill(dst, d, d + kc * MR, 0f);
            }
            if (transA) {
                // op(A)[i, p] = a[p*lda + i]: each step reads MR neighbours of one stored row.
                for (int p = 0; p < kc; p++) {
                    int src = ao + (p0 + p) * lda + i0 + s;
                    int dp = d + p * MR;
                    for (int r = 0; r < rows; r++) dst[dp + r] = a[src + r];
                }
            } else {
                // op(A)[i, p] = a[i*lda + p]: read each stored row contiguously, write with stride MR.
                for (int r = 0; r < rows; r++) {
                    int src = ao + (i0 + s + r) * lda + p0;
                    for (int p = 0; p < kc; p++) dst[d + p * MR + r] = a[src + p];
                }
            }
            d += kc * MR;
        }
    }

    /**
     * Packs {@code op(B)[p0..p0+kc, j0..j0+nc)} as slivers of NR columns: sliver s holds, for each step p, the NR
     * values {@code op(B)[p0+p, j0+s*NR+j]}; columns past {@code nc} are zero.
     */
    static void packB(boolean transB, float[] b, int bo, int ldb, int p0, int kc, int j0, int nc, float[] dst) {
        int d = 0;
        for (int s = 0; s < nc; s += NR) {
            int cols = Math.min(NR, nc - s);
            if (cols < NR) {
                Arrays.fill(dst, d, d + kc * NR, 0f);
            }
            if (transB) {
                // op(B)[p, j] = b[j*ldb + p]: read each stored row contiguously, write with stride NR.
                for (int j = 0; j < cols; j++) {
                    int src = bo + (j0 + s + j) * ldb + p0;
                    for (int p = 0; p < kc; p++) dst[d + p * NR + j] = b[src + p];
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(b, bo + (p0 + p) * ldb + j0 + s, dst, d + p * NR, cols);
                }
            }
            d += kc * NR;
        }
    }
}
