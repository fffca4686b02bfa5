package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * softmax along a dim: PyTorch's {@code nn.Softmax}.
 *
 * <pre>{@code Tensor p = new Softmax(1).forward(logits);}</pre>
 */
public class Softmax extends Module {
    private final int dim;

    /** softmax along {@code dim}: {@code new Softmax(1)}. */
    public Softmax(int dim) { this.dim = dim; }

    /** Applies softmax: {@code new Softmax(-1).forward(x)}. */
    @Override
    public Tensor forward(Tensor input) { return input.softmax(dim); }

    @Override
    public String extraRepr() { return "dim=" + dim; }
}
