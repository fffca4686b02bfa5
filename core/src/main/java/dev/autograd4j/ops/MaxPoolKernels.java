package dev.autograd4j.ops;

import dev.autograd4j.kernel.Parallel;

/**
 * Typed argmax loops of max_pool2d for float planes: the same answers as the general loop in
 * {@link Windowed#maxPool2dIndicesGeneral}, without boxing every element to a double.
 *
 * <p>Each window starts at its first in-bounds element (so a window of -inf still has an argmax, as PyTorch's
 * kernel) and takes an element when {@code v > best} or v is NaN, as PyTorch's {@code (val > maxval) ||
 * isnan(val)}: the first maximum wins ties, a NaN wins over numbers, and of several NaNs the last wins. The running
 * best is {@code Math.max}, which keeps a NaN too, so no number replaces a NaN. Both updates are conditional moves, not branches: on real data an argmax branch mispredicts
 * about half the time. A move chain per window is latency-bound, so a whole output row of windows advances
 * together, one kernel offset at a time (independent chains); the in-bounds ranges are computed once, so no
 * element is tested against the padding.
 */
final class MaxPoolKernels {
    private MaxPoolKernels() {}

    /** The pooling geometry of one call: sizes of the input and output planes and the window parameters. */
    record Geometry(int h, int w, int ho, int wo, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        /** First valid window offset along one dim for a window starting at {@code start}: the least t with start + t*d >= 0. */
        static int lo(int start, int d) {
            return start >= 0 ? 0 : (-start + d - 1) / d;
        }

        /** One past the last valid window offset: the least t with start + t*d >= size, capped at k. */
        static int hi(int start, int d, int size, int k) {
            return size - start <= 0 ? 0 : Math.min(k, (size - start + d - 1) / d);
        }
    }

    /** idx[pl, o] = argmax of window o of float plane pl (planes of h*w from offset xo of s). */
    static void indices(float[] s, int xo, long[] idx, int planes, Geometry g) {
        int h = g.h(), w = g.w(), ho = g.ho(), wo = g.wo();
        int kh = g.kernel()[0], kw = g.kernel()[1], sh = g.stride()[0], sw = g.stride()[1];
        int ph = g.padding()[0], pw = g.padding()[1], dh = g.dilation()[0], dw = g.dilation()[1];
        // Per kernel column j: the outputs [owLo[j], owHi[j]) whose window column j is in bounds.
        int[] owLo = new int[kw], owHi = new int[kw];
        for (int j = 0; j < kw; j++) {
            owLo[j] = Math.min(wo, Geometry.lo(j * dw - pw, sw));
            owHi[j] = Math.max(owLo[j], Geometry.hi(j * dw - pw, sw, w, wo));
        }
        // Per output column: its in-bounds window columns [jLo, jHi).
        int[] jLo = new int[wo], jHi = new int[wo];
        for (int ow = 0; ow < wo; ow++) {
            jLo[ow] = Geometry.lo(ow * sw - pw, dw);
            jHi[ow] = Geometry.hi(ow * sw - pw, dw, w, kw);
        }
        boolean twoByTwo = kh == 2 && kw == 2;
        Parallel.parallelFor(0, planes, 1, (lo, hi) -> {
            float[] bv = new float[wo];
            int[] bi = new int[wo];
            for (int pl = lo; pl < hi; pl++) {
                int base = xo + pl * h * w, out = pl * ho * wo;
                for (int oh = 0; oh < ho; oh++) {
                    int ih0 = oh * sh - ph, iLo = Geometry.lo(ih0, dh), iHi = Geometry.hi(ih0, dh, h, kh), at = out + oh * wo;
                    if (iLo >= iHi) {
                        java.util.Arrays.fill(idx, at, at + wo, -1);
                        continue;
                    }
                    if (twoByTwo && iHi - iLo == 2) {
                        twoByTwoRow(s, base, ih0 * w, dh * w, dw, sw, pw, jLo, jHi, idx, at, wo);
                        continue;
                    }
                    int row0 = (ih0 + iLo * dh) * w;
                    for (int ow = 0; ow < wo; ow++) {
                        bv[ow] = Float.NEGATIVE_INFINITY;
                        bi[ow] = jLo[ow] < jHi[ow] ? row0 + ow * sw - pw + jLo[ow] * dw : -1;
                    }
                    for (int i = iLo; i < iHi; i++) {
                        int row = (ih0 + i * dh) * w - pw;
                        for (int j = 0; j < kw; j++) {
                            for (int ow = owLo[j], p = row + j * dw + ow * sw; ow < owHi[j]; ow++, p += sw) {
                                float v = s[base + p], b = bv[ow];
                                boolean take = v > b | v != v;
                                bi[ow] = take ? p : bi[ow];
                                bv[ow] = Math.max(b, v);
                            }
                        }
                    }
                    for (int ow = 0; ow < wo; ow++) idx[at + ow] = bi[ow];
                }
            }
        });
    }

    /**
     * One output row of MaxPool2d(2)'s common case, both window rows in bounds: whole windows unrolled (a loop over
     * 4 elements costs more than the compares), edge windows (padding) by a short loop.
     */
    private static void twoByTwoRow(float[] s, int base, int row0, int down, int dw, int sw, int pw, int[] jLo, int[] jHi,
                                    long[] idx, int at, int wo) {
        for (int ow = 0; ow < wo; ow++) {
            int a0 = row0 + ow * sw - pw;
            if (jLo[ow] == 0 && jHi[ow] == 2) {
                int a1 = a0 + dw, a2 = a0 + down, a3 = a2 + dw;
                float bv = s[base + a0], v1 = s[base + a1], v2 = s[base + a2], v3 = s[base + a3];
                boolean take = v1 > bv | v1 != v1;
                int best = take ? a1 : a0;
                bv = Math.max(bv, v1);
                take = v2 > bv | v2 != v2;
                best = take ? a2 : best;
                bv = Math.max(bv, v2);
                take = v3 > bv | v3 != v3;
                idx[at + ow] = take ? a3 : best;
                continue;
            }
            if (jLo[ow] >= jHi[ow]) {
                idx[at + ow] = -1;
                continue;
            }
            int best = a0 + jLo[ow] * dw;
            float bv = Float.NEGATIVE_INFINITY;
            for (int r = a0; r <= a0 + down; r += down) {
                for (int j = jLo[ow]; j < jHi[ow]; j++) {
                    float v = s[base + r + j * dw];
                    boolean take = v > bv | v != v;
                    best = take ? r + j * dw : best;
                    bv = Math.max(bv, v);
                }
            }
            idx[at + ow] = best;
        }
    }
}
