package dev.autograd4j.ops;

import dev.autograd4j.kernel.Parallel;

/**
 * Typed argmax loops of max_pool2d for float and double planes: the same answers as the general loop in
 * {@link Windowed#maxPool2dIndicesGeneral}, without boxing every element to a double.
 *
 * <p>Each window starts at its first in-bounds element (so a window of -inf still has an argmax, as PyTorch's
 * kernel) and takes an element when {@code !(v <= best)}: that is {@code v > best}, or v is NaN while best is not.
 * Once the best is NaN nothing can replace it (the first NaN wins), so the scan of that window stops. The
 * in-bounds range of every window row and column is computed once, so no element is tested against the padding.
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
                        int best = (ih0 + iLo * dh) * w + iw0 + j0 * dw;
                        float bv = Float.NEGATIVE_INFINITY;
                        scan:
                        for (int i = iLo; i < iHi; i++) {
                            int row = (ih0 + i * dh) * w + iw0;
                            for (int j = j0, at = row + j0 * dw; j < j1; j++, at += dw) {
                                float v = s[base + at];
                                if (!(v <= bv)) {
                                    best = at;
                                    bv = v;
                                    if (v != v) break scan;
                                }
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
                        int best = (ih0 + iLo * dh) * w + iw0 + j0 * dw;
                        double bv = Double.NEGATIVE_INFINITY;
                        scan:
                        for (int i = iLo; i < iHi; i++) {
                            int row = (ih0 + i * dh) * w + iw0;
                            for (int j = j0, at = row + j0 * dw; j < j1; j++, at += dw) {
                                double v = s[base + at];
                                if (!(v <= bv)) {
                                    best = at;
                                    bv = v;
                                    if (v != v) break scan;
                                }
                            }
                        }
                        idx[out + oh * wo + ow] = best;
                    }
                }
            }
        });
    }
}
