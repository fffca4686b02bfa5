package dev.autograd4j.kernel.simd;

import dev.autograd4j.kernel.Parallel;
import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float64 GEMM, the simpler sibling of {@link Sgemm}: a 4 x (2 vectors) register tile over KC-deep panels of op(B)
 * copied contiguously (A is read in place). A transposed B is first copied into row-major order so the tile always loads contiguous
 * vectors; edge rows and columns fall back to dot products.
 */
final class Dgemm {

    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int L = D.length();
    private static final int MR = 4;
    private static final int NR = 2 * L;
    /** Depth of a B panel: KC*NR doubles = 32 KiB at NR=16, inside the L1. */
    private static final int KC = 256;

    private Dgemm() {
    }

    /** {@code C = op(A) op(B) (+ C)}; see {@link dev.autograd4j.kernel.Kernels#gemm}. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double[] a, int ao, int lda, double[] b, int bo, int ldb,
                     double[] c, int co, int ldc, boolean accumulate) {
        if (m <= 0 || n <= 0) {
            return;
        }
        long work = (long) m * n * k;
        if (k <= 0 || work < Sgemm.SMALL) {
            SmallGemm.gemm(transA, transB, m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate);
            return;
        }
        double[] bt = b;
        int bto = bo;
        int ldbt = ldb;
        if (transB) {
            bt = new double[k * n];
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) bt[p * n + j] = b[bo + j * ldb + p];
            }
            bto = 0;
            ldbt = n;
        }
        double[] bb = bt;
        int bbo = bto;
        int ldbb = ldbt;
        int blocks = (m + MR - 1) / MR;
        int grain = work < Sgemm.PARALLEL ? blocks : 1;
        Parallel.parallelFor(0, blocks, grain, (b0, b1) -> rows(transA, b0 * MR, Math.min(m, b1 * MR), n, k,
                a, ao, lda, bb, bbo, ldbb, c, co, ldc, accumulate));
    }

    private static void rows(boolean transA, int i0, int i1, int n, int k, double[] a, int ao, int lda,
                             double[] b, int bo, int ldb, double[] c, int co, int ldc, boolean accumulate) {
        int nFull = n / NR * NR;
        int iFull = i0 + (i1 - i0) / MR * MR;
        double[] panel = new double[Math.min(KC, k) * NR];
        // Column panels outermost: each KC x NR block of op(B) is copied once into a contiguous 32 KiB panel that
        // stays in L1 while every row tile streams over it.
        for (int j = 0; j < nFull; j += NR) {
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                for (int p = 0; p < kc; p++) System.arraycopy(b, bo + (pc + p) * ldb + j, panel, p * NR, NR);
                boolean add = accumulate || pc > 0;
                for (int i = i0; i < iFull; i += MR) {
                    int aOff = transA ? ao + pc * lda : ao + pc;
                    tile(transA, i, kc, a, aOff, lda, panel, NR, c, co + i * ldc + j, ldc, add);
                }
            }
        }
        edge(transA, i0, iFull, nFull, n, k, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate);
        edge(transA, iFull, i1, 0, n, k, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate);
    }

    /** C[i..i+MR, 0..NR) at {@code cOff} (+)= op(A) rows i.. times a row-major B block starting at b[0]. */
    private static void tile(boolean transA, int i, int k, double[] a, int ao, int lda,
                             double[] b, int ldb, double[] c, int cOff, int ldc, boolean accumulate) {
        DoubleVector c00 = DoubleVector.zero(D), c01 = c00, c10 = c00, c11 = c00;
        DoubleVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        // Stride between consecutive p (sa) and consecutive rows (sr) of op(A) in a[].
        int sa = transA ? lda : 1;
        int sr = transA ? 1 : lda;
        int ai = ao + i * sr;
        int bi = 0;
        for (int p = 0; p < k; p++) {
            DoubleVector b0 = DoubleVector.fromArray(D, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(D, b, bi + L);
            DoubleVector x = DoubleVector.broadcast(D, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(D, a[ai + sr]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(D, a[ai + 2 * sr]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(D, a[ai + 3 * sr]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            ai += sa;
            bi += ldb;
        }
        int r0 = cOff, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc;
        if (accumulate) {
            c00 = c00.add(DoubleVector.fromArray(D, c, r0));
            c01 = c01.add(DoubleVector.fromArray(D, c, r0 + L));
            c10 = c10.add(DoubleVector.fromArray(D, c, r1));
            c11 = c11.add(DoubleVector.fromArray(D, c, r1 + L));
            c20 = c20.add(DoubleVector.fromArray(D, c, r2));
            c21 = c21.add(DoubleVector.fromArray(D, c, r2 + L));
            c30 = c30.add(DoubleVector.fromArray(D, c, r3));
            c31 = c31.add(DoubleVector.fromArray(D, c, r3 + L));
        }
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
    }

    /** Rows {@code [i0, i1)} by columns {@code [j0, n)} as plain dot products over a row-major op(B). */
    private static void edge(boolean transA, int i0, int i1, int j0, int n, int k, double[] a, int ao, int lda,
                             double[] b, int bo, int ldb, double[] c, int co, int ldc, boolean accumulate) {
        for (int i = i0; i < i1; i++) {
            int ci = co + i * ldc;
            if (!accumulate) {
                Arrays.fill(c, ci + j0, ci + n, 0.0);
            }
            for (int p = 0; p < k; p++) {
                double aip = transA ? a[ao + p * lda + i] : a[ao + i * lda + p];
                int bp = bo + p * ldb;
                for (int j = j0; j < n; j++) c[ci + j] += aip * b[bp + j];
            }
        }
    }
}
