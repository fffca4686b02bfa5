package dev.autograd4j.reliability;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;

import java.util.Arrays;
import java.util.Random;

/**
 * A plain reference N-d array (row-major doubles) for the fuzz tests: every operation is a loop over
 * multi-indices, written without the library's kernels, so the two implementations share nothing but the data.
 */
record Ref(int[] shape, double[] data) {
    static int numel(int[] shape) {
        int n = 1;
        for (int s : shape) n *= s;
        return n;
    }

    /** Random values in [-2, 2) rounded to multiples of 1/8, so sums of a few are exact in float64. */
    static Ref random(int[] shape, Random rnd) {
        double[] d = new double[numel(shape)];
        for (int i = 0; i < d.length; i++) d[i] = (rnd.nextInt(32) - 16) / 8.0;
        return new Ref(shape.clone(), d);
    }

    Tensor tensor() { return Tensor.of(data.clone(), shape.clone()); }

    /** Reads any tensor through its own shape, strides and offset straight from storage. */
    static Ref of(Tensor t) {
        int[] shape = t.shape(), stride = t.stride();
        double[] d = new double[numel(shape)];
        int[] idx = new int[shape.length];
        for (int i = 0; i < d.length; i++) {
            int pos = t.storageOffset();
            for (int k = 0; k < idx.length; k++) pos += idx[k] * stride[k];
            d[i] = t.storage().get(pos);
            next(idx, shape);
        }
        return new Ref(shape, d);
    }

    /** Advances a row-major multi-index. */
    static void next(int[] idx, int[] shape) {
        for (int k = idx.length - 1; k >= 0; k--) {
            if (++idx[k] < shape[k]) return;
            idx[k] = 0;
        }
    }

    int flat(int[] idx) {
        int f = 0;
        for (int k = 0; k < shape.length; k++) f = f * shape[k] + idx[k];
        return f;
    }

    double at(int[] idx) { return data[flat(idx)]; }

    /** Broadcast read: {@code idx} has the output's rank; leading dims are dropped, size-1 dims read index 0. */
    double atBroadcast(int[] idx) {
        int off = idx.length - shape.length, f = 0;
        for (int k = 0; k < shape.length; k++) f = f * shape[k] + (shape[k] == 1 ? 0 : idx[off + k]);
        return data[f];
    }

    static int[] broadcastShape(int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            int x = k - (n - a.length) >= 0 ? a[k - (n - a.length)] : 1;
            int y = k - (n - b.length) >= 0 ? b[k - (n - b.length)] : 1;
            if (x != y && x != 1 && y != 1) return null;
            out[k] = x == 1 ? y : x;
        }
        return out;
    }

    interface Op2 { double apply(double a, double b); }

    static Ref binary(Ref a, Ref b, Op2 op) {
        int[] shape = broadcastShape(a.shape, b.shape);
        double[] d = new double[numel(shape)];
        int[] idx = new int[shape.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = op.apply(a.atBroadcast(idx), b.atBroadcast(idx));
            next(idx, shape);
        }
        return new Ref(shape, d);
    }

    Ref permute(int[] perm) {
        int[] s = new int[perm.length];
        for (int k = 0; k < perm.length; k++) s[k] = shape[perm[k]];
        double[] d = new double[data.length];
        int[] idx = new int[s.length], src = new int[s.length];
        for (int i = 0; i < d.length; i++) {
            for (int k = 0; k < perm.length; k++) src[perm[k]] = idx[k];
            d[i] = at(src);
            next(idx, s);
        }
        return new Ref(s, d);
    }

    Ref slice(int dim, int start, int end, int step) {
        int[] s = shape.clone();
        s[dim] = Math.max(0, (end - start + step - 1) / step);
        double[] d = new double[numel(s)];
        int[] idx = new int[s.length];
        for (int i = 0; i < d.length; i++) {
            int[] src = idx.clone();
            src[dim] = start + idx[dim] * step;
            d[i] = at(src);
            next(idx, s);
        }
        return new Ref(s, d);
    }

    Ref expand(int[] sizes) {
        double[] d = new double[numel(sizes)];
        int[] idx = new int[sizes.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = atBroadcast(idx);
            next(idx, sizes);
        }
        return new Ref(sizes.clone(), d);
    }

    interface Reducer { double apply(double[] values, int n); }

    /** Reduces over {@code dims} (all when empty) with {@code r}; keepdim leaves size-1 dims. */
    Ref reduce(boolean[] reduced, boolean keepdim, Reducer r) {
        int[] outKeep = shape.clone();
        for (int k = 0; k < shape.length; k++) if (reduced[k]) outKeep[k] = 1;
        int outN = numel(outKeep);
        int groupN = outN == 0 ? 0 : data.length / Math.max(1, outN);
        double[][] groups = new double[outN][groupN];
        int[] fill = new int[outN];
        int[] idx = new int[shape.length];
        for (int i = 0; i < data.length; i++) {
            int f = 0;
            for (int k = 0; k < shape.length; k++) f = f * outKeep[k] + (reduced[k] ? 0 : idx[k]);
            groups[f][fill[f]++] = data[i];
            next(idx, shape);
        }
        double[] d = new double[outN];
        for (int i = 0; i < outN; i++) d[i] = r.apply(groups[i], groupN);
        int[] s = outKeep;
        if (!keepdim) s = Arrays.stream(range(shape.length)).filter(k -> !reduced[k]).map(k -> shape[k]).toArray();
        return new Ref(s, d);
    }

    /** torch.matmul for any ranks >= 1, by its definition: batch dims broadcast, 1-d operands promoted then dropped. */
    static Ref matmul(Ref a, Ref b) {
        int[] as = a.shape.length == 1 ? new int[]{1, a.shape[0]} : a.shape;
        int[] bs = b.shape.length == 1 ? new int[]{b.shape[0], 1} : b.shape;
        int n = as[as.length - 2], k = as[as.length - 1], m = bs[bs.length - 1];
        int[] batch = broadcastShape(Arrays.copyOf(as, as.length - 2), Arrays.copyOf(bs, bs.length - 2));
        Ref a2 = new Ref(as, a.data), b2 = new Ref(bs, b.data);
        int[] outShape = concat(batch, new int[]{n, m});
        double[] d = new double[numel(outShape)];
        int[] idx = new int[outShape.length];
        int[] ai = new int[outShape.length], bi = new int[outShape.length];
        for (int i = 0; i < d.length; i++) {
            double s = 0;
            System.arraycopy(idx, 0, ai, 0, idx.length);
            System.arraycopy(idx, 0, bi, 0, idx.length);
            for (int p = 0; p < k; p++) {
                ai[ai.length - 1] = p;
                bi[bi.length - 2] = p;
                s += a2.atBroadcast(ai) * b2.atBroadcast(bi);
            }
            d[i] = s;
            next(idx, outShape);
        }
        int[] s = outShape;
        if (a.shape.length == 1) s = removeAt(s, s.length - 2);
        if (b.shape.length == 1) s = removeAt(s, s.length - 1);
        return new Ref(s, d);
    }

    static int[] concat(int[] x, int[] y) {
        int[] r = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, r, x.length, y.length);
        return r;
    }

    static int[] removeAt(int[] x, int k) {
        int[] r = new int[x.length - 1];
        for (int i = 0, j = 0; i < x.length; i++) if (i != k) r[j++] = x[i];
        return r;
    }

    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    static void assertClose(Ref expected, Tensor actual, double tol, String what) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected.shape, actual.shape(), what + ": shape");
        Ref got = of(actual.dtype() == DType.FLOAT64 ? actual : actual.to(DType.FLOAT64));
        for (int i = 0; i < expected.data.length; i++) {
            double e = expected.data[i], g = got.data[i];
            if (Double.isNaN(e) ? !Double.isNaN(g) : Math.abs(e - g) > tol * Math.max(1, Math.abs(e))) {
                org.junit.jupiter.api.Assertions.fail(what + ": element " + i + " expected " + e + " got " + g);
            }
        }
    }
}
