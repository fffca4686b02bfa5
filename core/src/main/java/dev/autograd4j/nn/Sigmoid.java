package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * {@code 1 / (1 + exp(-x))} elementwise: PyTorch's {@code nn.Sigmoid}.
 *
 * <pre>{@code Tensor p = new Sigmoid().forward(logits);}</pre>
 */
public class Sigmoid extends Module {
    /** Applies the logistic sigmoid: {@code new Sigmoid().forward(x)}. */
    @Override
    public Tensor forward(Tensor input) { return input.sigmoid(); }
}
