package dev.autograd4j.autograd;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;

/**
 * The grad_fn of a gradient that {@code backward(createGraph=true)} stores into an empty {@code .grad}: PyTorch
 * copies the incoming gradient into a fresh tensor, and that copy's node prints as {@code CopyBackwards} (SPEC B6).
 *
 * <p>Backward passes the gradient through unchanged, in the source's dtype.
 */
final class CopyBackwards extends Node {
    private final DType sourceDtype;

    private CopyBackwards(Edge source, DType sourceDtype) {
        super(new Edge[]{source});
        this.sourceDtype = sourceDtype;
    }

    /** A copy of {@code g} whose history leads back to g (g itself when it has none). */
    static Tensor copyOf(Tensor g) {
        if (!g.requiresGrad()) return g.detach().clone();
        Tensor copy;
        boolean prev = GradMode.set(false);
        try {
            copy = g.clone();
        } finally {
            GradMode.set(prev);
        }
        copy.setGradFn(new CopyBackwards(g.gradientEdge(), g.dtype()), 0);
        return copy;
    }

    @Override
    public String name() { return "CopyBackwards"; }

    @Override
    protected Tensor[] apply(Tensor[] gradOutputs) {
        Tensor g = gradOutputs[0];
        return new Tensor[]{g == null ? null : g.to(sourceDtype)};
    }
}
