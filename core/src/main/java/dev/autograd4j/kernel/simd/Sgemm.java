package dev.autograd4j.kernel.simd;

import static dev.autograd4j.kernel.simd.SgemmMicrokernel.MR;
import static dev.autograd4j.kernel.simd.SgemmMicrokernel.NR;

import dev.autograd4j.kernel.Parallel;

/**
 * Float32 GEMM in the BLIS/GotoBLAS shape: B is packed per {@code kc x nc} block (kept in L3), A per
 * {@code mc x kc} block (kept in L2), and {@link SgemmMicrokernel} walks NR-wide B slivers (kept in L1) against
 * MR-high A slivers. Large products share each packed B block between the
 * {@link Parallel} threads, which claim blocks of rows of C.
 */
final class Sgemm {

    /*
     * Block sizes, measured on Zen 5 (48 KiB L1, 1 MiB L2 per core): a deep KC beat the textbook "B sliver in L1"
     * choice (KC=256) by ~10% at n=2048, because every KC step re-reads and re-writes all of C. The A block
     * (MC*KC floats, 384 KiB) and the current B sliver (KC*NR floats, 128 KiB) share the L2. The system properties
     * autograd4j.sgemm.kc/mc/nc override them for tuning on other machines (MC must be a multiple of MR).
     */
    /** Depth of a packed block. */
    static final int KC = Integer.getInteger("autograd4j.sgemm.kc", 1024);
    /** Rows of a packed A block. */
    static final int MC = Integer.getInteger("autograd4j.sgemm.mc", 96 / MR * MR);
    /** Columns of a packed B block (KC*NC floats, 4 MiB); 1024 beat 4096 at n=2048, as every A block sweeps it. */
    static final int NC = Integer.getInteger("autograd4j.sgemm.nc", 1024);
    /** Below this m*n*k packing costs more than it saves. */
    static final long SMALL = 32L * 32 * 32;
    /** From this many rows of C, threads share each packed B block and split the rows; below it, the columns. */
    static final int ROW_SPLIT_MIN = 64;
    /** Below this m*n*k waking a second thread costs more than it saves. */
    static final long PARALLEL = 96L * 96 * 96;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private Sgemm() {
    }

    /** {@code C = op(A) op(B) (+ C)}; see {@link dev.autograd4j.kernel.Kernels#gemm}. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int ao, int lda, float[] b, int bo, int ldb,
                     float[] c, int co, int ldc, boolean accumulate) {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (k <= 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) java.util.Arrays.fill(c, co + i * ldc, co + i * ldc + n, 0f);
            }
            return;
        }
        long work = (long) m * n * k;
        if (work < SMALL) {
            SmallGemm.gemm(transA, transB, m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate);
            return;
        }
        if (SkinnyGemm.fits(m, n)) {
            SkinnyGemm.gemm(transA, transB, m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate);
            return;
        }
        if (work < PARALLEL || Parallel.getNumThreads() == 1) {
            blocked(transA, transB, m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate, false);
            return;
        }
        if (m >= ROW_SPLIT_MIN) {
            blocked(transA, transB, m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate, true);
            return;
        }
        // Few rows: split C's columns in whole tiles instead; each thread packs its own panels.
        int tiles = (n + NR - 1) / NR;
        Parallel.parallelFor(0, tiles, 1, (t0, t1) -> {
            int j0 = t0 * NR;
            int j1 = Math.min(n, t1 * NR);
            int bOff = transB ? bo + j0 * ldb : bo + j0;
            blocked(transA, transB, m, j1 - j0, k, a, ao, lda, b, bOff, ldb, c, co + j0, ldc, accumulate, false);
        });
    }

    /**
     * The blocked algorithm over the whole of the given C. With {@code parallel}, each packed B block is shared and
     * the blocks of rows of C are claimed dynamically by the {@link Parallel} threads, each packing its own A.
     */
    static void blocked(boolean transA, boolean transB, int m, int n, int k,
                        float[] a, int ao, int lda, float[] b, int bo, int ldb,
                        float[] c, int co, int ldc, boolean accumulate, boolean parallel) {
        Buffers buf = BUFFERS.get();
        int kcMax = Math.min(KC, k);
        float[] bp = buf.b(kcMax * roundUp(Math.min(NC, n), NR));
        float[] ap = buf.a(kcMax * roundUp(Math.min(MC, m), MR));
        float[] tmp = buf.tile;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean add = accumulate || pc > 0;
                if (parallel) {
                    int rows = rowsPerChunk(m);
                    int pc0 = pc, jc0 = jc;
                    // The caller packs the shared B block while the workers wake up (Parallel's prologue).
                    Runnable packB = () -> SgemmPacking.packB(transB, b, bo, ldb, pc0, kc, jc0, nc, bp);
                    Parallel.parallelForChunks(packB, 0, (m + rows - 1) / rows, 1, (c0, c1) -> {
                        Buffers own = BUFFERS.get();
                        float[] apOwn = own.a(kc * rows);
                        for (int ch = c0; ch < c1; ch++) {
                            int ic = ch * rows;
                            int mc = Math.min(rows, m - ic);
                            SgemmPacking.packA(transA, a, ao, lda, ic, mc, pc0, kc, apOwn);
                            macro(kc, mc, nc, apOwn, bp, c, co + ic * ldc + jc0, ldc, add, own.tile);
                        }
                    });
                } else {
                    SgemmPacking.packB(transB, b, bo, ldb, pc, kc, jc, nc, bp);
                    for (int ic = 0; ic < m; ic += MC) {
                        int mc = Math.min(MC, m - ic);
                        SgemmPacking.packA(transA, a, ao, lda, ic, mc, pc, kc, ap);
                        macro(kc, mc, nc, ap, bp, c, co + ic * ldc + jc, ldc, add, tmp);
                    }
                }
            }
        }
    }

    /** Runs the microkernel over every tile of one packed A block times one packed B block. */
    private static void macro(int kc, int mc, int nc, float[] ap, float[] bp,
                              float[] c, int co, int ldc, boolean add, float[] tmp) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int bi = jr * kc;
            for (int ir = 0; ir < mc; ir += MR) {
                int mr = Math.min(MR, mc - ir);
                SgemmMicrokernel.tile(kc, ap, ir * kc, bp, bi, c, co + ir * ldc + jr, ldc, mr, nr, add, tmp);
            }
        }
    }

    /** About four chunks per thread, so a late-starting thread still gets a share, but never more than MC rows. */
    private static int rowsPerChunk(int m) {
        int perChunk = roundUp((m + 4 * Parallel.getNumThreads() - 1) / (4 * Parallel.getNumThreads()), MR);
        return Math.max(MR, Math.min(MC, perChunk));
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    /** Per-thread packing buffers, grown on demand and reused so small products do not allocate. */
    private static final class Buffers {
        final float[] tile = new float[MR * NR];
        private float[] a = new float[0];
        private float[] b = new float[0];

        float[] a(int size) {
            if (a.length < size) {
                a = new float[size];
            }
            return a;
        }

        float[] b(int size) {
            if (b.length < size) {
                b = new float[size];
            }
            return b;
        }
    }
}
