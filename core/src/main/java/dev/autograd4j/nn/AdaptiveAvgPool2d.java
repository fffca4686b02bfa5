package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * Averages [N, C, H, W] input down to a fixed [oh, ow] with PyTorch's adaptive windows: {@code nn.AdaptiveAvgPool2d}.
 *
 * <pre>{@code Tensor y = new AdaptiveAvgPool2d(1, 1).forward(x);   // [N, C, 1, 1]}</pre>
 */
public class AdaptiveAvgPool2d extends Module {
    private final int oh;
    private final int ow;
    private final boolean square;

    /** A square output size: {@code new AdaptiveAvgPool2d(1)}. */
    public AdaptiveAvgPool2d(int size) {
        this.oh = size;
        this.ow = size;
        this.square = true;
    }

    /** An output of oh x ow: {@code new AdaptiveAvgPool2d(2, 3)}. */
    public AdaptiveAvgPool2d(int oh, int ow) {
        this.oh = oh;
        this.ow = ow;
        this.square = false;
    }

    @Override
    public Tensor forward(Tensor input) { return F.adaptiveAvgPool2d(input, oh, ow); }

    @Override
    public String extraRepr() { return "output_size=" + (square ? Integer.toString(oh) : "(" + oh + ", " + ow + ")"); }
}
