package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.tensor.Shapes;
import dev.autograd4j.tensor.Storage;

/** Ops whose results are integers or booleans and so never carry a gradient (SPEC F1): comparisons, arg-reductions. */
public final class NonDiff {
    private NonDiff() {}

    /** Comparison kinds. */
    public enum Cmp { GT, LT, GE, LE, EQ, NE }

    /** Logical kinds. */
    public enum Logic { AND, OR, NOT }

    /** {@code a cmp b} elementwise with broadcasting, as a bool tensor. */
    public static Tensor compare(Cmp cmp, Tensor a, Tensor b) {
        return Elementwise.zip(a, b, DType.BOOL, (x, y) -> test(cmp, x, y) ? 1 : 0);
    }

    /** {@code a cmp s} elementwise, as a bool tensor. */
    public static Tensor compare(Cmp cmp, Tensor a, double s) {
        Tensor out = Elementwise.empty(DType.BOOL, a.shape());
        if (a.dtype() == DType.FLOAT32 && a.isContiguous()) {
            compareFloats(cmp, a.storage().f, a.storageOffset(), s, out.storage().b, a.numel());
            return out;
        }
        Elementwise.map(a, out, x -> test(cmp, x, s) ? 1 : 0);
        return out;
    }

    /**
     * The dense float32 case of {@link #compare(Cmp, Tensor, double)} (ReLU's backward runs it every step): one
     * loop per comparison instead of a per-element lambda through double.
     */
    private static void compareFloats(Cmp cmp, float[] x, int xo, double s, boolean[] out, int n) {
        switch (cmp) {
            case GT -> { for (int i = 0; i < n; i++) out[i] = x[xo + i] > s; }
            case LT -> { for (int i = 0; i < n; i++) out[i] = x[xo + i] < s; }
            case GE -> { for (int i = 0; i < n; i++) out[i] = x[xo + i] >= s; }
            case LE -> { for (int i = 0; i < n; i++) out[i] = x[xo + i] <= s; }
            case EQ -> { for (int i = 0; i < n; i++) out[i] = x[xo + i] == s; }
            case NE -> { for (int i = 0; i < n; i++) out[i] = x[xo + i] != s; }
        }
    }

    private static boolean test(Cmp cmp, double x, double y) {
        return switch (cmp) {
            case GT -> x > y;
            case LT -> x < y;
            case GE -> x >= y;
            case LE -> x <= y;
            case EQ -> x == y;
            case NE -> x != y;
        };
    }

    /** Logical and/or/not (nonzero is true), as a bool tensor. */
    public static Tensor logical(Logic op, Tensor a, Tensor b) {
        return Elementwise.zip(a, b, DType.BOOL, (x, y) -> switch (op) {
            case AND -> (x != 0 && y != 0) ? 1 : 0;
            case OR -> (x != 0 || y != 0) ? 1 : 0;
            case NOT -> x == 0 ? 1 : 0;
        });
    }

    /** argmax/argmin over all elements (dim null) or along dim: the first index of the extremum; NaN counts as the max. */
    public static Tensor argExtremum(Tensor x, Integer dim, boolean keepdim, boolean max) {
        if (x.numel() == 0) {
            throw new IllegalArgumentException((max ? "argmax" : "argmin") + "(): Expected reduction dim to be specified for "
                    + "input.numel() == 0.");
        }
        if (dim == null) {
            Tensor flat = Elementwise.contiguous(x);
            int best = bestIndex(flat.storage(), flat.storageOffset(), 1, flat.numel(), max);
            Tensor r = Tensor.of(new long[]{best}, new int[0]);
            return keepdim ? r.viewOf(ones(x.dim()), new int[x.dim()], 0) : r;
        }
        Tensor xs = x.dim() == 0 ? x.viewOf(new int[]{1}, new int[]{1}, x.storageOffset()) : x;
        int d = Shapes.wrapDim(dim, xs.dim());
        int[] keepShape = xs.shape();
        keepShape[d] = 1;
        Tensor out = Elementwise.empty(DType.INT64, keepShape);
        Storage sx = xs.storage();
        long[] o = out.storage().l;
        int[] outStrides = out.stride();
        outStrides[d] = 0;
        Tensor outView = out.viewOf(xs.shape(), outStrides, 0);
        Reduce.forEachLine(xs, outView, d, (xo, xst, oo, os, n) -> o[oo] = bestIndex(sx, xo, xst, n, max));
        if (keepdim || x.dim() == 0) return x.dim() == 0 ? out.viewOf(new int[0], new int[0], 0) : out;
        return out.viewOf(Views.remove(keepShape, d), Views.remove(out.stride(), d), 0);
    }

    private static int bestIndex(Storage s, int off, int stride, int n, boolean max) {
        int best = 0;
        double bv = s.get(off);
        for (int i = 1; i < n && !Double.isNaN(bv); i++) {
            double v = s.get(off + i * stride);
            if (Double.isNaN(v) || (max ? v > bv : v < bv)) {
                best = i;
                bv = v;
            }
        }
        return best;
    }

    private static int[] ones(int n) {
        int[] r = new int[n];
        java.util.Arrays.fill(r, 1);
        return r;
    }

    /** The multi-indices of the nonzero elements (NaN counts as nonzero), one row each: int64 of shape (n, x.dim()). */
    public static Tensor nonzero(Tensor x) {
        int n = x.numel(), d = x.dim(), k = 0;
        int[] shape = x.shape();
        long[] rows = new long[n * d];
        for (int i = 0; i < n; i++) {
            if (x.getFlat(i) == 0) continue;
            for (int j = d - 1, rest = i; j >= 0; j--) {   // unravel the row-major position i
                rows[k * d + j] = rest % shape[j];
                rest /= shape[j];
            }
            k++;
        }
        return Tensor.of(java.util.Arrays.copyOf(rows, k * d), new int[]{k, d});
    }

    /** The positions of true elements of a 1-D bool tensor, as int64. */
    public static Tensor nonzero1d(Tensor mask) {
        int n = mask.numel(), k = 0;
        long[] idx = new long[n];
        for (int i = 0; i < n; i++) if (mask.getFlat(i) != 0) idx[k++] = i;
        return Tensor.of(java.util.Arrays.copyOf(idx, k), new int[]{k});
    }

    /** The indices that sort x along dim (stable; NaN sorts as the largest), keeping the first {@code k}. */
    public static Tensor sortIndices(Tensor x, int dim, boolean descending, int k) {
        Tensor xs = x.dim() == 0 ? x.viewOf(new int[]{1}, new int[]{1}, x.storageOffset()) : x;
        int d = Shapes.wrapDim(dim, xs.dim());
        int[] outShape = xs.shape();
        outShape[d] = k;
        Tensor out = Elementwise.empty(DType.INT64, outShape);
        Storage sx = xs.storage();
        long[] o = out.storage().l;
        int os = out.stride()[d];
        int[] lineStrides = out.stride();
        lineStrides[d] = 0;
        Tensor outView = out.viewOf(xs.shape(), lineStrides, 0);
        Reduce.forEachLine(xs, outView, d, (xo, xst, oo, ost, n) -> {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) order[i] = i;
            java.util.Comparator<Integer> cmp = (p, q) -> {
                double a = sx.get(xo + p * xst), b = sx.get(xo + q * xst);
                return Double.compare(Double.isNaN(a) ? Double.POSITIVE_INFINITY : a, Double.isNaN(b) ? Double.POSITIVE_INFINITY : b);
            };
            java.util.Arrays.sort(order, descending ? cmp.reversed() : cmp);
            for (int i = 0; i < k; i++) o[oo + i * os] = order[i];
        });
        return x.dim() == 0 ? out.viewOf(new int[0], new int[0], 0) : out;
    }
}
