package dev.autograd4j.optim;

import java.util.HashMap;
import java.util.Map;

/**
 * Multiplies the learning rate by gamma at each milestone epoch (twice for a milestone listed twice): PyTorch's
 * {@code MultiStepLR}.
 *
 * <pre>{@code var sched = new MultiStepLR(opt, new int[]{30, 80}, 0.1);}</pre>
 */
public class MultiStepLR extends LRScheduler {
    private final Map<Integer, Integer> milestones = new HashMap<>();
    private final double gamma;

    /** Decays by gamma at each milestone: {@code new MultiStepLR(opt, new int[]{2, 4}, 0.1)}. */
    public MultiStepLR(Optimizer optimizer, int[] milestones, double gamma) {
        super(optimizer);
        for (int m : milestones) this.milestones.merge(m, 1, Integer::sum);
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        double[] lrs = groupLrs();
        Integer count = milestones.get(lastEpoch);
        if (count == null) return lrs;
        for (int i = 0; i < lrs.length; i++) lrs[i] *= Math.pow(gamma, count);
        return lrs;
    }
}
