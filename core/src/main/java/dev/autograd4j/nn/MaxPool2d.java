package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * The maximum over each window of [N, C, H, W] input: PyTorch's {@code nn.MaxPool2d} (ceil_mode false); the
 * gradient goes to one maximal element per window.
 *
 * <pre>{@code Tensor y = new MaxPool2d(2).forward(x);   // [N, C, H/2, W/2]}</pre>
 */
public class MaxPool2d extends Module {
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final boolean ints;

    /** Stride equal to the kernel: {@code new MaxPool2d(2)}. */
    public MaxPool2d(int kernelSize) { this(kernelSize, kernelSize, 0); }

    /** Square kernel with a stride and padding: {@code new MaxPool2d(3, 2, 1)}. */
    public MaxPool2d(int kernelSize, int stride, int padding) {
        this(new int[]{kernelSize, kernelSize}, new int[]{stride, stride}, new int[]{padding, padding}, new int[]{1, 1}, true);
    }

    /** Rectangular kernel, stride, padding and dilation: {@code new MaxPool2d(new int[]{2, 3}, new int[]{2, 1}, new int[]{0, 1}, new int[]{1, 1})}. */
    public MaxPool2d(int[] kernelSize, int[] stride, int[] padding, int[] dilation) {
        this(kernelSize, stride, padding, dilation, false);
    }

    private MaxPool2d(int[] kernelSize, int[] stride, int[] padding, int[] dilation, boolean ints) {
        for (int s : stride) if (s <= 0) throw new IllegalArgumentException("stride should be greater than zero, but got stride=" + s);
        this.kernel = kernelSize.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.dilation = dilation.clone();
        this.ints = ints;
    }

    @Override
    public Tensor forward(Tensor input) { return F.maxPool2d(input, kernel, stride, padding, dilation); }

    @Override
    public String extraRepr() {
        return "kernel_size=" + ConvRepr.intOrTuple(kernel, ints) + ", stride=" + ConvRepr.intOrTuple(stride, ints)
                + ", padding=" + ConvRepr.intOrTuple(padding, ints) + ", dilation=" + ConvRepr.intOrTuple(dilation, ints)
                + ", ceil_mode=False";
    }
}
