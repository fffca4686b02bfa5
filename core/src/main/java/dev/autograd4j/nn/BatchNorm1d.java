package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * Batch normalisation of [N, C] or [N, C, L] input: PyTorch's {@code nn.BatchNorm1d}.
 *
 * <pre>{@code Tensor y = new BatchNorm1d(3).forward(Tensor.randn(8, 3));}</pre>
 */
public class BatchNorm1d extends BatchNorm {

    /** eps 1e-5, momentum 0.1, affine, tracking running statistics: {@code new BatchNorm1d(3)}. */
    public BatchNorm1d(int numFeatures) { this(numFeatures, 1e-5, 0.1, true, true); }

    /** Every option: {@code new BatchNorm1d(3, 1e-5, 0.1, false, true)}. */
    public BatchNorm1d(int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    protected void checkInputDim(Tensor input) {
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException("expected 2D or 3D input (got " + input.dim() + "D input)");
        }
    }
}
