package dev.autograd4j.kernel.simd;

import static dev.autograd4j.kernel.simd.SgemmMicrokernel.F;
import static dev.autograd4j.kernel.simd.SgemmMicrokernel.L;
import static dev.autograd4j.kernel.simd.SgemmMicrokernel.MR;
import static dev.autograd4j.kernel.simd.SgemmMicrokernel.NR;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Copies blocks of A and B into the sliver layout the microkernel streams: the transposition of either operand is
 * absorbed here, so the kernel only ever sees one layout and no transposed copy of a whole matrix is made.
 *
 * <p>Contiguous runs of full slivers (B as stored, A transposed) move as whole vectors: element loops cost a few
 * cycles per float, and packing A^T that way took almost half as long as a whole 256^3 product. Strided runs
 * (A as stored, B transposed) are transposed in registers with AVX2 (4x8 and 8x8 blocks of rearranges and blends);
 * partial slivers, ragged ends and other vector widths remain element loops.
 */
final class SgemmPacking {

    /** One MR-float step of an A sliver. */
    private static final VectorSpecies<Float> SA = MR == 4 ? FloatVector.SPECIES_128 : FloatVector.SPECIES_256;
    /** MR-lane copies only where vectors that wide are native (not emulated). */
    private static final boolean VECTOR_A = MR == SA.length() && F.vectorBitSize() >= SA.vectorBitSize();

    /** Steps of a transposed B sliver packed at a time (see packB). */
    private static final int CHUNK = 64;

    /** 8x8 register transposes for transposed B where a vector is 8 floats (AVX2: NR = 16). */
    private static final boolean VECTOR_T = L == 8 && NR == 16 && F.vectorBitSize() == 256;
    private static final VectorSpecies<Float> S8 = FloatVector.SPECIES_256;
    private static final VectorShuffle<Float> EVEN_DUP = VectorShuffle.fromValues(S8, 0, 0, 2, 2, 4, 4, 6, 6);
    private static final VectorShuffle<Float> ODD_DUP = VectorShuffle.fromValues(S8, 1, 1, 3, 3, 5, 5, 7, 7);
    private static final VectorShuffle<Float> PAIR_LO = VectorShuffle.fromValues(S8, 0, 1, 0, 1, 4, 5, 4, 5);
    private static final VectorShuffle<Float> PAIR_HI = VectorShuffle.fromValues(S8, 2, 3, 2, 3, 6, 7, 6, 7);
    private static final VectorShuffle<Float> HALF_LO = VectorShuffle.fromValues(S8, 0, 1, 2, 3, 0, 1, 2, 3);
    private static final VectorShuffle<Float> HALF_HI = VectorShuffle.fromValues(S8, 4, 5, 6, 7, 4, 5, 6, 7);
    private static final VectorMask<Float> M1 = VectorMask.fromValues(S8, false, true, false, true, false, true, false, true);
    private static final VectorMask<Float> M2 = VectorMask.fromValues(S8, false, false, true, true, false, false, true, true);
    private static final VectorMask<Float> M4 = VectorMask.fromValues(S8, false, false, false, false, true, true, true, true);

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
                int done = 0;
                if (VECTOR_T && MR == 4 && rows == MR) {
                    // 4 rows x 8 steps at a time, transposed in registers.
                    done = kc & ~7;
                    int src = ao + (i0 + s) * lda + p0;
                    for (int p = 0; p < done; p += 8) transpose4x8(a, src + p, lda, dst, d + p * MR);
                }
                for (int r = 0; r < rows; r++) {
                    int src = ao + (i0 + s + r) * lda + p0;
                    for (int p = done; p < kc; p++) dst[d + p * MR + r] = a[src + p];
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
        if (!transB) {
            packStoredB(b, bo, ldb, p0, kc, j0, nc, dst);
            return;
        }
        // op(B)[p, j] = b[j*ldb + p]: read stored rows contiguously, write with stride NR, in chunks of steps whose
        // destination (CHUNK cache lines) stays in L1. Unchunked, each float touched a new line and packing cost as
        // much as the product for 16-row inputs; reading NR rows as parallel streams instead thrashed one cache set
        // when ldb is a power of two. Vector gathers of a column were 3x slower than either.
        int d = 0;
        for (int s = 0; s < nc; s += NR) {
            int cols = Math.min(NR, nc - s);
            if (cols < NR) {
                Arrays.fill(dst, d, d + kc * NR, 0f);
            }
            int base = bo + (j0 + s) * ldb + p0;
            int done = 0;
            if (VECTOR_T && cols == NR) {
                // 8 rows x 8 steps at a time, transposed in registers; 8 rows through all kc steps, then the
                // next 8: 8 long read streams instead of 16 short ones (a 16-row sweep in 16-step chunks
                // packed an 800 x 12544 im2col^T at 0.44-0.49 ns/float, this at 0.37-0.39).
                done = kc & ~7;
                for (int h = 0; h < NR; h += 8) {
                    for (int p = 0; p < done; p += 8) {
                        transpose8(b, base + h * ldb + p, ldb, dst, d + p * NR + h);
                    }
                }
            }
            for (int pc = done; pc < kc; pc += CHUNK) {
                int pe = Math.min(kc, pc + CHUNK);
                for (int j = 0; j < cols; j++) {
                    int src = base + j * ldb;
                    for (int p = pc; p < pe; p++) dst[d + p * NR + j] = b[src + p];
                }
            }
            d += kc * NR;
        }
    }

    /** Rows of B as stored packed at a time across all slivers (see packStoredB). */
    private static final int ROWS = 8;

    /**
     * packB for B as stored: a few rows at a time across every full sliver, so each row is read front to back. Walking
     * one sliver down all kc rows instead read one new line per step, ldb apart (often the same cache set), and cost
     * about as much as the transposed case for a 1024 x 784 weight.
     */
    private static void packStoredB(float[] b, int bo, int ldb, int p0, int kc, int j0, int nc, float[] dst) {
        int full = nc / NR * NR;
        for (int pc = 0; pc < kc; pc += ROWS) {
            int pe = Math.min(kc, pc + ROWS);
            for (int s = 0; s < full; s += NR) {
                int d = s * kc;
                for (int p = pc; p < pe; p++) {
                    int src = bo + (p0 + p) * ldb + j0 + s;
                    FloatVector.fromArray(F, b, src).intoArray(dst, d + p * NR);
                    FloatVector.fromArray(F, b, src + L).intoArray(dst, d + p * NR + L);
                }
            }
        }
        if (full < nc) {
            int cols = nc - full, d = full * kc;
            Arrays.fill(dst, d, d + kc * NR, 0f);
            for (int p = 0; p < kc; p++) System.arraycopy(b, bo + (p0 + p) * ldb + j0 + full, dst, d + p * NR, cols);
        }
    }

    /** Writes {@code dst[di + q*4 + r] = a[src + r*ld + q]} for r in 0..4, q in 0..8. */
    private static void transpose4x8(float[] a, int src, int ld, float[] dst, int di) {
        FloatVector r0 = FloatVector.fromArray(S8, a, src);
        FloatVector r1 = FloatVector.fromArray(S8, a, src + ld);
        FloatVector r2 = FloatVector.fromArray(S8, a, src + 2 * ld);
        FloatVector r3 = FloatVector.fromArray(S8, a, src + 3 * ld);
        FloatVector v0 = r0.blend(r1.rearrange(EVEN_DUP), M1);
        FloatVector v1 = r0.rearrange(ODD_DUP).blend(r1, M1);
        FloatVector v2 = r2.blend(r3.rearrange(EVEN_DUP), M1);
        FloatVector v3 = r2.rearrange(ODD_DUP).blend(r3, M1);
        // w0 = steps 0|4, w1 = 1|5, w2 = 2|6, w3 = 3|7, each step the 4 rows.
        FloatVector w0 = v0.blend(v2.rearrange(PAIR_LO), M2);
        FloatVector w2 = v0.rearrange(PAIR_HI).blend(v2, M2);
        FloatVector w1 = v1.blend(v3.rearrange(PAIR_LO), M2);
        FloatVector w3 = v1.rearrange(PAIR_HI).blend(v3, M2);
        w0.blend(w1.rearrange(HALF_LO), M4).intoArray(dst, di);
        w2.blend(w3.rearrange(HALF_LO), M4).intoArray(dst, di + 8);
        w0.rearrange(HALF_HI).blend(w1, M4).intoArray(dst, di + 16);
        w2.rearrange(HALF_HI).blend(w3, M4).intoArray(dst, di + 24);
    }

    /** Writes {@code dst[di + q*NR + j] = b[src + j*ld + q]} for j, q in 0..8. */
    private static void transpose8(float[] b, int src, int ld, float[] dst, int di) {
        FloatVector r0 = FloatVector.fromArray(S8, b, src);
        FloatVector r1 = FloatVector.fromArray(S8, b, src + ld);
        FloatVector r2 = FloatVector.fromArray(S8, b, src + 2 * ld);
        FloatVector r3 = FloatVector.fromArray(S8, b, src + 3 * ld);
        FloatVector r4 = FloatVector.fromArray(S8, b, src + 4 * ld);
        FloatVector r5 = FloatVector.fromArray(S8, b, src + 5 * ld);
        FloatVector r6 = FloatVector.fromArray(S8, b, src + 6 * ld);
        FloatVector r7 = FloatVector.fromArray(S8, b, src + 7 * ld);
        // Stage 1: 2x2 blocks. v0 = [r0_0 r1_0 r0_2 r1_2 ...], v1 = [r0_1 r1_1 r0_3 r1_3 ...].
        FloatVector v0 = r0.blend(r1.rearrange(EVEN_DUP), M1);
        FloatVector v1 = r0.rearrange(ODD_DUP).blend(r1, M1);
        FloatVector v2 = r2.blend(r3.rearrange(EVEN_DUP), M1);
        FloatVector v3 = r2.rearrange(ODD_DUP).blend(r3, M1);
        FloatVector v4 = r4.blend(r5.rearrange(EVEN_DUP), M1);
        FloatVector v5 = r4.rearrange(ODD_DUP).blend(r5, M1);
        FloatVector v6 = r6.blend(r7.rearrange(EVEN_DUP), M1);
        FloatVector v7 = r6.rearrange(ODD_DUP).blend(r7, M1);
        // Stage 2: 4x4 blocks. w0 = rows 0-3 of steps 0|4, w1: 1|5, w2: 2|6, w3: 3|7; w4..w7 the same for rows 4-7.
        FloatVector w0 = v0.blend(v2.rearrange(PAIR_LO), M2);
        FloatVector w2 = v0.rearrange(PAIR_HI).blend(v2, M2);
        FloatVector w1 = v1.blend(v3.rearrange(PAIR_LO), M2);
        FloatVector w3 = v1.rearrange(PAIR_HI).blend(v3, M2);
        FloatVector w4 = v4.blend(v6.rearrange(PAIR_LO), M2);
        FloatVector w6 = v4.rearrange(PAIR_HI).blend(v6, M2);
        FloatVector w5 = v5.blend(v7.rearrange(PAIR_LO), M2);
        FloatVector w7 = v5.rearrange(PAIR_HI).blend(v7, M2);
        // Stage 3: halves.
        w0.blend(w4.rearrange(HALF_LO), M4).intoArray(dst, di);
        w1.blend(w5.rearrange(HALF_LO), M4).intoArray(dst, di + NR);
        w2.blend(w6.rearrange(HALF_LO), M4).intoArray(dst, di + 2 * NR);
        w3.blend(w7.rearrange(HALF_LO), M4).intoArray(dst, di + 3 * NR);
        w0.rearrange(HALF_HI).blend(w4, M4).intoArray(dst, di + 4 * NR);
        w1.rearrange(HALF_HI).blend(w5, M4).intoArray(dst, di + 5 * NR);
        w2.rearrange(HALF_HI).blend(w6, M4).intoArray(dst, di + 6 * NR);
        w3.rearrange(HALF_HI).blend(w7, M4).intoArray(dst, di + 7 * NR);
    }

}
