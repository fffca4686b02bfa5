package dev.autograd4j.nn;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;

/**
 * Batch normalisation over the channel dim 1: PyTorch's {@code _BatchNorm}. Training normalises with the batch
 * statistics and updates the running ones ({@code running = (1 - momentum) running + momentum batch}, the variance
 * unbiased); evaluation normalises with the running statistics.
 *
 * <pre>{@code
 * var bn = new BatchNorm2d(8);
 * Tensor y = bn.forward(x);   // x: [N, 8, H, W]
 * bn.eval();                  // now uses running_mean / running_var
 * }</pre>
 */
public abstract class BatchNorm extends Module {
    private final int numFeatures;
    private final double eps;
    private final double momentum;
    private final boolean affine;
    private final boolean trackRunningStats;

    /** numFeatures channels with the given eps, momentum and switches: {@code new BatchNorm2d(8, 1e-5, 0.1, true, true)}. */
    protected BatchNorm(int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.trackRunningStats = trackRunningStats;
        registerParameter("weight", affine ? new Parameter(Tensor.ones(numFeatures)) : null);
        registerParameter("bias", affine ? new Parameter(Tensor.zeros(numFeatures)) : null);
        if (trackRunningStats) {
            registerBuffer("running_mean", Tensor.zeros(numFeatures));
            registerBuffer("running_var", Tensor.ones(numFeatures));
            registerBuffer("num_batches_tracked", Tensor.zeros(DType.INT64));
        }
    }

    /** The input ranks this layer accepts, checked before normalising. */
    protected abstract void checkInputDim(Tensor input);

    /** The scale gamma, or null without affine: {@code bn.weight()}. */
    public Parameter weight() { return parameter("weight"); }

    /** The shift beta, or null without affine: {@code bn.bias()}. */
    public Parameter bias() { return parameter("bias"); }

    /** The running mean buffer (null when not tracking): {@code bn.runningMean()}. */
    public Tensor runningMean() { return trackRunningStats ? buffer("running_mean") : null; }

    /** The running (unbiased) variance buffer (null when not tracking): {@code bn.runningVar()}. */
    public Tensor runningVar() { return trackRunningStats ? buffer("running_var") : null; }

    @Override
    public Tensor forward(Tensor input) {
        checkInputDim(input);
        boolean useBatch = isTraining() || !trackRunningStats;
        if (isTraining() && trackRunningStats) {
            try (var ng = dev.autograd4j.autograd.Autograd.noGrad()) { buffer("num_batches_tracked").add_(1.0); }
        }
        return F.batchNorm(input, runningMean(), runningVar(), weight(), bias(), useBatch, momentum, eps);
    }

    @Override
    public String extraRepr() {
        return numFeatures + ", eps=" + F.pyFloat(eps) + ", momentum=" + F.pyFloat(momentum) + ", affine="
                + (affine ? "True" : "False") + ", track_running_stats=" + (trackRunningStats ? "True" : "False");
    }
}
