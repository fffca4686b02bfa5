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

    @Override
    protected void releaseVariables() { fn.releaseVariables(); }
}
