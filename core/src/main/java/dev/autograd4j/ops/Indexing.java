package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.tensor.Shapes;

import java.util.Arrays;

/** Forward computation of joining and indexing ops: cat, stack, gather, index_select, x[idx], masked_fill. */
final class Indexing {
    private Indexing() {}

    static Tensor cat(Tensor[] xs, int dim) {
        Tensor first = null;
        for (Tensor t : xs) if (!(t.dim() == 1 && t.numel() == 0)) { first = t; break; } // legacy: 1-D empties are skipped
        if (first == null) return Elementwise.contiguousCopy(xs[0]);
        if (first.dim() == 0) throw new IllegalArgumentException("zero-dimensional tensor (at position 0) cannot be concatenated");
        int d = Shapes.wrapDim(dim, first.dim());
        int[] shape = first.shape();
        DType dt = first.dtype();
        int total = 0;
        for (int k = 0; k < xs.length; k++) {
            Tensor t = xs[k];
            if (t.dim() == 1 && t.numel() == 0) continue;
            if (t.dim() != shape.length) {
                throw new IllegalArgumentException("Tensors must have same number of dimensions: got " + shape.length + " and " + t.dim());
            }
            for (int i = 0; i < shape.length; i++) {
                if (i != d && t.size(i) != shape[i]) {
                    throw new IllegalArgumentException("Sizes of tensors must match except in dimension " + d + ". Expected size "
                            + shape[i] + " but got size " + t.size(i) + " for tensor number " + k + " in the list.");
                }
            }
            total += t.size(d);
            dt = DType.promote(dt, t.dtype());
        }
        shape[d] = total;
        Tensor out = Elementwise.empty(dt, shape);
        int pos = 0;
        for (Tensor t : xs) {
            if (t.dim() == 1 && t.numel() == 0) continue;
            int len = t.size(d);
            Tensor dst = out.viewOf(withDim(shape, d, len), out.stride(), pos * out.stride()[d]);
            Elementwise.copyInto(t, dst);
            pos += len;
        }
        return out;
    }

    static Tensor stack(Tensor[] xs, int dim) {
        int[] shape = xs[0].shape();
        int d = Shapes.wrapDim(dim, shape.length + 1);
        Tensor[] us = new Tensor[xs.length];
        for (int k = 0; k < xs.length; k++) {
            if (!Arrays.equals(xs[k].shape(), shape)) {
                throw new IllegalArgumentException("stack expects each tensor to be equal size, but got " + Shapes.str(shape)
                        + " at entry 0 and " + Shapes.str(xs[k].shape()) + " at entry " + k);
            }
            int[] st = xs[k].stride();
            us[k] = xs[k].viewOf(Views.insert(shape, d, 1), Views.insert(st, d, 1), xs[k].storageOffset());
        }
        return cat(us, d);
    }

    private static int[] withDim(int[] shape, int d, int v) {
        int[] r = shape.clone();
        r[d] = v;
        return r;
    }

    private static void checkIndex(Tensor index, String op) {
        if (index.dtype() != DType.INT64) {
            throw new IllegalArgumentException(op + "(): Expected dtype int64 for index");
        }
    }

    static Tensor gather(Tensor x, int dim, Tensor index) {
        checkIndex(index, "gather");
        int d = Shapes.wrapDim(dim, x.dim());
        if (index.dim() != x.dim() && !(x.dim() == 0 && index.dim() <= 1)) {
            throw new IllegalArgumentException("Index tensor must have the same number of dimensions as input tensor");
        }
        Tensor out = Elementwise.empty(x.dtype(), index.shape());
        int n = out.numel();
        int[] shape = index.shape();
        int[] idx = new int[shape.length];
        for (int i = 0; i < n; i++) {
            int rem = i;
            for (int k = shape.length - 1; k >= 0; k--) { idx[k] = rem % shape[k]; rem /= shape[k]; }
            long j = index.getFlatLong(i);
            int size = x.dim() == 0 ? 1 : x.size(d);
            if (j < -size || j >= size) {
                throw new IndexOutOfBoundsException("index " + j + " is out of bounds for dimension " + d + " with size " + size);
            }
            int src = x.storageOffset();
            int[] st = x.stride();
            for (int k = 0; k < shape.length && k < st.length; k++) {
                int v = k == d ? (int) (j < 0 ? j + size : j) : idx[k];
                if (k != d && v >= x.size(k)) {
                    throw new IllegalArgumentException("Size does not match at dimension " + k + " expected index "
                            + Shapes.str(index.shape()) + " to be smaller than self " + Shapes.str(x.shape())
                            + " apart from dimension " + d);
                }
                src += v * st[k];
            }
            out.storage().set(i, x.storage().get(src));
        }
        return out;
    }

    static Tensor indexSelect(Tensor x, int dim, Tensor index) {
        checkIndex(index, "index_select");
        if (index.dim() > 1) throw new IllegalArgumentException("index_select(): Index is supposed to be a vector");
        int d = Shapes.wrapDim(dim, x.dim());
        int[] shape = x.shape();
        int k = index.numel();
        int[] outShape = withDim(shape, d, k);
        Tensor out = Elementwise.empty(x.dtype(), outShape);
        for (int i = 0; i < k; i++) {
            long j = index.getFlatLong(i);
            if (j < -shape[d] || j >= shape[d]) {
                throw new IndexOutOfBoundsException("index out of range in self");
            }
            int jj = (int) (j < 0 ? j + shape[d] : j);
            Tensor src = x.viewOf(withDim(shape, d, 1), x.stride(), x.storageOffset() + jj * x.stride()[d]);
            Tensor dst = out.viewOf(withDim(outShape, d, 1), out.stride(), i * out.stride()[d]);
            Elementwise.copyInto(src, dst);
        }
        return out;
    }

    /** x[indices] along dim 0: the result has shape indices.shape + x.shape[1:]. */
    static Tensor index(Tensor x, Tensor indices) {
        if (indices.dtype() != DType.INT64) {
            throw new IllegalArgumentException("tensors used as indices must be long, int, byte or bool tensors");
        }
        if (x.dim() == 0) throw new IllegalArgumentException("invalid index of a 0-dim tensor.");
        int size = x.size(0);
        for (int i = 0; i < indices.numel(); i++) {
            long j = indices.getFlatLong(i);
            if (j < -size || j >= size) {
                throw new IndexOutOfBoundsException("index " + j + " is out of bounds for dimension 0 with size " + size);
            }
        }
        Tensor flat = indices.numel() == indices.dim() && indices.dim() == 1 ? indices : Elementwise.contiguousCopy(indices);
        Tensor sel = indexSelect(x, 0, flat.viewOf(new int[]{flat.numel()}, new int[]{1}, flat.storageOffset()));
        int[] rest = Arrays.copyOfRange(x.shape(), 1, x.dim());
        int[] shape = new int[indices.dim() + rest.length];
        System.arraycopy(indices.shape(), 0, shape, 0, indices.dim());
        System.arraycopy(rest, 0, shape, indices.dim(), rest.length);
        return sel.viewOf(shape, Shapes.contiguousStrides(shape), 0);
    }

    static Tensor maskedFill(Tensor x, Tensor mask, double value) {
        if (mask.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("masked_fill_ only supports boolean masks, but got mask with dtype "
                    + mask.dtype().torchName().substring(6));
        }
        Shapes.broadcast(x.shape(), mask.shape());
        Tensor fill = Tensor.scalar(value, x.dtype());
        Tensor out = Elementwise.where(mask, fill, x);
        if (!Arrays.equals(out.shape(), x.shape())) {
            throw new IllegalArgumentException("output with shape " + Shapes.str(x.shape())
                    + " doesn't match the broadcast shape " + Shapes.str(out.shape()));
        }
        return out;
    }

    /** zeros(shape) with {@code src[i]} added at position {@code index[i]} along dim (index has src's shape). */
    static Tensor scatterAdd(Tensor src, int dim, Tensor index, int[] shape) {
        Tensor out = Elementwise.empty(src.dtype(), shape);
        int d = Shapes.wrapDim(dim, Math.max(shape.length, 1));
        int[] ishape = index.shape();
        int[] idx = new int[ishape.length];
        int[] ost = out.stride();
        int n = index.numel();
        for (int i = 0; i < n; i++) {
            int rem = i;
            for (int k = ishape.length - 1; k >= 0; k--) { idx[k] = rem % ishape[k]; rem /= ishape[k]; }
            int j = (int) index.getFlatLong(i);
            if (shape.length > 0 && j < 0) j += shape[d];
            int dst = 0;
            for (int k = 0; k < ishape.length && k < shape.length; k++) dst += (k == d ? j : idx[k]) * ost[k];
            out.storage().set(dst, out.storage().get(dst) + src.getFlat(i));
        }
        return out;
    }

    /** zeros(shape) with slice i of src added at slice {@code index[i]} along dim. */
    static Tensor indexAdd(Tensor src, int dim, Tensor index, int[] shape) {
        Tensor out = Elementwise.empty(src.dtype(), shape);
        int d = Shapes.wrapDim(dim, Math.max(shape.length, 1));
        int[] sshape = src.shape();
        int[] one = withDim(shape, d, 1);
        for (int i = 0; i < index.numel(); i++) {
            int j = (int) index.getFlatLong(i);
            if (j < 0) j += shape[d];
            Tensor dst = out.viewOf(one, out.stride(), j * out.stride()[d]);
            Tensor s = src.viewOf(withDim(sshape, d, 1), src.stride(), src.storageOffset() + i * src.stride()[d]);
            Elementwise.binaryInto(dev.autograd4j.kernel.Kernels.BinaryOp.ADD, dst, s, dst);
        }
        return out;
    }
}
