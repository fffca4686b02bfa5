package dev.autograd4j.optim;

/**
 * Anneals the learning rate from its initial value to etaMin along a half cosine over tMax epochs (and back up
 * after, periodically): PyTorch's {@code CosineAnnealingLR}, with its recursive formula.
 *
 * <pre>{@code var sched = new CosineAnnealingLR(opt, 100, 0.0);}</pre>
 */
public class CosineAnnealingLR extends LRScheduler {
    private final int tMax;
    private final double etaMin;

    /** Half period tMax epochs, floor etaMin: {@code new CosineAnnealingLR(opt, 10, 0.001)}. */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer);
        if (tMax <= 0) throw new IllegalArgumentException("T_max must be a positive integer, but got " + tMax);
        this.tMax = tMax;
        this.etaMin = etaMin;
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        double[] lrs = groupLrs();
        if (lastEpoch == 0) return lrs;
        for (int i = 0; i < lrs.length; i++) {
            if (Math.floorMod(lastEpoch - 1 - tMax, 2 * tMax) == 0) {
                lrs[i] = lrs[i] + (baseLrs[i] - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
            } else {
                lrs[i] = (1 + Math.cos(Math.PI * lastEpoch / tMax)) / (1 + Math.cos(Math.PI * (lastEpoch - 1) / tMax))
                        * (lrs[i] - etaMin) + etaMin;
            }
        }
        return lrs;
    }
}
