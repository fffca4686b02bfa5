package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * {@code max(x, 0)} elementwise: PyTorch's {@code nn.ReLU} (gradient 0 at 0).
 *
 * <pre>{@code Tensor y = new ReLU().forward(x);}</pre>
 */
public class ReLU extends Module {
    /** Applies relu: {@code new ReLU().forward(x)}. */
    @Override
    public Tensor forward(Tensor input) { return input.relu(); }
}
