package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;

/**
 * The sink node of a leaf that requires grad: adds the incoming gradient into {@code leaf.grad()}.
 *
 * <p>Every use of a leaf shares this one node (SPEC C2), so the engine sums all contributions before it runs.
 *
 * <pre>{@code x.mul(2).gradFn().nextFunctions().get(0).node().name(); // "AccumulateGrad"}</pre>
 */
public final class AccumulateGrad extends Node {
    private final Tensor variable;

    /** The node for {@code variable}; use {@code Tensor.gradAccumulator()} to get the shared instance. */
    public AccumulateGrad(Tensor variable) {
        super(new Edge[0]);
        this.variable = variable;
    }

    /** The leaf this node accumulates into (PyTorch's {@code AccumulateGrad.variable}). */
    public Tensor variable() { return variable; }

    @Override
    public String name() { return "AccumulateGrad"; }

    @Override
    protected Tensor[] apply(Tensor[] gradOutputs) {
        return apply(gradOutputs, false);
    }

    /** As apply; {@code owned}: only the engine holds the gradient, so it may become the grad without a copy. */
    Tensor[] apply(Tensor[] gradOutputs, boolean owned) {
        Tensor g = gradOutputs[0];
        if (g != null) accumulate(variable, g, GradMode.isEnabled(), owned);
        return new Tensor[0];
    }

    /**
     * Adds {@code g} into {@code t.grad()}: a private copy the first time (so no two tensors share a grad), an
     * in-place add after that; with createGraph the grad keeps its graph and is replaced out of place.
     */
    static void accumulate(Tensor t, Tensor g, boolean createGraph) {
        accumulate(t, g, createGraph, false);
    }

    /**
     * As above; an {@code owned} gradient (NOTE [Stealing gradients] in GradOwnership) that fills its whole dense
     * storage becomes the grad itself, without the copy: the copy a Linear weight's grad would otherwise cost.
     */
    static void accumulate(Tensor t, Tensor g, boolean createGraph, boolean owned) {
        synchronized (t) { // NOTE [Concurrent accumulation]: threads sharing a parameter add into one grad
            Tensor old = t.grad();
            if (old == null) {
                if (createGraph) t.setGradInternal(CopyBackwards.copyOf(g));
                else if (owned && adoptable(t, g)) t.setGradInternal(Tensor.wrap(g.storage(), g.shape()));
                else t.setGradInternal(g.detach().clone());
            } else if (createGraph) {
                t.setGradInternal(old.add(g));
            } else {
                boolean prev = GradMode.set(false);
                try {
                    old.add_(g);
                } finally {
                    GradMode.set(prev);
                }
            }
        }
    }

    /** A gradient that can stand as t's grad exactly as its clone would: same dtype and shape, dense, alone. */
    private static boolean adoptable(Tensor t, Tensor g) {
        return g.dtype() == t.dtype() && g.isContiguous() && g.storageOffset() == 0
                && g.numel() == g.storage().length() && java.util.Arrays.equals(g.shape(), t.shape());
    }
}
