package dev.autograd4j.optim;

/**
 * Multiplies the learning rate by gamma every epoch: PyTorch's {@code ExponentialLR}.
 *
 * <pre>{@code var sched = new ExponentialLR(opt, 0.95);}</pre>
 */
public class ExponentialLR extends LRScheduler {
    private final double gamma;

    /** Decays by gamma each epoch: {@code new ExponentialLR(opt, 0.9)}. */
    public ExponentialLR(Optimizer optimizer, double gamma) {
        super(optimizer);
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        double[] lrs = groupLrs();
        if (lastEpoch == 0) return lrs;
        for (int i = 0; i < lrs.length; i++) lrs[i] *= gamma;
        return lrs;
    }
}
