package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.kernel.KernelProvider;
import dev.autograd4j.kernel.Kernels;
import dev.autograd4j.tensor.Shapes;
import dev.autograd4j.tensor.Storage;

/**
 * Forward computation of reductions. The reduced dims are moved last and made contiguous, so each output element
 * reduces one contiguous row with a kernel; dim-wise scans (softmax, cumsum) walk "lines" along one dim instead.
 */
public final class Reduce {
    private static final Kernels K = KernelProvider.kernels();

    private Reduce() {}

    /** Which dims a reduction covers (null or empty = all), wrapped and checked. */
    public static boolean[] mask(int[] dims, int rank) {
        boolean[] m = new boolean[rank];
        if (dims == null || dims.length == 0) {
            java.util.Arrays.fill(m, true);
            return m;
        }
        for (int d : dims) {
            int w = Shapes.wrapDim(d, rank);
            if (rank == 0) continue;
            if (m[w]) throw new IllegalArgumentException("dim " + w + " appears multiple times in the list of dims");
            m[w] = true;
        }
        return m;
    }

    /** The output shape of reducing x over mask. */
    public static int[] outShape(int[] shape, boolean[] mask, boolean keepdim) {
        int k = 0;
        for (int i = 0; i < shape.length; i++) if (!mask[i] || keepdim) k++;
        int[] out = new int[k];
        k = 0;
        for (int i = 0; i < shape.length; i++) {
            if (!mask[i]) out[k++] = shape[i];
            else if (keepdim) out[k++] = 1;
        }
        return out;
    }

    /** x with the reduced dims moved last, contiguous: rows of length {@code reducedCount}. */
    private static Tensor rows(Tensor x, boolean[] mask) {
        int rank = x.dim();
        int[] perm = new int[rank];
        int k = 0;
        for (int i = 0; i < rank; i++) if (!mask[i]) perm[k++] = i;
        for (int i = 0; i < rank; i++) if (mask[i]) perm[k++] = i;
        boolean identity = true;
        for (int i = 0; i < rank; i++) identity &= perm[i] == i;
        Tensor p = identity ? x : x.viewOf(permuted(x.shape(), perm), permuted(x.stride(), perm), x.storageOffset());
        return Elementwise.contiguous(p);
    }

    private static int[] permuted(int[] a, int[] perm) {
        int[] r = new int[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[perm[i]];
        return r;
    }

    static int reducedCount(int[] shape, boolean[] mask) {
        int r = 1;
        for (int i = 0; i < shape.length; i++) if (mask[i]) r *= shape[i];
        return r;
    }

    /** The kinds of row reductions. */
    enum Kind { SUM, PROD, MAX, MIN, SUMSQ, ABSSUM, ABSMAX, ABSMIN }

    /** Reduces x over dims with {@code kind}; sums of integers stay int64, everything else keeps the float dtype. */
    static Tensor reduce(Tensor x, int[] dims, boolean keepdim, Kind kind) {
        boolean[] mask = mask(dims, x.dim());
        int[] outShape = outShape(x.shape(), mask, keepdim);
        int r = reducedCount(x.shape(), mask);
        if (r == 0 && (kind == Kind.MAX || kind == Kind.MIN)) {
            throw new IllegalArgumentException((kind == Kind.MAX ? "max" : "min") + "(): Expected reduction dim to be "
                    + "specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.");
        }
        DType dt = x.dtype() == DType.BOOL ? DType.INT64 : x.dtype();
        if (kind == Kind.SUM && dt == DType.FLOAT32 && x.isContiguous() && leadingOnly(mask)) {
            return columnSums(x, r, outShape);
        }
        Tensor src = rows(Elementwise.cast(x, dt), mask);
        Tensor out = Elementwise.empty(dt, outShape);
        int m = out.numel();
        Storage s = src.storage(), o = out.storage();
        int base = src.storageOffset();
        for (int i = 0; i < m; i++) {
            int off = base + i * r;
            switch (dt) {
                case FLOAT32 -> o.f[i] = (float) rowFloat(kind, s.f, off, r);
                case FLOAT64 -> o.d[i] = rowDouble(kind, s.d, off, r);
                default -> o.l[i] = rowLong(kind, s.l, off, r);
            }
        }
        return out;
    }

    /** True when the mask reduces some leading dims and keeps the rest (at least one of each). */
    private static boolean leadingOnly(boolean[] mask) {
        int lead = 0;
        while (lead < mask.length && mask[lead]) lead++;
        if (lead == 0 || lead == mask.length) return false;
        for (int i = lead; i < mask.length; i++) if (mask[i]) return false;
        return true;
    }

    /**
     * The sum over the leading dims of a contiguous float tensor (a bias gradient: g.sum(0)), as r rows added into
     * one row of double accumulators, without first copying x into its transpose.
     */
    private static Tensor columnSums(Tensor x, int r, int[] outShape) {
        Tensor out = Elementwise.empty(DType.FLOAT32, outShape);
        int m = out.numel();
        double[] acc = new double[m];
        float[] a = x.storage().f;
        int base = x.storageOffset();
        for (int i = 0; i < r; i++) {
            int off = base + i * m;
            for (int j = 0; j < m; j++) acc[j] += a[off + j];
        }
        float[] o = out.storage().f;
        for (int j = 0; j < m; j++) o[j] = (float) acc[j];
        return out;
    }

    private static double rowFloat(Kind kind, float[] a, int off, int n) {
        return switch (kind) {
            case SUM -> K.sum(a, off, n);
            case MAX -> n == 0 ? Double.NEGATIVE_INFINITY : K.max(a, off, n);
            case MIN -> n == 0 ? Double.POSITIVE_INFINITY : K.min(a, off, n);
            default -> {
                double[] tmp = new double[n];
                for (int i = 0; i < n; i++) tmp[i] = a[off + i];
                yield rowDouble(kind, tmp, 0, n);
            }
        };
    }

    private static double rowDouble(Kind kind, double[] a, int off, int n) {
        switch (kind) {
            case SUM: return K.sum(a, off, n);
            case MAX: return n == 0 ? Double.NEGATIVE_INFINITY : K.max(a, off, n);
            case MIN: return n == 0 ? Double.POSITIVE_INFINITY : K.min(a, off, n);
            case PROD: { double p = 1; for (int i = 0; i < n; i++) p *= a[off + i]; return p; }
            case SUMSQ: { double p = 0; for (int i = 0; i < n; i++) p += a[off + i] * a[off + i]; return p; }
            case ABSSUM: { double p = 0; for (int i = 0; i < n; i++) p += Math.abs(a[off + i]); return p; }
            case ABSMAX: {
                double p = 0;
                for (int i = 0; i < n; i++) { double v = Math.abs(a[off + i]); if (v > p || Double.isNaN(v)) p = v; if (Double.isNaN(p)) break; }
                return p;
            }
            case ABSMIN: {
                double p = Double.POSITIVE_INFINITY;
                for (int i = 0; i < n; i++) { double v = Math.abs(a[off + i]); if (v < p || Double.isNaN(v)) p = v; if (Double.isNaN(p)) break; }
                return p;
            }
            default: throw new AssertionError(kind);
        }
    }

    private static long rowLong(Kind kind, long[] a, int off, int n) {
        long p = switch (kind) {
            case PROD -> 1;
            case MAX -> Long.MIN_VALUE;
            case MIN -> Long.MAX_VALUE;
            default -> 0;
        };
        for (int i = 0; i < n; i++) {
            long v = a[off + i];
            p = switch (kind) {
                case SUM -> p + v;
                case PROD -> p * v;
                case MAX -> Math.max(p, v);
                case MIN -> Math.min(p, v);
                case SUMSQ -> p + v * v;
                case ABSSUM -> p + Math.abs(v);
                case ABSMAX -> Math.max(p, Math.abs(v));
                case ABSMIN -> Math.min(p, Math.abs(v));
            };
        }
        return p;
    }

    static Tensor mean(Tensor x, int[] dims, boolean keepdim) {
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("mean(): could not infer output dtype. Input dtype must be either a floating "
                    + "point or complex dtype. Got: " + (x.dtype() == DType.INT64 ? "Long" : "Bool"));
        }
        int r = reducedCount(x.shape(), mask(dims, x.dim()));
        Tensor s = reduce(x, dims, keepdim, Kind.SUM);
        Elementwise.scalarInto(Op.ScalarKind.DIV, s, r, s);
        return s;
    }

    static Tensor norm(Tensor x, double p, int[] dims, boolean keepdim) {
        Tensor xf = x.dtype().isFloatingPoint() ? x : Elementwise.cast(x, DType.FLOAT32);
        if (p == 2) {
            Tensor s = reduce(xf, dims, keepdim, Kind.SUMSQ);
            return Elementwise.unary(dev.autograd4j.kernel.Kernels.UnaryOp.SQRT, s);
        }
        if (p == 1) return reduce(xf, dims, keepdim, Kind.ABSSUM);
        if (p == Double.POSITIVE_INFINITY) return reduce(xf, dims, keepdim, Kind.ABSMAX);
        if (p == Double.NEGATIVE_INFINITY) return reduce(xf, dims, keepdim, Kind.ABSMIN);
        if (p == 0) return reduce(Elementwise.map(xf, v -> v != 0 ? 1 : 0), dims, keepdim, Kind.SUM);
        Tensor pow = Elementwise.map(xf, v -> Math.pow(Math.abs(v), p));
        Tensor s = reduce(pow, dims, keepdim, Kind.SUM);
        return Elementwise.map(s, v -> Math.pow(v, 1.0 / p));
    }

    static Tensor var(Tensor x, int[] dims, int correction, boolean keepdim) {
        boolean[] m = mask(dims, x.dim());
        int r = reducedCount(x.shape(), m);
        Tensor mu = mean(x, dims, true);
        Tensor dev = Elementwise.binary(Kernels.BinaryOp.SUB, x, mu);
        Tensor ss = reduce(dev, dims, keepdim, Kind.SUMSQ);
        Elementwise.scalarInto(Op.ScalarKind.DIV, ss, Math.max(0, r - correction), ss);
        return ss;
    }

    static Tensor logsumexp(Tensor x, int[] dims, boolean keepdim) {
        Tensor xf = x.dtype().isFloatingPoint() ? x : Elementwise.cast(x, DType.FLOAT32);
        Tensor mx = reduce(xf, dims, true, Kind.MAX);
        // An infinite max would give inf - inf = nan; shift by 0 there instead (PyTorch does the same).
        Tensor shift = Elementwise.map(mx, v -> Double.isInfinite(v) ? 0 : v);
        Tensor e = Elementwise.unary(Kernels.UnaryOp.EXP, Elementwise.binary(Kernels.BinaryOp.SUB, xf, shift));
        Tensor s = Elementwise.unary(Kernels.UnaryOp.LOG, reduce(e, dims, true, Kind.SUM));
        Tensor r = Elementwise.binary(Kernels.BinaryOp.ADD, s, shift);
        return keepdim ? r : r.viewOf(outShape(x.shape(), mask(dims, x.dim()), false),
                Shapes.contiguousStrides(outShape(x.shape(), mask(dims, x.dim()), false)), 0);
    }

    /** One line along a dim: x elements at {@code xOff + i*xStride}, out at {@code oOff + i*oStride}. */
    interface Line {
        void run(int xOff, int xStride, int oOff, int oStride, int n);
    }

    /** Calls {@code line} for every line of x along dim d, pairing it with the same line of out. */
    static void forEachLine(Tensor x, Tensor out, int d, Line line) {
        int[] shape = x.shape();
        int n = shape[d];
        shape[d] = 1;
        int xs = x.stride()[d], os = out.stride()[d];
        Loops.forEachRow(shape, new int[][]{x.stride(), out.stride()}, new int[]{x.storageOffset(), out.storageOffset()},
                (off, s, len) -> {
                    for (int i = 0; i < len; i++) line.run(off[0] + i * s[0], xs, off[1] + i * s[1], os, n);
                });
    }

    /** softmax (log=false) or log_softmax (log=true) along dim, stable (max subtracted first). */
    static Tensor softmax(Tensor x, int dim, boolean log) {
        Tensor xf = x.dtype().isFloatingPoint() ? x : Elementwise.cast(x, DType.FLOAT32);
        if (xf.dim() == 0) xf = xf.viewOf(new int[]{1}, new int[]{1}, xf.storageOffset());
        int d = Shapes.wrapDim(dim, xf.dim());
        Tensor out = Elementwise.empty(xf.dtype(), xf.shape());
        Storage sx = xf.storage(), so = out.storage();
        forEachLine(xf, out, d, (xo, xs, oo, os, n) -> {
            double mx = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) mx = Math.max(mx, sx.get(xo + i * xs));
            if (Double.isInfinite(mx)) mx = mx > 0 ? mx : 0;
            double sum = 0;
            for (int i = 0; i < n; i++) sum += Math.exp(sx.get(xo + i * xs) - mx);
            double lse = Math.log(sum);
            for (int i = 0; i < n; i++) {
                double v = sx.get(xo + i * xs) - mx;
                so.set(oo + i * os, log ? v - lse : Math.exp(v) / sum);
            }
        });
        return x.dim() == 0 ? out.viewOf(new int[0], new int[0], 0) : out;
    }

    /** Cumulative sum (or, with product, cumulative product) along dim. */
    static Tensor cumsum(Tensor x, int dim, boolean product) {
        DType dt = x.dtype() == DType.BOOL ? DType.INT64 : x.dtype();
        Tensor xc = Elementwise.cast(x, dt);
        if (xc.dim() == 0) return Elementwise.contiguousCopy(xc);
        int d = Shapes.wrapDim(dim, xc.dim());
        Tensor out = Elementwise.empty(dt, xc.shape());
        Storage sx = xc.storage(), so = out.storage();
        forEachLine(xc, out, d, (xo, xs, oo, os, n) -> {
            double acc = product ? 1 : 0;
            for (int i = 0; i < n; i++) {
                acc = product ? acc * sx.get(xo + i * xs) : acc + sx.get(xo + i * xs);
                so.set(oo + i * os, acc);
            }
        });
        return out;
    }
}
