package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * {@code y = x Wᵀ + b}: PyTorch's {@code nn.Linear}, with its default initialisation (weight
 * kaiming_uniform(a=√5), bias uniform(±1/√in_features)).
 *
 * <pre>{@code
 * Linear fc = new Linear(4, 2);
 * Tensor y = fc.forward(Tensor.randn(8, 4));   // shape [8, 2], grad_fn AddmmBackward0
 * }</pre>
 */
public class Linear extends Module {
    private final int inFeatures;
    private final int outFeatures;

    /** A layer with a bias: {@code new Linear(1000, 100)}. */
    public Linear(int inFeatures, int outFeatures) { this(inFeatures, outFeatures, true); }

    /** A layer with or without a bias: {@code new Linear(2, 3, false)}. */
    public Linear(int inFeatures, int outFeatures, boolean bias) {
        if (inFeatures < 0 || outFeatures < 0) {
            throw new IllegalArgumentException("Trying to create tensor with negative dimension: in_features=" + inFeatures
                    + ", out_features=" + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        Parameter w = registerParameter("weight", new Parameter(Tensor.zeros(outFeatures, inFeatures)));
        Init.kaimingUniform_(w, Math.sqrt(5));
        Parameter b = registerParameter("bias", bias ? new Parameter(Tensor.zeros(outFeatures)) : null);
        if (b != null) {
            double bound = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
            Init.uniform_(b, -bound, bound);
        }
    }

    /** The weight, shape [out_features, in_features]: {@code fc.weight()}. */
    public Parameter weight() { return parameter("weight"); }

    /** The bias, shape [out_features], or null: {@code fc.bias()}. */
    public Parameter bias() { return parameter("bias"); }

    /** in_features. */
    public int inFeatures() { return inFeatures; }

    /** out_features. */
    public int outFeatures() { return outFeatures; }

    @Override
    public Tensor forward(Tensor input) { return F.linear(input, weight(), bias()); }

    @Override
    public String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias() != null ? "True" : "False");
    }
}
