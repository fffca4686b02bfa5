package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;

/**
 * The grad_fn a base gets when one of its views is modified in place (PyTorch's CopySlices, SPEC G5).
 *
 * <p>Backward: the base's gradient passes through unchanged except in the view's region, where it is replaced by
 * what the in-place op's node says flows to the view's old value; the op's other inputs get their gradients
 * from that node as usual.
 */
public final class CopySlices extends Node {
    private final int[] viewShape;
    private final int[] viewStrides;
    private final int viewOffset;
    private final int[] baseShape;
    private final Node fn;
    private final int selfInput;

    /**
     * @param baseEdge  where the base's gradient went before the write
     * @param fn        the in-place op's node (its input {@code selfInput} was the view's old value; -1 if none)
     */
    public CopySlices(Edge baseEdge, Tensor base, Tensor view, Node fn, int selfInput) {
        super(edgesFor(baseEdge, fn, selfInput));
        if (!base.isContiguous() || base.storageOffset() != 0) {
            throw new UnsupportedOperationException("in-place write through a view of a non-contiguous base is not supported");
        }
        this.viewShape = view.shape();
        this.viewStrides = view.stride();
        this.viewOffset = view.storageOffset();
        this.baseShape = base.shape();
        this.fn = fn;
        this.selfInput = selfInput;
    }

    private static Edge[] edgesFor(Edge baseEdge, Node fn, int selfInput) {
        Edge[] fe = fn.edges();
        Edge[] e = new Edge[fe.length + (selfInput < 0 ? 1 : 0)];
        e[0] = baseEdge;
        int k = 1;
        for (int i = 0; i < fe.length; i++) if (i != selfInput) e[k++] = fe[i];
        return e;
    }

    @Override
    public String name() { return "CopySlices"; }

    @Override
    protected Tensor[] apply(Tensor[] gradOutputs) {
        Tensor g = gradOutputs[0];
        Tensor[] out = new Tensor[next.length];
        if (g == null) return out;
        if (GradMode.isEnabled()) return applyDifferentiably(g, out);
        boolean prev = GradMode.set(false);
        Tensor result;
        Tensor slice;
        try {
            result = g.contiguous().clone();
            slice = result.viewOf(viewShape, viewStrides, viewOffset);
        } finally {
            GradMode.set(prev);
        }
        Tensor[] res = fn.apply(new Tensor[]{slice.clone()});
        boolean prev2 = GradMode.set(false);
        try {
            if (selfInput >= 0 && res[selfInput] != null) slice.copy_(res[selfInput]);
            else slice.zero_();
        } finally {
            GradMode.set(prev2);
        }
        out[0] = result;
        int k = 1;
        for (int i = 0; i < res.length; i++) if (i != selfInput) out[k++] = res[i];
        return out;
    }

    /**
     * The same result built from recorded ops (index_select out of g, index_add back in), so that with createGraph
     * the base's gradient stays differentiable with respect to g and to the in-place op's other inputs.
     */
    private Tensor[] applyDifferentiably(Tensor g, Tensor[] out) {
        Tensor pos = viewPositions();
        int total = dev.autograd4j.tensor.Shapes.numel(baseShape);
        Tensor flat = g.reshape(-1);
        Tensor slice = flat.indexSelect(0, pos).reshape(viewShape);
        Tensor[] res = fn.apply(new Tensor[]{slice});
        double[] keep = new double[total];
        java.util.Arrays.fill(keep, 1);
        for (long p : pos.toLongArray()) keep[(int) p] = 0;
        Tensor result = flat.mul(Tensor.of(keep).to(g.dtype()));
        if (selfInput >= 0 && res[selfInput] != null) {
            Tensor back = dev.autograd4j.ops.Dispatch.apply(
                    new dev.autograd4j.ops.Op.IndexAdd(0, pos, new int[]{total}), res[selfInput].reshape(-1));
            result = result.add(back);
        }
        out[0] = result.reshape(baseShape);
        int k = 1;
        for (int i = 0; i < res.length; i++) if (i != selfInput) out[k++] = res[i];
        return out;
    }

    /** The base's flat (row-major) positions of the view's elements, in the view's row-major order. */
    private Tensor viewPositions() {
        int n = dev.autograd4j.tensor.Shapes.numel(viewShape);
        long[] pos = new long[n];
        for (int i = 0; i < n; i++) {
            int rem = i, p = viewOffset;
            for (int k = viewShape.length - 1; k >= 0; k--) {
                p += (rem % viewShape[k]) * viewStrides[k];
                rem /= viewShape[k];
            }
            pos[i] = p;
        }
        return Tensor.of(pos);
    }

    @Override
    protected void releaseVariables() { fn.releaseVariables(); }
}
