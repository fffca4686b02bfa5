package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * Batch normalisation of [N, C, H, W] input: PyTorch's {@code nn.BatchNorm2d}.
 *
 * <pre>{@code Tensor y = new BatchNorm2d(8).forward(Tensor.randn(4, 8, 5, 5));}</pre>
 */
public class BatchNorm2d extends BatchNorm {

    /** eps 1e-5, momentum 0.1, affine, tracking running statistics: {@code new BatchNorm2d(8)}. */
    public BatchNorm2d(int numFeatures) { this(numFeatures, 1e-5, 0.1, true, true); }

    /** Every option: {@code new BatchNorm2d(8, 1e-3, 0.01, true, true)}. */
    public BatchNorm2d(int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    protected void checkInputDim(Tensor input) {
        if (input.dim() != 4) throw new IllegalArgumentException("expected 4D input (got " + input.dim() + "D input)");
    }
}
