package dev.autograd4j.ops;

/**
 * Typed loops of im2col and col2im for one (channel, sample, i, j) row of the column matrix, float and double.
 *
 * <p>The in-bounds output range [oh0, oh1) x [ow0, ow1) of a row depends only on (i, j), so it is computed once
 * and the copy (or add) runs over it without a bounds test per element. With stride 1 an im2col segment is one
 * arraycopy (measured faster than a copy loop, which C2 leaves scalar as the two arrays might alias). Out-of-range
 * outputs are left alone: im2col writes into fresh (zeroed) storage, and col2im adds nothing from the padding.
 */
final class Im2ColKernels {
    private Im2ColKernels() {}

    /** The in-bounds ranges of one kernel offset: rows [oh0, oh1), columns [ow0, ow1), and the input start ih0, iw0. */
    record Range(int oh0, int oh1, int ow0, int ow1, int ih0, int iw0) {
        /** The range of kernel offset (i, j) for an h x w input and an ho x wo output. */
        static Range of(Op.Im2Col g, int i, int j, int h, int w, int ho, int wo) {
            int ih0 = i * g.dh() - g.ph(), iw0 = j * g.dw() - g.pw();
            int oh0 = Math.min(ho, MaxPoolKernels.Geometry.lo(ih0, g.sh()));
            int oh1 = Math.max(oh0, MaxPoolKernels.Geometry.hi(ih0, g.sh(), h, ho));
            int ow0 = Math.min(wo, MaxPoolKernels.Geometry.lo(iw0, g.sw()));
            int ow1 = Math.max(ow0, MaxPoolKernels.Geometry.hi(iw0, g.sw(), w, wo));
            return new Range(oh0, oh1, ow0, ow1, ih0, iw0);
        }
    }

    /** d[at + oh*wo + ow] = s[plane + ih*w + iw] over the in-bounds range (d's row is zero elsewhere). */
    static void im2colRow(float[] s, int plane, int w, int sh, int sw, float[] d, int at, int wo, Range r) {
        int n = r.ow1() - r.ow0();
        for (int oh = r.oh0(); oh < r.oh1(); oh++) {
            int src = plane + (r.ih0() + oh * sh) * w + r.iw0() + r.ow0() * sw, dst = at + oh * wo + r.ow0();
            if (sw == 1) {
                System.arraycopy(s, src, d, dst, n);
            } else {
                for (int t = 0; t < n; t++) d[dst + t] = s[src + t * sw];
            }
        }
    }

    /** The double twin of {@link #im2colRow(float[], int, int, int, int, float[], int, int, Range)}. */
    static void im2colRow(double[] s, int plane, int w, int sh, int sw, double[] d, int at, int wo, Range r) {
        int n = r.ow1() - r.ow0();
        for (int oh = r.oh0(); oh < r.oh1(); oh++) {
            int src = plane + (r.ih0() + oh * sh) * w + r.iw0() + r.ow0() * sw, dst = at + oh * wo + r.ow0();
            if (sw == 1) {
                System.arraycopy(s, src, d, dst, n);
            } else {
                for (int t = 0; t < n; t++) d[dst + t] = s[src + t * sw];
            }
        }
    }

    /** d[plane + ih*w + iw] += s[row + (oh*wo + ow) * cs] over the in-bounds range (cs: the column stride). */
    static void col2imRow(float[] s, int row, int cs, int w, int sh, int sw, float[] d, int plane, int wo, Range r) {
        int n = r.ow1() - r.ow0();
        for (int oh = r.oh0(); oh < r.oh1(); oh++) {
            int dst = plane + (r.ih0() + oh * sh) * w + r.iw0() + r.ow0() * sw, src = row + (oh * wo + r.ow0()) * cs;
            if (sw == 1 && cs == 1) {
                for (int t = 0; t < n; t++) d[dst + t] += s[src + t];
            } else {
                for (int t = 0; t < n; t++) d[dst + t * sw] += s[src + t * cs];
            }
        }
    }

    /** The double twin of {@link #col2imRow(float[], int, int, int, int, int, float[], int, int, Range)}. */
    static void col2imRow(double[] s, int row, int cs, int w, int sh, int sw, double[] d, int plane, int wo, Range r) {
        int n = r.ow1() - r.ow0();
        for (int oh = r.oh0(); oh < r.oh1(); oh++) {
            int dst = plane + (r.ih0() + oh * sh) * w + r.iw0() + r.ow0() * sw, src = row + (oh * wo + r.ow0()) * cs;
            if (sw == 1 && cs == 1) {
                for (int t = 0; t < n; t++) d[dst + t] += s[src + t];
            } else {
                for (int t = 0; t < n; t++) d[dst + t * sw] += s[src + t * cs];
            }
        }
    }
}
