package dev.autograd4j.optim;

/**
 * Scales the learning rate by a factor moving linearly from startFactor to endFactor over totalIters epochs:
 * PyTorch's {@code LinearLR} (a warm-up).
 *
 * <pre>{@code var warmup = new LinearLR(opt, 1.0 / 3, 1.0, 5);}</pre>
 */
public class LinearLR extends LRScheduler {
    private final double startFactor;
    private final double endFactor;
    private final int totalIters;

    /** PyTorch's defaults: from 1/3 to 1 over 5 epochs: {@code new LinearLR(opt)}. */
    public LinearLR(Optimizer optimizer) { this(optimizer, 1.0 / 3, 1.0, 5); }

    /** From startFactor to endFactor over totalIters epochs: {@code new LinearLR(opt, 0.5, 1.0, 4)}. */
    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters) {
        super(optimizer);
        if (startFactor > 1.0 || startFactor <= 0) {
            throw new IllegalArgumentException("Starting multiplicative factor expected to be greater than 0 and less or equal to 1.");
        }
        if (endFactor > 1.0 || endFactor < 0) {
            throw new IllegalArgumentException("Ending multiplicative factor expected to be between 0 and 1.");
        }
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        double[] lrs = groupLrs();
        if (lastEpoch == 0) {
            for (int i = 0; i < lrs.length; i++) lrs[i] *= startFactor;
            return lrs;
        }
        if (lastEpoch > totalIters) return lrs;
        double f = 1.0 + (endFactor - startFactor) / (totalIters * startFactor + (lastEpoch - 1) * (endFactor - startFactor));
        for (int i = 0; i < lrs.length; i++) lrs[i] *= f;
        return lrs;
    }
}
