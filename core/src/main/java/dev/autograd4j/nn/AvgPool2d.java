package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * The mean over each window of [N, C, H, W] input: PyTorch's {@code nn.AvgPool2d} (zero padding counted, ceil_mode
 * false).
 *
 * <pre>{@code Tensor y = new AvgPool2d(2).forward(x);   // [N, C, H/2, W/2]}</pre>
 */
public class AvgPool2d extends Module {
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final boolean ints;

    /** Stride equal to the kernel: {@code new AvgPool2d(2)}. */
    public AvgPool2d(int kernelSize) { this(kernelSize, kernelSize, 0); }

    /** Square kernel with a stride and padding: {@code new AvgPool2d(3, 2, 1)}. */
    public AvgPool2d(int kernelSize, int stride, int padding) {
        this(new int[]{kernelSize, kernelSize}, new int[]{stride, stride}, new int[]{padding, padding}, true);
    }

    /** Rectangular kernel, stride and padding: {@code new AvgPool2d(new int[]{2, 3}, new int[]{2, 1}, new int[]{0, 1})}. */
    public AvgPool2d(int[] kernelSize, int[] stride, int[] padding) { this(kernelSize, stride, padding, false); }

    private AvgPool2d(int[] kernelSize, int[] stride, int[] padding, boolean ints) {
        for (int s : stride) if (s <= 0) throw new IllegalArgumentException("stride should be greater than zero, but got stride=" + s);
        this.kernel = kernelSize.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.ints = ints;
    }

    @Override
    public Tensor forward(Tensor input) { return F.avgPool2d(input, kernel, stride, padding); }

    @Override
    public String extraRepr() {
        return "kernel_size=" + ConvRepr.intOrTuple(kernel, ints) + ", stride=" + ConvRepr.intOrTuple(stride, ints)
                + ", padding=" + ConvRepr.intOrTuple(padding, ints);
    }
}
