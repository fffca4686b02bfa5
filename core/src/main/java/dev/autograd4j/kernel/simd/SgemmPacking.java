package dev.autograd4j.kernel.simd;

import static dev.autograd4j.kernel.simd.SgemmMicrokernel.F;
import static dev.autograd4j.kernel.simd.SgemmMicrokernel.L;
import static dev.autograd4j.kernel.simd.SgemmMicrokernel.MR;
import static dev.autograd4j.kernel.simd.SgemmMicrokernel.NR;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Copies blocks of A and B into the sliver layout the microkernel streams: the transposition of either operand is
 * absorbed here, so the kernel only ever sees one layout and no transposed copy of a whole matrix is made.
 *
 * <p>Contiguous runs of full slivers (B as stored, A transposed) move as whole vectors: element loops cost a few
 * cycles per float, and packing A^T that way took almost half as long as a whole 256^3 product. Strided runs
 * (A as stored, B transposed) remain element loops; packing A costs ~15% of a 256^3 product, ~2% at 2048.
 */
final class SgemmPacking {

    /** One MR-float step of an A sliver. */
    private static final VectorSpecies<Float> SA = MR == 4 ? FloatVector.SPECIES_128 : FloatVector.SPECIES_256;
    /** MR-lane copies only where vectors that wide are native (not emulated). */
    private static final boolean VECTOR_A = MR == SA.length() && F.vectorBitSize() >= SA.vectorBitSize();

    /** Steps of a transposed B sliver packed at a time (see packB). */
    private static final int CHUNK = 64;

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
            boolean vector = rows == MR && VECTOR_A;
            if (transA) {
                // op(A)[i, p] = a[p*lda + i]: each step is MR neighbours of one stored row.
                for (int p = 0; p < kc; p++) {
                    int src = ao + (p0 + p) * lda + i0 + s;
                    int dp = d + p * MR;
                    if (vector) {
                        FloatVector.fromArray(SA, a, src).intoArray(dst, dp);
                    } else {
                        for (int r = 0; r < rows; r++) dst[dp + r] = a[src + r];
                    }
                }
            } else {
                // op(A)[i, p] = a[i*lda + p]: read stored rows contiguously, write with stride MR. (A vector gather
                // per step measured no faster on Zen 5.)
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
                // op(B)[p, j] = b[j*ldb + p]: read stored rows contiguously, write with stride NR, in chunks of
                // steps whose destination (CHUNK cache lines) stays in L1. Unchunked, each float touched a new
                // line and packing cost as much as the product for 16-row inputs; reading NR rows as parallel
                // streams instead thrashed one cache set when ldb is a power of two. Vector gathers of a column
                // were 3x slower than either.
                int base = bo + (j0 + s) * ldb + p0;
                for (int pc = 0; pc < kc; pc += CHUNK) {
                    int pe = Math.min(kc, pc + CHUNK);
                    for (int j = 0; j < cols; j++) {
                        int src = base + j * ldb;
                        for (int p = pc; p < pe; p++) dst[d + p * NR + j] = b[src + p];
                    }
                }
            } else {
                int src = bo + p0 * ldb + j0 + s;
                for (int p = 0; p < kc; p++, src += ldb) {
                    if (cols == NR) {
                        FloatVector.fromArray(F, b, src).intoArray(dst, d + p * NR);
                        FloatVector.fromArray(F, b, src + L).intoArray(dst, d + p * NR + L);
                    } else {
                        System.arraycopy(b, src, dst, d + p * NR, cols);
                    }
                }
            }
            d += kc * NR;
        }
    }

}
