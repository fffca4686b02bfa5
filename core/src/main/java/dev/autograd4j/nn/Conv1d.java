package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * 1-D cross-correlation over [N, C, L] (or unbatched [C, L]) input: PyTorch's {@code nn.Conv1d}, with its default
 * initialisation; computed as a Conv2d over a height of 1.
 *
 * <pre>{@code
 * var conv = new Conv1d(2, 3, 5, 2, 0);          // in, out, kernel, stride, padding
 * Tensor y = conv.forward(Tensor.randn(4, 2, 20));   // [4, 3, 8]
 * }</pre>
 */
public class Conv1d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int dilation;
    private final int groups;

    /** Stride 1, no padding: {@code new Conv1d(2, 3, 5)}. */
    public Conv1d(int inChannels, int outChannels, int kernelSize) { this(inChannels, outChannels, kernelSize, 1, 0); }

    /** With a stride and a padding: {@code new Conv1d(2, 3, 5, 2, 1)}. */
    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
        this(inChannels, outChannels, kernelSize, stride, padding, 1, 1, true);
    }

    /** Every option: {@code new Conv1d(4, 4, 3, 1, 1, 2, 2, false)}. */
    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation, int groups,
                  boolean bias) {
        if (groups <= 0) throw new IllegalArgumentException("groups must be a positive integer");
        if (inChannels % groups != 0) throw new IllegalArgumentException("in_channels must be divisible by groups");
        if (outChannels % groups != 0) throw new IllegalArgumentException("out_channels must be divisible by groups");
        if (stride <= 0) throw new IllegalArgumentException("non-positive stride is not supported");
        if (padding < 0) throw new IllegalArgumentException("negative padding is not supported");
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.groups = groups;
        Parameter w = registerParameter("weight", new Parameter(Tensor.zeros(outChannels, inChannels / groups, kernelSize)));
        Init.kaimingUniform_(w, Math.sqrt(5));
        Parameter b = registerParameter("bias", bias ? new Parameter(Tensor.zeros(outChannels)) : null);
        if (b != null) {
            int fanIn = Init.fans(w)[0];
            double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
            Init.uniform_(b, -bound, bound);
        }
    }

    /** The weight, [out, in/groups, k]: {@code conv.weight()}. */
    public Parameter weight() { return parameter("weight"); }

    /** The bias, [out], or null: {@code conv.bias()}. */
    public Parameter bias() { return parameter("bias"); }

    @Override
    public Tensor forward(Tensor input) { return F.conv1d(input, weight(), bias(), stride, padding, dilation, groups); }

    @Override
    public String extraRepr() {
        return ConvRepr.of(inChannels, outChannels, new int[]{kernel}, new int[]{stride}, new int[]{padding},
                new int[]{dilation}, groups, bias() != null);
    }
}
