package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * 2-D cross-correlation over [N, C, H, W] (or unbatched [C, H, W]) input: PyTorch's {@code nn.Conv2d}, with its
 * default initialisation. Built from differentiable primitives (NOTE [Sliding windows]).
 *
 * <pre>{@code
 * var conv = new Conv2d(1, 32, 5, 1, 2);           // in, out, kernel, stride, padding
 * Tensor y = conv.forward(Tensor.randn(8, 1, 28, 28));   // [8, 32, 28, 28]
 * }</pre>
 */
public class Conv2d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final int groups;

    /** Square kernel, stride 1, no padding: {@code new Conv2d(1, 8, 3)}. */
    public Conv2d(int inChannels, int outChannels, int kernelSize) { this(inChannels, outChannels, kernelSize, 1, 0); }

    /** Square kernel with a stride and a padding: {@code new Conv2d(1, 8, 3, 1, 1)}. */
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
        this(inChannels, outChannels, new int[]{kernelSize, kernelSize}, new int[]{stride, stride},
                new int[]{padding, padding}, new int[]{1, 1}, 1, true);
    }

    /** Every option: {@code new Conv2d(2, 4, new int[]{3, 5}, new int[]{1, 2}, new int[]{1, 2}, new int[]{1, 1}, 1, false)}. */
    public Conv2d(int inChannels, int outChannels, int[] kernelSize, int[] stride, int[] padding, int[] dilation,
                  int groups, boolean bias) {
        if (groups <= 0) throw new IllegalArgumentException("groups must be a positive integer");
        if (inChannels % groups != 0) throw new IllegalArgumentException("in_channels must be divisible by groups");
        if (outChannels % groups != 0) throw new IllegalArgumentException("out_channels must be divisible by groups");
        for (int s : stride) if (s <= 0) throw new IllegalArgumentException("non-positive stride is not supported");
        for (int p : padding) if (p < 0) throw new IllegalArgumentException("negative padding is not supported");
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernelSize.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.dilation = dilation.clone();
        this.groups = groups;
        Parameter w = registerParameter("weight",
                new Parameter(Tensor.zeros(outChannels, inChannels / groups, kernel[0], kernel[1])));
        Init.kaimingUniform_(w, Math.sqrt(5));
        Parameter b = registerParameter("bias", bias ? new Parameter(Tensor.zeros(outChannels)) : null);
        if (b != null) {
            int fanIn = Init.fans(w)[0];
            double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
            Init.uniform_(b, -bound, bound);
        }
    }

    /** The weight, [out, in/groups, kh, kw]: {@code conv.weight()}. */
    public Parameter weight() { return parameter("weight"); }

    /** The bias, [out], or null: {@code conv.bias()}. */
    public Parameter bias() { return parameter("bias"); }

    @Override
    public Tensor forward(Tensor input) { return F.conv2d(input, weight(), bias(), stride, padding, dilation, groups); }

    @Override
    public String extraRepr() { return ConvRepr.of(inChannels, outChannels, kernel, stride, padding, dilation, groups, bias() != null); }
}
