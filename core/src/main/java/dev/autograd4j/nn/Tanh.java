package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * Hyperbolic tangent elementwise: PyTorch's {@code nn.Tanh}.
 *
 * <pre>{@code Tensor y = new Tanh().forward(x);}</pre>
 */
public class Tanh extends Module {
    /** Applies tanh: {@code new Tanh().forward(x)}. */
    @Override
    public Tensor forward(Tensor input) { return input.tanh(); }
}
