package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * {@code x * sigmoid(x)} elementwise: PyTorch's {@code nn.SiLU}.
 *
 * <pre>{@code Tensor y = new SiLU().forward(x);}</pre>
 */
public class SiLU extends Module {
    /** Applies silu: {@code new SiLU().forward(x)}. */
    @Override
    public Tensor forward(Tensor input) { return input.silu(); }
}
