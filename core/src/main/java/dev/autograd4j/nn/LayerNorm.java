package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * Normalises over the last dims to zero mean and unit (biased) variance, then scales and shifts elementwise:
 * PyTorch's {@code nn.LayerNorm}.
 *
 * <pre>{@code Tensor y = new LayerNorm(64).forward(x);   // x: [..., 64]}</pre>
 */
public class LayerNorm extends Module {
    private final int[] normalizedShape;
    private final double eps;
    private final boolean affine;

    /** Over the last dim of this size: {@code new LayerNorm(4)}. */
    public LayerNorm(int size) { this(new int[]{size}, 1e-5, true); }

    /** Over the trailing dims of this shape, with eps and optional affine parameters: {@code new LayerNorm(new int[]{2, 3}, 1e-5, false)}. */
    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.affine = elementwiseAffine;
        registerParameter("weight", elementwiseAffine ? new Parameter(Tensor.ones(normalizedShape)) : null);
        registerParameter("bias", elementwiseAffine ? new Parameter(Tensor.zeros(normalizedShape)) : null);
    }

    /** The scale (ones at first), or null without affine: {@code ln.weight()}. */
    public Parameter weight() { return parameter("weight"); }

    /** The shift (zeros at first), or null without affine: {@code ln.bias()}. */
    public Parameter bias() { return parameter("bias"); }

    @Override
    public Tensor forward(Tensor input) { return F.layerNorm(input, normalizedShape, weight(), bias(), eps); }

    @Override
    public String extraRepr() {
        return ConvRepr.tuple(normalizedShape) + ", eps=" + F.pyFloat(eps) + ", elementwise_affine=" + (affine ? "True" : "False");
    }
}
