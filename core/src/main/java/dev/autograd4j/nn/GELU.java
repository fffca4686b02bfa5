package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * The Gaussian error linear unit, exact ({@code "none"}) or its tanh approximation: PyTorch's {@code nn.GELU}.
 *
 * <pre>{@code Tensor y = new GELU("tanh").forward(x);}</pre>
 */
public class GELU extends Module {
    private final String approximate;

    /** The exact erf form: {@code new GELU()}. */
    public GELU() { this("none"); }

    /** {@code "none"} or {@code "tanh"}: {@code new GELU("tanh")}. */
    public GELU(String approximate) {
        if (!"none".equals(approximate) && !"tanh".equals(approximate)) {
            throw new IllegalArgumentException("approximate argument must be either none or tanh.");
        }
        this.approximate = approximate;
    }

    /** Applies gelu: {@code new GELU().forward(x)}. */
    @Override
    public Tensor forward(Tensor input) { return input.gelu(approximate); }

    @Override
    public String extraRepr() { return "approximate='" + approximate + "'"; }
}
