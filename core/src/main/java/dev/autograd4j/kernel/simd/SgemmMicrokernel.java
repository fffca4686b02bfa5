package dev.autograd4j.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked inner kernel of {@link Sgemm}: a {@code MR x NR} tile of C (4 rows by two vectors, 4x16
 * with AVX2; 8x32 on AVX-512) accumulated in vector registers over a packed A sliver and a packed B sliver.
 *
 * <p>Everything in {@link #tile} must inline into one compiled loop with the accumulators in registers; a failed
 * inline boxes the vectors and drops the speed about sixfold (check with -XX:+PrintInlining). The body is written
 * out by hand (no helper calls, no arrays of vectors) for that reason.
 */
final class SgemmMicrokernel {

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int L = F.length();
    /**
     * Rows of C per tile, chosen by the register file. With 16 lanes (AVX-512, 32 vector registers) 8 rows x 2
     * vectors: 16 accumulators + the step's 2 B vectors + 8 broadcasts fit. With 8 lanes (AVX2, 16 ymm registers)
     * C2 hoists all of a step's loads to the top of the loop body (its register-pressure scheduler does not hold
     * them back), so accumulators + loads per step must stay within 16: at 8x16 (16 + 10) five accumulators, and
     * at 6x16 (12 + 8) one, lived on the stack, each a load-FMA-store chain through memory per step that halved
     * the speed. 4 rows x 2 vectors (8 + 6 = 14 registers, measured 85 against 52 GFLOP/s at 8x16 on Zen 3)
     * keeps everything in registers; 8 accumulators still cover the FMA latency of two FMA pipes.
     */
    static final int MR = L >= 16 ? 8 : 4;
    /** Columns of C per tile: two vectors. */
    static final int NR = 2 * L;

    private SgemmMicrokernel() {
    }

    /**
     * Computes {@code C[0..mr, 0..nr) (+)= Ap * Bp} over {@code kc} steps; Ap holds MR floats per step and Bp NR
     * floats per step (zero padded). {@code add} keeps the old C; {@code tmp} (MR*NR floats) serves partial tiles.
     */
    static void tile(int kc, float[] ap, int ai, float[] bp, int bi,
                     float[] c, int ci, int ldc, int mr, int nr, boolean add, float[] tmp) {
        if (MR == 4) {
            tile4(kc, ap, ai, bp, bi, c, ci, ldc, mr, nr, add, tmp);
        } else {
            tile8(kc, ap, ai, bp, bi, c, ci, ldc, mr, nr, add, tmp);
        }
    }

    /** The 4 x 2-vector tile (MR == 4). Addresses derive from the one loop counter so C2 hoists the range checks. */
    private static void tile4(int kc, float[] ap, int ai, float[] bp, int bi,
                              float[] c, int ci, int ldc, int mr, int nr, boolean add, float[] tmp) {
        FloatVector c00 = FloatVector.zero(F), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        for (int p = 0; p < kc; p++) {
            int pa = ai + p * 4;
            int pb = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(F, bp, pb);
            FloatVector b1 = FloatVector.fromArray(F, bp, pb + L);
            FloatVector a = FloatVector.broadcast(F, ap[pa]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(F, ap[pa + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(F, ap[pa + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(F, ap[pa + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
        }
        if (mr == 4 && nr == NR) {
            int r0 = ci;
            int r1 = r0 + ldc;
            int r2 = r1 + ldc;
            int r3 = r2 + ldc;
            if (add) {
                c00 = c00.add(FloatVector.fromArray(F, c, r0));
                c01 = c01.add(FloatVector.fromArray(F, c, r0 + L));
                c10 = c10.add(FloatVector.fromArray(F, c, r1));
                c11 = c11.add(FloatVector.fromArray(F, c, r1 + L));
                c20 = c20.add(FloatVector.fromArray(F, c, r2));
                c21 = c21.add(FloatVector.fromArray(F, c, r2 + L));
                c30 = c30.add(FloatVector.fromArray(F, c, r3));
                c31 = c31.add(FloatVector.fromArray(F, c, r3 + L));
            }
            c00.intoArray(c, r0);
            c01.intoArray(c, r0 + L);
            c10.intoArray(c, r1);
            c11.intoArray(c, r1 + L);
            c20.intoArray(c, r2);
            c21.intoArray(c, r2 + L);
            c30.intoArray(c, r3);
            c31.intoArray(c, r3 + L);
        } else {
            c00.intoArray(tmp, 0);
            c01.intoArray(tmp, L);
            c10.intoArray(tmp, NR);
            c11.intoArray(tmp, NR + L);
            c20.intoArray(tmp, 2 * NR);
            c21.intoArray(tmp, 2 * NR + L);
            c30.intoArray(tmp, 3 * NR);
            c31.intoArray(tmp, 3 * NR + L);
            merge(tmp, c, ci, ldc, mr, nr, add);
        }
    }

    /** The 8 x 2-vector tile (MR == 8). */
    private static void tile8(int kc, float[] ap, int ai, float[] bp, int bi,
                              float[] c, int ci, int ldc, int mr, int nr, boolean add, float[] tmp) {
        FloatVector c00 = FloatVector.zero(F), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(F, bp, bi);
            FloatVector b1 = FloatVector.fromArray(F, bp, bi + L);
            FloatVector a = FloatVector.broadcast(F, ap[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(F, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(F, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(F, ap[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(F, ap[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(F, ap[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(F, ap[ai + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(F, ap[ai + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
            ai += 8;
            bi += NR;
        }
        if (mr == 8 && nr == NR) {
            // Written out rather than a helper so the accumulators never cross a call boundary (no boxing).
            int r0 = ci;
            int r1 = r0 + ldc;
            int r2 = r1 + ldc;
            int r3 = r2 + ldc;
            int r4 = r3 + ldc;
            int r5 = r4 + ldc;
            int r6 = r5 + ldc;
            int r7 = r6 + ldc;
            if (add) {
                c00 = c00.add(FloatVector.fromArray(F, c, r0));
                c01 = c01.add(FloatVector.fromArray(F, c, r0 + L));
                c10 = c10.add(FloatVector.fromArray(F, c, r1));
                c11 = c11.add(FloatVector.fromArray(F, c, r1 + L));
                c20 = c20.add(FloatVector.fromArray(F, c, r2));
                c21 = c21.add(FloatVector.fromArray(F, c, r2 + L));
                c30 = c30.add(FloatVector.fromArray(F, c, r3));
                c31 = c31.add(FloatVector.fromArray(F, c, r3 + L));
                c40 = c40.add(FloatVector.fromArray(F, c, r4));
                c41 = c41.add(FloatVector.fromArray(F, c, r4 + L));
                c50 = c50.add(FloatVector.fromArray(F, c, r5));
                c51 = c51.add(FloatVector.fromArray(F, c, r5 + L));
                c60 = c60.add(FloatVector.fromArray(F, c, r6));
                c61 = c61.add(FloatVector.fromArray(F, c, r6 + L));
                c70 = c70.add(FloatVector.fromArray(F, c, r7));
                c71 = c71.add(FloatVector.fromArray(F, c, r7 + L));
            }
            c00.intoArray(c, r0);
            c01.intoArray(c, r0 + L);
            c10.intoArray(c, r1);
            c11.intoArray(c, r1 + L);
            c20.intoArray(c, r2);
            c21.intoArray(c, r2 + L);
            c30.intoArray(c, r3);
            c31.intoArray(c, r3 + L);
            c40.intoArray(c, r4);
            c41.intoArray(c, r4 + L);
            c50.intoArray(c, r5);
            c51.intoArray(c, r5 + L);
            c60.intoArray(c, r6);
            c61.intoArray(c, r6 + L);
            c70.intoArray(c, r7);
            c71.intoArray(c, r7 + L);
        } else {
            // Edge tile: spill to the scratch tile, then copy only the rows and columns that exist.
            c00.intoArray(tmp, 0);
            c01.intoArray(tmp, L);
            c10.intoArray(tmp, NR);
            c11.intoArray(tmp, NR + L);
            c20.intoArray(tmp, 2 * NR);
            c21.intoArray(tmp, 2 * NR + L);
            c30.intoArray(tmp, 3 * NR);
            c31.intoArray(tmp, 3 * NR + L);
            c40.intoArray(tmp, 4 * NR);
            c41.intoArray(tmp, 4 * NR + L);
            c50.intoArray(tmp, 5 * NR);
            c51.intoArray(tmp, 5 * NR + L);
            c60.intoArray(tmp, 6 * NR);
            c61.intoArray(tmp, 6 * NR + L);
            c70.intoArray(tmp, 7 * NR);
            c71.intoArray(tmp, 7 * NR + L);
            merge(tmp, c, ci, ldc, mr, nr, add);
        }
    }

    private static void merge(float[] tmp, float[] c, int ci, int ldc, int mr, int nr, boolean add) {
        for (int r = 0; r < mr; r++) {
            int row = ci + r * ldc;
            int t = r * NR;
            if (add) {
                for (int j = 0; j < nr; j++) c[row + j] += tmp[t + j];
            } else {
                System.arraycopy(tmp, t, c, row, nr);
            }
        }
    }
}
