package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.kernel.Parallel;
import dev.autograd4j.tensor.Shapes;
import dev.autograd4j.tensor.Storage;

/**
 * Forward kernels of the sliding-window ops: im2col / col2im, convolution as im2col + one GEMM per sample and group,
 * and max pooling by argmax positions.
 *
 * <p>NOTE [Convolution as im2col]: a convolution's input windows are copied once into a column matrix with rows
 * (c, i, j), matching the weight's [O, C, kh, kw] layout, and columns (n, oh, ow). For a convolution, im2col's
 * result is the [N, C*kh*kw, L] tensor of F.unfold (L = Ho*Wo) stored as [C*kh*kw, N, L] (strides L, N*L, 1;
 * {@code Im2Col.batchInColumns}), so that the whole batch is ONE matrix [C*kh*kw, N*L] without a copy: the forward is one GEMM {@code W[O, C*K] @ cols} per
 * group, and the backward (in the derivative table) is two more big GEMMs ({@code g cols^T} for the weight,
 * {@code W^T g} for the columns) plus col2im, the adjoint of im2col. Few large GEMMs keep the packed Sgemm kernel
 * busy; per-sample GEMMs of N = Ho*Wo columns would not.
 */
public final class Windowed {
    private Windowed() {}

    /** Output length of one spatial dim. */
    public static int outSize(int in, int k, int s, int p, int d) {
        return (in + 2 * p - d * (k - 1) - 1) / s + 1;
    }

    /** [N, C, H, W] (any strides) to contiguous [N, C*kh*kw, Ho*Wo]. */
    static Tensor im2col(Tensor x, Op.Im2Col g) {
        if (x.dim() != 4) {
            throw new IllegalArgumentException("im2col: expected a 4-D input [N, C, H, W] but got " + Shapes.str(x.shape()));
        }
        int n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        int ho = outSize(h, g.kh(), g.sh(), g.ph(), g.dh()), wo = outSize(w, g.kw(), g.sw(), g.pw(), g.dw());
        if (ho <= 0 || wo <= 0) {
            throw new IllegalArgumentException("Given input with spatial size (" + h + ", " + w + "), kernel_size=(" + g.kh()
                    + ", " + g.kw() + "), dilation=(" + g.dh() + ", " + g.dw() + "), padding=(" + g.ph() + ", " + g.pw()
                    + "), calculated shape of the array of sliding blocks as (" + ho + ", " + wo
                    + "), but its components must be at least one.");
        }
        int k = g.kh() * g.kw(), l = ho * wo;
        // batchInColumns: stored [C*K, N, L], row r of sample n at (r * N + n) * L; otherwise contiguous [N, C*K, L].
        boolean bic = g.batchInColumns();
        Tensor out = Elementwise.empty(x.dtype(), new int[]{n, c * k, l});
        if (bic) out = out.viewOf(new int[]{n, c * k, l}, new int[]{l, n * l, 1}, 0);
        if (out.numel() == 0) return out;
        Tensor xc = x.isContiguous() ? x : Elementwise.contiguousCopy(x);
        Storage src = xc.storage(), dst = out.storage();
        int xo = xc.storageOffset();
        Im2ColKernels.Range[] ranges = ranges(g, h, w, ho, wo);
        // One task per (channel, sample), channel-major: consecutive tasks write adjacent segments of the same rows.
        Parallel.parallelFor(0, n * c, 1, (lo, hi) -> {
            // In the [C*K, N, L] layout, kernel offset outermost per channel writes each column row front to back
            // across the batch; in [N, C*K, L], one sample at a time does.
            for (int cn0 = lo, cn1; cn0 < hi; cn0 = cn1) {
                cn1 = bic ? Math.min(hi, (cn0 / n + 1) * n) : cn0 + 1;
                for (int ij = 0; ij < k; ij++) for (int cn = cn0; cn < cn1; cn++) {
                    int ci = cn / n, ni = cn % n;
                    int plane = xo + (ni * c + ci) * h * w;
                    int r = ci * k + ij;
                    int row = (bic ? r * n + ni : ni * c * k + r) * l;
                    // The output is fresh zeroed storage, so only the in-bounds part of the row is written.
                    switch (src.dtype) {
                        case FLOAT32 -> Im2ColKernels.im2colRow(src.f, plane, w, g.sh(), g.sw(), dst.f, row, wo, ranges[ij]);
                        case FLOAT64 -> Im2ColKernels.im2colRow(src.d, plane, w, g.sh(), g.sw(), dst.d, row, wo, ranges[ij]);
                        default -> im2colRowGeneral(src, plane, h, w, g, ij / g.kw(), ij % g.kw(), dst, row, ho, wo);
                    }
                }
            }
        });
        return out;
    }

    /** The in-bounds ranges of every kernel offset i * kw + j. */
    private static Im2ColKernels.Range[] ranges(Op.Im2Col g, int h, int w, int ho, int wo) {
        Im2ColKernels.Range[] r = new Im2ColKernels.Range[g.kh() * g.kw()];
        for (int i = 0; i < g.kh(); i++) {
            for (int j = 0; j < g.kw(); j++) r[i * g.kw() + j] = Im2ColKernels.Range.of(g, i, j, h, w, ho, wo);
        }
        return r;
    }

    /** One im2col row element by element, for integer and bool dtypes (outside the input reads 0). */
    private static void im2colRowGeneral(Storage src, int plane, int h, int w, Op.Im2Col g, int i, int j, Storage dst, int row,
                                         int ho, int wo) {
        for (int oh = 0; oh < ho; oh++) {
            int ih = oh * g.sh() - g.ph() + i * g.dh();
            if (ih < 0 || ih >= h) continue;
            for (int ow = 0, iw = j * g.dw() - g.pw(); ow < wo; ow++, iw += g.sw()) {
                if (iw >= 0 && iw < w) dst.set(row + oh * wo + ow, src.get(plane + ih * w + iw));
            }
        }
    }

    /** [N, C*kh*kw, L] (any strides) summed back into contiguous [N, C, h, w]. */
    static Tensor col2im(Tensor cols, Op.Col2Im g) {
        int k = g.kh() * g.kw();
        int ho = outSize(g.h(), g.kh(), g.sh(), g.ph(), g.dh()), wo = outSize(g.w(), g.kw(), g.sw(), g.pw(), g.dw());
        if (cols.dim() != 3 || cols.size(1) % k != 0 || cols.size(2) != ho * wo || ho <= 0 || wo <= 0) {
            throw new IllegalArgumentException("col2im: expected input of shape [N, C*" + g.kh() + "*" + g.kw() + ", "
                    + Math.max(0, ho) * Math.max(0, wo) + "] for output size (" + g.h() + ", " + g.w() + "), kernel_size=("
                    + g.kh() + ", " + g.kw() + "), dilation=(" + g.dh() + ", " + g.dw() + "), padding=(" + g.ph() + ", "
                    + g.pw() + "), stride=(" + g.sh() + ", " + g.sw() + "), but got " + Shapes.str(cols.shape()));
        }
        int n = cols.size(0), c = cols.size(1) / k, h = g.h(), w = g.w();
        Tensor out = Elementwise.empty(cols.dtype(), new int[]{n, c, h, w});
        if (out.numel() == 0) return out;
        col2imInto(cols, g, out.storage(), 0);
        return out;
    }

    /** col2im of checked [N, C*K, L] columns added into the contiguous [N, C, h, w] at offset {@code at} of dst. */
    static void col2imInto(Tensor cols, Op.Col2Im g, Storage dst, int at) {
        int k = g.kh() * g.kw();
        int ho = outSize(g.h(), g.kh(), g.sh(), g.ph(), g.dh()), wo = outSize(g.w(), g.kw(), g.sw(), g.pw(), g.dw());
        int n = cols.size(0), c = cols.size(1) / k, h = g.h(), w = g.w();
        int[] st = cols.stride();
        int co = cols.storageOffset();
        Storage src = cols.storage();
        Im2ColKernels.Range[] ranges = ranges(new Op.Im2Col(g.kh(), g.kw(), g.dh(), g.dw(), g.ph(), g.pw(), g.sh(), g.sw(), false),
                h, w, ho, wo);
        boolean batchInner = st[0] < st[1];
        // Channel-major tasks, so that consecutive tasks read adjacent segments of im2col's [C*K, N, L] layout.
        Parallel.parallelFor(0, n * c, 1, (lo, hi) -> {
            // Batch stride below the row stride (im2col's [C*K, N, L]): kernel offset outermost per channel reads each
            // column row front to back across the batch; otherwise one sample at a time does.
            for (int cn0 = lo, cn1; cn0 < hi; cn0 = cn1) {
                cn1 = batchInner ? Math.min(hi, (cn0 / n + 1) * n) : cn0 + 1;
                for (int ij = 0; ij < k; ij++) for (int cn = cn0; cn < cn1; cn++) {
                    int ci = cn / n, ni = cn % n;
                    int plane = at + (ni * c + ci) * h * w;
                    int row = co + ni * st[0] + (ci * k + ij) * st[1];
                    switch (src.dtype) {
                        case FLOAT32 -> Im2ColKernels.col2imRow(src.f, row, st[2], w, g.sh(), g.sw(), dst.f, plane, wo, ranges[ij]);
                        case FLOAT64 -> Im2ColKernels.col2imRow(src.d, row, st[2], w, g.sh(), g.sw(), dst.d, plane, wo, ranges[ij]);
                        default -> col2imRowGeneral(src, row, st[2], h, w, g, ij / g.kw(), ij % g.kw(), dst, plane, ho, wo);
                    }
                }
            }
        });
    }

    /** One col2im row element by element, for integer and bool dtypes (padding positions are dropped). */
    private static void col2imRowGeneral(Storage src, int row, int cs, int h, int w, Op.Col2Im g, int i, int j, Storage dst,
                                         int plane, int ho, int wo) {
        for (int oh = 0; oh < ho; oh++) {
            int ih = oh * g.sh() - g.ph() + i * g.dh();
            if (ih < 0 || ih >= h) continue;
            for (int ow = 0, iw = j * g.dw() - g.pw(); ow < wo; ow++, iw += g.sw()) {
                if (iw < 0 || iw >= w) continue;
                int d = plane + ih * w + iw;
                dst.set(d, dst.get(d) + src.get(row + (oh * wo + ow) * cs));
            }
        }
    }

    /** The Im2Col that a 2-D convolution with these parameters and a [.., .., kh, kw] weight applies. */
    static Op.Im2Col im2colOf(Op.Convolution conv, int kh, int kw) {
        int[] s = conv.stride(), p = conv.padding(), d = conv.dilation();
        if (s.length == 1) return new Op.Im2Col(1, kw, 1, d[0], 0, p[0], 1, s[0], true);
        return new Op.Im2Col(kh, kw, d[0], d[1], p[0], p[1], s[0], s[1], true);
    }

    /** Convolution forward: im2col, then W_g @ cols[n, g] into out[n, g] for every sample n and group g. */
    static Tensor convolution(Op.Convolution conv, Tensor x, Tensor weight, Tensor bias) {
        boolean oneD = conv.stride().length == 1;
        if (x.dim() != (oneD ? 3 : 4) || weight.dim() != x.dim()) {
            throw new IllegalArgumentException("convolution: expected " + (oneD ? "3-D" : "4-D") + " input and weight, but got "
                    + "input of size " + Shapes.str(x.shape()) + " and weight of size " + Shapes.str(weight.shape()));
        }
        if (x.dtype() != weight.dtype() || (bias != null && bias.dtype() != x.dtype())) {
            throw new IllegalArgumentException("convolution: input (" + x.dtype().legacyName() + ") and weight ("
                    + weight.dtype().legacyName() + ")" + (bias == null ? "" : " and bias (" + bias.dtype().legacyName() + ")")
                    + " should be the same dtype");
        }
        Tensor x4 = oneD ? x.viewOf(new int[]{x.size(0), x.size(1), 1, x.size(2)},
                new int[]{x.stride()[0], x.stride()[1], 0, x.stride()[2]}, x.storageOffset()) : x;
        int groups = conv.groups();
        int n = x4.size(0), c = x4.size(1), o = weight.size(0);
        int kh = oneD ? 1 : weight.size(2), kw = weight.size(oneD ? 2 : 3);
        if (c != weight.size(1) * groups || o % groups != 0) {
            throw new IllegalArgumentException("Given groups=" + groups + ", weight of size " + Shapes.str(weight.shape())
                    + ", expected input" + Shapes.str(x.shape()) + " to have " + weight.size(1) * groups
                    + " channels, but got " + c + " channels instead");
        }
        if (bias != null && (bias.dim() != 1 || bias.size(0) != o)) {
            throw new IllegalArgumentException("Given weight of size " + Shapes.str(weight.shape()) + ", expected bias to be 1-dimensional with "
                    + o + " elements, but got bias of size " + Shapes.str(bias.shape()) + " instead");
        }
        Op.Im2Col g = im2colOf(conv, kh, kw);
        Tensor cols = im2col(x4, g);                                     // [N, C*K, L], stored [C*K, N*L]
        if (conv.columns() != null) conv.columns().offer(cols);
        int l = cols.size(2), nl = n * l, cgk = weight.size(1) * kh * kw, og = o / groups;
        int ho = outSize(x4.size(2), kh, g.sh(), g.ph(), g.dh()), wo = l / Math.max(1, ho);
        Tensor wc = weight.isContiguous() ? weight : Elementwise.contiguousCopy(weight);
        Tensor prod = Elementwise.empty(x.dtype(), new int[]{o, nl});     // [O, N*L]
        for (int gi = 0; gi < groups && nl > 0; gi++) {
            Tensor a = wc.viewOf(new int[]{og, cgk}, new int[]{cgk, 1}, wc.storageOffset() + gi * og * cgk);
            Tensor b = cols.viewOf(new int[]{cgk, nl}, new int[]{nl, 1}, gi * cgk * nl);
            Tensor r = prod.viewOf(new int[]{og, nl}, new int[]{nl, 1}, gi * og * nl);
            LinAlg.gemmInto(a, b, r, false);
        }
        // [O, N, L] -> [N, O, L], adding the bias on the way.
        int[] shape = oneD ? new int[]{n, o, wo} : new int[]{n, o, ho, wo};
        Tensor out = Elementwise.empty(x.dtype(), shape);
        Storage ps = prod.storage(), os = out.storage();
        for (int ni = 0; ni < n; ni++) {
            for (int oi = 0; oi < o; oi++) {
                double b = bias == null ? 0 : bias.storage().get(bias.storageOffset() + oi * bias.stride()[0]);
                int src = oi * nl + ni * l, dst = (ni * o + oi) * l;
                if (ps.dtype == DType.FLOAT32) {
                    float fb = (float) b;
                    float[] pf = ps.f, of = os.f;
                    if (fb == 0f) System.arraycopy(pf, src, of, dst, l);
                    else for (int t = 0; t < l; t++) of[dst + t] = pf[src + t] + fb;
                } else {
                    for (int t = 0; t < l; t++) os.set(dst + t, ps.get(src + t) + b);
                }
            }
        }
        return out;
    }

    /**
     * The argmax of every pooling window of [.., H, W] as a flat index ih * W + iw (PyTorch's max_pool2d indices):
     * padding never wins, the first maximum wins ties, a NaN wins over numbers and the last of several NaNs wins
     * (PyTorch's {@code (val > maxval) || isnan(val)}).
     */
    public static Tensor maxPool2dIndices(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        int rank = x.dim();
        int h = x.size(rank - 2), w = x.size(rank - 1);
        int ho = outSize(h, kernel[0], stride[0], padding[0], dilation[0]);
        int wo = outSize(w, kernel[1], stride[1], padding[1], dilation[1]);
        if (ho <= 0 || wo <= 0) {
            throw new IllegalArgumentException("max_pool2d: given input size: (" + Shapes.str(x.shape()) + "). Calculated output size: ("
                    + ho + "x" + wo + "). Output size is too small");
        }
        int[] outShape = x.shape();
        outShape[rank - 2] = ho;
        outShape[rank - 1] = wo;
        Tensor out = Elementwise.empty(DType.INT64, outShape);
        Tensor xc = x.isContiguous() ? x : Elementwise.contiguousCopy(x);
        Storage s = xc.storage();
        int planes = h * w == 0 ? out.numel() / Math.max(1, ho * wo) : x.numel() / (h * w);
        var geo = new MaxPoolKernels.Geometry(h, w, ho, wo, kernel, stride, padding, dilation);
        // float32 (training) by the typed loops; float64 and integers by the general loop, which gives the same answers.
        if (s.dtype == DType.FLOAT32) MaxPoolKernels.indices(s.f, xc.storageOffset(), out.storage().l, planes, geo);
        else maxPool2dIndicesGeneral(s, xc.storageOffset(), out.storage().l, planes, geo);
        return out;
    }

    /** The element-by-element argmax loop for any dtype (float64 and integer inputs; the reference of MaxPoolKernels' float loops). */
    static void maxPool2dIndicesGeneral(Storage s, int xo, long[] idx, int planes, MaxPoolKernels.Geometry g) {
        int h = g.h(), w = g.w(), ho = g.ho(), wo = g.wo();
        int[] kernel = g.kernel(), stride = g.stride(), padding = g.padding(), dilation = g.dilation();
        Parallel.parallelFor(0, planes, 1, (lo, hi) -> {
            for (int pl = lo; pl < hi; pl++) {
                int base = xo + pl * h * w;
                for (int oh = 0; oh < ho; oh++) {
                    for (int ow = 0; ow < wo; ow++) {
                        int best = -1;
                        double bestV = Double.NEGATIVE_INFINITY;
                        for (int i = 0; i < kernel[0]; i++) {
                            int ih = oh * stride[0] - padding[0] + i * dilation[0];
                            if (ih < 0 || ih >= h) continue;
                            for (int j = 0; j < kernel[1]; j++) {
                                int iw = ow * stride[1] - padding[1] + j * dilation[1];
                                if (iw < 0 || iw >= w) continue;
                                double v = s.get(base + ih * w + iw);
                                if (best < 0 || v > bestV || Double.isNaN(v)) {
                                    best = ih * w + iw;
                                    bestV = v;
                                }
                            }
                        }
                        idx[(pl * ho + oh) * wo + ow] = best;
                    }
                }
            }
        });
    }

    /** out[.., o] = x[.., idx[.., o]] over the flattened last two dims (the max_pool2d values). */
    static Tensor gatherPlanes(Tensor x, Tensor idx) {
        int rank = x.dim();
        int hw = x.size(rank - 2) * x.size(rank - 1);
        int[] os = idx.shape();
        int howo = os[rank - 2] * os[rank - 1];
        Tensor out = Elementwise.empty(x.dtype(), os);
        Tensor xc = x.isContiguous() ? x : Elementwise.contiguousCopy(x);
        Tensor ic = idx.isContiguous() ? idx : Elementwise.contiguousCopy(idx);
        int xo = xc.storageOffset(), io = ic.storageOffset();
        Storage s = xc.storage(), d = out.storage();
        long[] id = ic.storage().l;
        int planes = out.numel() / Math.max(1, howo);
        for (int pl = 0; pl < planes; pl++) {
            int base = xo + pl * hw, at = pl * howo, ia = io + pl * howo;
            switch (s.dtype) {
                case FLOAT32 -> { for (int o = 0; o < howo; o++) d.f[at + o] = s.f[base + (int) id[ia + o]]; }
                case FLOAT64 -> { for (int o = 0; o < howo; o++) d.d[at + o] = s.d[base + (int) id[ia + o]]; }
                default -> { for (int o = 0; o < howo; o++) d.set(at + o, s.get(base + (int) id[ia + o])); }
            }
        }
        return out;
    }

    /** zeros([.., h, w]) with g[.., o] added at idx[.., o] (max_pool2d's backward). */
    static Tensor scatterPlanes(Tensor g, Tensor idx, int h, int w) {
        int rank = g.dim();
        int[] os = g.shape();
        int howo = os[rank - 2] * os[rank - 1];
        int[] shape = os.clone();
        shape[rank - 2] = h;
        shape[rank - 1] = w;
        Tensor out = Elementwise.empty(g.dtype(), shape);
        Tensor gc = g.isContiguous() ? g : Elementwise.contiguousCopy(g);
        Tensor ic = idx.isContiguous() ? idx : Elementwise.contiguousCopy(idx);
        int go = gc.storageOffset(), io = ic.storageOffset();
        Storage s = gc.storage(), d = out.storage();
        long[] id = ic.storage().l;
        int planes = g.numel() / Math.max(1, howo);
        for (int pl = 0; pl < planes; pl++) {
            int base = pl * h * w, ga = go + pl * howo, ia = io + pl * howo;
            switch (s.dtype) {
                case FLOAT32 -> { for (int o = 0; o < howo; o++) d.f[base + (int) id[ia + o]] += s.f[ga + o]; }
                case FLOAT64 -> { for (int o = 0; o < howo; o++) d.d[base + (int) id[ia + o]] += s.d[ga + o]; }
                default -> {
                    for (int o = 0; o < howo; o++) {
                        int dst = base + (int) id[ia + o];
                        d.set(dst, d.get(dst) + s.get(ga + o));
                    }
                }
            }
        }
        return out;
    }

    /** Constant padding (negative pads crop): pairs (before, after) from the last dim backwards. */
    static Tensor constantPad(Tensor x, int[] pad, double value) {
        int rank = x.dim();
        if (pad.length % 2 != 0) throw new IllegalArgumentException("Padding length must be divisible by 2");
        if (pad.length / 2 > rank) {
            throw new IllegalArgumentException("Padding length should be less than or equal to two times the input dimension but got padding length "
                    + pad.length + " and input of dimension " + rank);
        }
        int[] shape = x.shape(), outShape = x.shape();
        int[] srcStart = new int[rank], dstStart = new int[rank], len = shape.clone();
        for (int i = 0; i < pad.length / 2; i++) {
            int d = rank - 1 - i, before = pad[2 * i], after = pad[2 * i + 1];
            outShape[d] = shape[d] + before + after;
            if (outShape[d] < 0) {
                throw new IllegalArgumentException("The input size " + shape[d] + ", plus negative padding " + before + " and "
                        + after + " resulted in a negative output size, which is invalid. Check dimension " + d + " of your input.");
            }
            srcStart[d] = Math.max(0, -before);
            dstStart[d] = Math.max(0, before);
            len[d] = Math.max(0, Math.min(shape[d] - srcStart[d], outShape[d] - dstStart[d]));
        }
        Tensor out = Elementwise.empty(x.dtype(), outShape);
        if (value != 0) fillValue(out.storage(), value);
        for (int l : len) if (l == 0) return out;
        int[] xs = x.stride(), os = out.stride();
        int xo = x.storageOffset(), oo = 0;
        for (int d = 0; d < rank; d++) {
            xo += srcStart[d] * xs[d];
            oo += dstStart[d] * os[d];
        }
        Elementwise.copyInto(x.viewOf(len, xs, xo), out.viewOf(len, os, oo));
        return out;
    }

    private static void fillValue(Storage s, double v) {
        for (int i = 0; i < s.length(); i++) s.set(i, v);
    }

    /** x at precomputed positions: flat positions (dim null, output 0-d) or along dim (squeezed unless keepdim). */
    static Tensor valuesAt(Op.ValuesAt op, Tensor x, Tensor idx) {
        if (op.dim() == null) {
            Tensor xc = Elementwise.contiguousCopy(x);
            Tensor flat = xc.viewOf(new int[]{xc.numel()}, new int[]{1}, 0);
            Tensor v = Indexing.gather(flat, 0, idx.viewOf(new int[]{1}, new int[]{1}, idx.storageOffset()));
            return v.viewOf(new int[0], new int[0], 0);
        }
        if (x.dim() == 0) return Elementwise.contiguousCopy(x);
        Tensor v = Indexing.gather(x, op.dim(), idx);
        return op.keepdim() ? v : v.viewOf(Views.remove(v.shape(), op.dim()), Views.remove(v.stride(), op.dim()), 0);
    }
}
