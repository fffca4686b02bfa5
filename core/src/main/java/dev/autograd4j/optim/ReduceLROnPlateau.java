package dev.autograd4j.optim;

import java.util.List;

/**
 * Multiplies the learning rate by factor once a metric has stopped improving for more than patience epochs:
 * PyTorch's {@code ReduceLROnPlateau} (mode min/max, threshold rel/abs, cooldown, min_lr, eps).
 *
 * <pre>{@code
 * var sched = new ReduceLROnPlateau(opt, "min", 0.1, 10);
 * for (...) { double valLoss = validate(); sched.step(valLoss); }
 * }</pre>
 */
public class ReduceLROnPlateau {
    private final Optimizer optimizer;
    private final boolean minMode;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final boolean relative;
    private final int cooldown;
    private final double minLr;
    private final double eps;
    private double best;
    private int numBadEpochs;
    private int cooldownCounter;
    private int lastEpoch;
    private double[] lastLr;

    /** PyTorch's defaults (threshold 1e-4 rel, no cooldown, min_lr 0, eps 1e-8): {@code new ReduceLROnPlateau(opt, "min", 0.1, 10)}. */
    public ReduceLROnPlateau(Optimizer optimizer, String mode, double factor, int patience) {
        this(optimizer, mode, factor, patience, 1e-4, "rel", 0, 0.0, 1e-8);
    }

    /** Every option: {@code new ReduceLROnPlateau(opt, "max", 0.5, 2, 0.01, "abs", 1, 1e-4, 1e-8)}. */
    public ReduceLROnPlateau(Optimizer optimizer, String mode, double factor, int patience, double threshold,
                             String thresholdMode, int cooldown, double minLr, double eps) {
        if (factor >= 1.0) throw new IllegalArgumentException("Factor should be < 1.0.");
        if (!"min".equals(mode) && !"max".equals(mode)) throw new IllegalArgumentException("mode " + mode + " is unknown!");
        if (!"rel".equals(thresholdMode) && !"abs".equals(thresholdMode)) {
            throw new IllegalArgumentException("threshold mode " + thresholdMode + " is unknown!");
        }
        this.optimizer = optimizer;
        this.minMode = "min".equals(mode);
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.relative = "rel".equals(thresholdMode);
        this.cooldown = cooldown;
        this.minLr = minLr;
        this.eps = eps;
        this.best = minMode ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        this.lastLr = currentLrs();
    }

    /** Records one epoch's metric and reduces the learning rates if it has plateaued: {@code sched.step(valLoss)}. */
    public void step(double metric) {
        lastEpoch++;
        if (isBetter(metric)) {
            best = metric;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            numBadEpochs = 0;
        }
        if (numBadEpochs > patience) {
            for (ParamGroup g : optimizer.paramGroups()) {
                double old = g.lr();
                double updated = Math.max(old * factor, minLr);
                if (old - updated > eps) g.setLr(updated);
            }
            cooldownCounter = cooldown;
            numBadEpochs = 0;
        }
        lastLr = currentLrs();
    }

    private boolean isBetter(double a) {
        if (minMode) return relative ? a < best * (1 - threshold) : a < best - threshold;
        return relative ? a > best * (threshold + 1) : a > best + threshold;
    }

    private double[] currentLrs() {
        List<ParamGroup> gs = optimizer.paramGroups();
        double[] r = new double[gs.size()];
        for (int i = 0; i < r.length; i++) r[i] = gs.get(i).lr();
        return r;
    }

    /** The learning rates after the last step, one per group: {@code sched.getLastLr()[0]}. */
    public double[] getLastLr() { return lastLr.clone(); }

    /** The best metric seen so far: {@code sched.best()}. */
    public double best() { return best; }

    /** The number of epochs stepped: {@code sched.lastEpoch()}. */
    public int lastEpoch() { return lastEpoch; }
}
