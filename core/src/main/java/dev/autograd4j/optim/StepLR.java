package dev.autograd4j.optim;

/**
 * Multiplies the learning rate by gamma every stepSize epochs: PyTorch's {@code StepLR}.
 *
 * <pre>{@code var sched = new StepLR(opt, 30, 0.1);   // lr 0.1 for epochs 0-29, 0.01 for 30-59, ...}</pre>
 */
public class StepLR extends LRScheduler {
    private final int stepSize;
    private final double gamma;

    /** Decays by gamma every stepSize epochs: {@code new StepLR(opt, 2, 0.5)}. */
    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        if (stepSize <= 0) throw new IllegalArgumentException("step_size must be a positive integer, but got " + stepSize);
        this.stepSize = stepSize;
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        double[] lrs = groupLrs();
        if (lastEpoch == 0 || lastEpoch % stepSize != 0) return lrs;
        for (int i = 0; i < lrs.length; i++) lrs[i] *= gamma;
        return lrs;
    }
}
