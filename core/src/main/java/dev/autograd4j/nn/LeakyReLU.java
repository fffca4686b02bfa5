package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * {@code x} where positive, else {@code negativeSlope * x}: PyTorch's {@code nn.LeakyReLU}.
 *
 * <pre>{@code Tensor y = new LeakyReLU(0.2).forward(x);}</pre>
 */
public class LeakyReLU extends Module {
    private final double negativeSlope;

    /** The default slope 0.01: {@code new LeakyReLU()}. */
    public LeakyReLU() { this(0.01); }

    /** A given slope for negative inputs: {@code new LeakyReLU(0.2)}. */
    public LeakyReLU(double negativeSlope) { this.negativeSlope = negativeSlope; }

    /** Applies leaky relu: {@code new LeakyReLU().forward(x)}. */
    @Override
    public Tensor forward(Tensor input) { return input.leakyRelu(negativeSlope); }

    @Override
    public String extraRepr() { return "negative_slope=" + F.pyFloat(negativeSlope); }
}
