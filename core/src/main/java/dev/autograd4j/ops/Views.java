package dev.autograd4j.ops;

import dev.autograd4j.Tensor;
import dev.autograd4j.tensor.Shapes;

/** The geometry of view ops: each returns a tensor over the input's storage, with PyTorch's error texts. */
final class Views {
    private Views() {}

    static Tensor compute(Op.ViewOp op, Tensor x) {
        int[] shape = x.shape(), strides = x.stride();
        int rank = shape.length;
        return switch (op) {
            case Op.View v -> {
                int[] target = Shapes.inferSize(v.shape(), x.numel());
                int[] st = Shapes.viewStrides(shape, strides, target);
                if (st == null) {
                    throw new IllegalArgumentException("view size is not compatible with input tensor's size and stride (at "
                            + "least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
                }
                yield x.viewOf(target, st, x.storageOffset());
            }
            case Op.Unfold u -> {
                // Tensor.unfold: windows of `size` every `step` along dim, the window index kept in place of dim.
                int d = rank == 0 ? 0 : Shapes.wrapDim(u.dim(), rank);
                int n = rank == 0 ? 1 : shape[d], st = rank == 0 ? 1 : strides[d];
                if (u.step() <= 0) throw new IllegalArgumentException("step is " + u.step() + " but must be > 0");
                if (u.size() > n) {
                    throw new IllegalArgumentException("maximum size for tensor at dimension " + d + " is " + n + " but size is " + u.size());
                }
                int[] ns = rank == 0 ? new int[]{1} : java.util.Arrays.copyOf(shape, rank + 1);
                int[] nst = rank == 0 ? new int[]{1} : java.util.Arrays.copyOf(strides, rank + 1);
                if (rank > 0) {
                    ns[d] = (n - u.size()) / u.step() + 1;
                    nst[d] = st * u.step();
                    ns[rank] = u.size();
                    nst[rank] = st;
                }
                yield x.viewOf(ns, nst, x.storageOffset());
            }
            case Op.Transpose t -> {
                if (rank == 0) yield x.viewOf(shape, strides, x.storageOffset());
                int a = Shapes.wrapDim(t.d0(), rank), b = Shapes.wrapDim(t.d1(), rank);
                swap(shape, a, b);
                swap(strides, a, b);
                yield x.viewOf(shape, strides, x.storageOffset());
            }
            case Op.Permute p -> {
                int[] dims = p.dims();
                if (dims.length != rank) {
                    throw new IllegalArgumentException("permute(sparse_coo): number of dimensions in the tensor input does not "
                            + "match the length of the desired ordering of dimensions i.e. input.dim() = " + rank
                            + " is not equal to len(dims) = " + dims.length);
                }
                int[] ns = new int[rank], nst = new int[rank];
                boolean[] seen = new boolean[rank];
                for (int i = 0; i < rank; i++) {
                    int d = Shapes.wrapDim(dims[i], rank);
                    if (seen[d]) throw new IllegalArgumentException("permute(): duplicate dims are not allowed.");
                    seen[d] = true;
                    ns[i] = shape[d];
                    nst[i] = strides[d];
                }
                yield x.viewOf(ns, nst, x.storageOffset());
            }
            case Op.Expand e -> {
                int[] sizes = e.shape();
                if (sizes.length < rank) {
                    throw new IllegalArgumentException("expand(" + x.dtype().legacyName() + "{" + Shapes.str(shape)
                            + "}, size=" + Shapes.str(sizes) + "): the number of sizes provided (" + sizes.length
                            + ") must be greater or equal to the number of dimensions in the tensor (" + rank + ")");
                }
                int[] ns = new int[sizes.length], nst = new int[sizes.length];
                int lead = sizes.length - rank;
                for (int i = 0; i < sizes.length; i++) {
                    int src = i - lead;
                    if (src < 0) {
                        if (sizes[i] < 0) throw new IllegalArgumentException("The expanded size of the tensor (" + sizes[i]
                                + ") isn't allowed in a leading, non-existing dimension " + i);
                        ns[i] = sizes[i];
                        nst[i] = 0;
                    } else if (sizes[i] == -1 || sizes[i] == shape[src]) {
                        ns[i] = shape[src];
                        nst[i] = strides[src];
                    } else if (shape[src] == 1) {
                        ns[i] = sizes[i];
                        nst[i] = 0;
                    } else {
                        throw new IllegalArgumentException("The expanded size of the tensor (" + sizes[i] + ") must match the "
                                + "existing size (" + shape[src] + ") at non-singleton dimension " + i + ".  Target sizes: "
                                + Shapes.str(sizes) + ".  Tensor sizes: " + Shapes.str(shape));
                    }
                }
                yield x.viewOf(ns, nst, x.storageOffset());
            }
            case Op.Select s -> {
                if (rank == 0) throw new IllegalArgumentException("select() cannot be applied to a 0-dim tensor.");
                int d = Shapes.wrapDim(s.dim(), rank);
                int i = s.index() < 0 ? s.index() + shape[d] : s.index();
                if (i < 0 || i >= shape[d]) {
                    throw new IndexOutOfBoundsException("index " + s.index() + " is out of bounds for dimension " + d
                            + " with size " + shape[d]);
                }
                yield x.viewOf(remove(shape, d), remove(strides, d), x.storageOffset() + i * strides[d]);
            }
            case Op.Slice s -> {
                if (rank == 0) throw new IllegalArgumentException("slice() cannot be applied to a 0-dim tensor.");
                if (s.step() <= 0) throw new IllegalArgumentException("slice step must be positive");
                int d = Shapes.wrapDim(s.dim(), rank);
                int n = shape[d];
                int start = clampIndex(s.start(), n), end = clampIndex(s.end(), n);
                int len = end > start ? (end - start + s.step() - 1) / s.step() : 0;
                int[] ns = shape.clone(), nst = strides.clone();
                ns[d] = len;
                nst[d] = strides[d] * s.step();
                yield x.viewOf(ns, nst, x.storageOffset() + (len > 0 ? start * strides[d] : 0));
            }
            case Op.Squeeze s -> {
                if (s.dim() == null) {
                    int k = 0;
                    for (int v : shape) if (v != 1) k++;
                    int[] ns = new int[k], nst = new int[k];
                    k = 0;
                    for (int i = 0; i < rank; i++) if (shape[i] != 1) { ns[k] = shape[i]; nst[k++] = strides[i]; }
                    yield x.viewOf(ns, nst, x.storageOffset());
                }
                int d = Shapes.wrapDim(s.dim(), rank);
                if (rank == 0 || shape[d] != 1) yield x.viewOf(shape, strides, x.storageOffset());
                yield x.viewOf(remove(shape, d), remove(strides, d), x.storageOffset());
            }
            case Op.Unsqueeze u -> {
                int d = Shapes.wrapDim(u.dim(), rank + 1);
                int st = d < rank ? shape[d] * strides[d] : 1;
                yield x.viewOf(insert(shape, d, 1), insert(strides, d, st), x.storageOffset());
            }
            case Op.AsStrided a -> x.viewOf(a.shape().clone(), a.strides().clone(), a.offset());
        };
    }

    /** Python slice semantics: negative counts from the end, then clamp into [0, n]. */
    static int clampIndex(int i, int n) {
        if (i < 0) i += n;
        return Math.max(0, Math.min(i, n));
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    static int[] remove(int[] a, int i) {
        int[] r = new int[a.length - 1];
        System.arraycopy(a, 0, r, 0, i);
        System.arraycopy(a, i + 1, r, i, a.length - i - 1);
        return r;
    }

    static int[] insert(int[] a, int i, int v) {
        int[] r = new int[a.length + 1];
        System.arraycopy(a, 0, r, 0, i);
        r[i] = v;
        System.arraycopy(a, i, r, i + 1, a.length - i);
        return r;
    }
}
