package dev.autograd4j.ops;

import dev.autograd4j.kernel.Parallel;

/**
 * Typed argmax loops of max_pool2d for float and double planes: the same answers as the general loop in
 * {@link Windowed#maxPool2dIndicesGeneral}, without boxing every element to a double.
 *
 * <p>Each window starts at its first in-bounds element (so a window of -inf still has an argmax, as PyTorch's
 * kernel) and takes an element when {@code !(v <= best)} while best is not NaN: that is {@code v > best}, or v
 * is NaN; once best is NaN nothing replaces it (the first NaN wins). The running best is {@code Math.max}, which
 * keeps a NaN too. The in-bounds range of every window row and column is computed once, so no element is tested
 * against the padding.
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
        boolean two = kh == 2 && kw == 2;
        int[] jLo = new int[wo], jHi = new int[wo];
        for (int ow = 0; ow < wo; ow++) {
            jLo[ow] = Geometry.lo(ow * sw - pw, dw);
            jHi[ow] = Geometry.hi(ow * sw - pw, dw, w, kw);
        }
        Parallel.parallelFor(0, planes, 1, (lo, hi) -> {
            for (int pl = lo; pl < hi; pl++) {
                int base = xo + pl * h * w, out = pl * ho * wo;
                for (int oh = 0; oh < ho; oh++) {
                    int ih0 = oh * sh - ph, iLo = Geometry.lo(ih0, dh), iHi = Geometry.hi(ih0, dh, h, kh);
                    for (int ow = 0; ow < wo; ow++) {
                        int iw0 = ow * sw - pw, j0 = jLo[ow], j1 = jHi[ow];
                        if (iLo >= iHi || j0 >= j1) {
                            idx[out + oh * wo + ow] = -1;
                            continue;
                        }
                        if (two && iLo == 0 && iHi == 2 && j0 == 0 && j1 == 2) {
                            // A whole 2x2 window (MaxPool2d(2)), unrolled: the loops below would cost more than the compares.
                            int a0 = ih0 * w + iw0, a1 = a0 + dw, a2 = a0 + dh * w, a3 = a2 + dw;
                            float bv = s[base + a0], v1 = s[base + a1], v2 = s[base + a2], v3 = s[base + a3];
                            int best = a0;
                            boolean take = !(v1 <= bv) & bv == bv;
                            best = take ? a1 : best;
                            bv = Math.max(bv, v1);
                            take = !(v2 <= bv) & bv == bv;
                            best = take ? a2 : best;
                            bv = Math.max(bv, v2);
                            take = !(v3 <= bv) & bv == bv;
                            idx[out + oh * wo + ow] = take ? a3 : best;
                            continue;
                        }
                        int best = (ih0 + iLo * dh) * w + iw0 + j0 * dw;
                        float bv = Float.NEGATIVE_INFINITY;
                        for (int i = iLo; i < iHi; i++) {
                            int row = (ih0 + i * dh) * w + iw0;
                            for (int j = j0, at = row + j0 * dw; j < j1; j++, at += dw) {
                                float v = s[base + at];
                                // Conditional moves, no branch: random data mispredicts an argmax branch half the time.
                                boolean take = !(v <= bv) & bv == bv;
                                best = take ? at : best;
                                bv = Math.max(bv, v);
                            }
                        }
                        idx[out + oh * wo + ow] = best;
                    }
                }
            }
        });
    }

    /** idx[pl, o] = argmax of window o of double plane pl (planes of h*w from offset xo of s). */
    static void indices(double[] s, int xo, long[] idx, int planes, Geometry g) {
        int h = g.h(), w = g.w(), ho = g.ho(), wo = g.wo();
        int kh = g.kernel()[0], kw = g.kernel()[1], sh = g.stride()[0], sw = g.stride()[1];
        int ph = g.padding()[0], pw = g.padding()[1], dh = g.dilation()[0], dw = g.dilation()[1];
        boolean two = kh == 2 && kw == 2;
        int[] jLo = new int[wo], jHi = new int[wo];
        for (int ow = 0; ow < wo; ow++) {
            jLo[ow] = Geometry.lo(ow * sw - pw, dw);
            jHi[ow] = Geometry.hi(ow * sw - pw, dw, w, kw);
        }
        Parallel.parallelFor(0, planes, 1, (lo, hi) -> {
            for (int pl = lo; pl < hi; pl++) {
                int base = xo + pl * h * w, out = pl * ho * wo;
                for (int oh = 0; oh < ho; oh++) {
                    int ih0 = oh * sh - ph, iLo = Geometry.lo(ih0, dh), iHi = Geometry.hi(ih0, dh, h, kh);
                    for (int ow = 0; ow < wo; ow++) {
                        int iw0 = ow * sw - pw, j0 = jLo[ow], j1 = jHi[ow];
                        if (iLo >= iHi || j0 >= j1) {
                            idx[out + oh * wo + ow] = -1;
                            continue;
                        }
                        if (two && iLo == 0 && iHi == 2 && j0 == 0 && j1 == 2) {
                            // A whole 2x2 window (MaxPool2d(2)), unrolled: the loops below would cost more than the compares.
                            int a0 = ih0 * w + iw0, a1 = a0 + dw, a2 = a0 + dh * w, a3 = a2 + dw;
                            double bv = s[base + a0], v1 = s[base + a1], v2 = s[base + a2], v3 = s[base + a3];
                            int best = a0;
                            boolean take = !(v1 <= bv) & bv == bv;
                            best = take ? a1 : best;
                            bv = Math.max(bv, v1);
                            take = !(v2 <= bv) & bv == bv;
                            best = take ? a2 : best;
                            bv = Math.max(bv, v2);
                            take = !(v3 <= bv) & bv == bv;
                            idx[out + oh * wo + ow] = take ? a3 : best;
                            continue;
                        }
                        int best = (ih0 + iLo * dh) * w + iw0 + j0 * dw;
                        double bv = Double.NEGATIVE_INFINITY;
                        for (int i = iLo; i < iHi; i++) {
                            int row = (ih0 + i * dh) * w + iw0;
                            for (int j = j0, at = row + j0 * dw; j < j1; j++, at += dw) {
                                double v = s[base + at];
                                // Conditional moves, no branch: random data mispredicts an argmax branch half the time.
                                boolean take = !(v <= bv) & bv == bv;
                                best = take ? at : best;
                                bv = Math.max(bv, v);
                            }
                        }
                        idx[out + oh * wo + ow] = best;
                    }
                }
            }
        });
    }
}
