package dev.autograd4j.optim;

import java.util.List;

/**
 * The base of the epoch-indexed learning-rate schedulers: PyTorch's {@code LRScheduler}. Construction records each
 * group's {@code initial_lr} and applies epoch 0; each {@link #step()} advances one epoch and writes the new
 * learning rates into the optimizer's groups, using PyTorch's recursive (chainable) formulas.
 *
 * <pre>{@code
 * var sched = new StepLR(opt, 30, 0.1);
 * for (int epoch = 0; epoch < 100; epoch++) { train(); sched.step(); }
 * }</pre>
 */
public abstract class LRScheduler {
    /** The optimizer whose groups this scheduler drives. */
    protected final Optimizer optimizer;
    /** Each group's initial_lr. */
    protected final double[] baseLrs;
    /** The epoch reached: 0 after construction. */
    protected int lastEpoch = -1;
    /** How many times step() ran, construction included. */
    protected int stepCount;
    private double[] lastLr;

    /** Records {@code initial_lr} for each group; subclasses call {@link #initialStep()} at the end of their constructor. */
    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = optimizer;
        List<ParamGroup> groups = optimizer.paramGroups();
        baseLrs = new double[groups.size()];
        for (int i = 0; i < groups.size(); i++) {
            ParamGroup g = groups.get(i);
            if (!g.has("initial_lr")) g.set("initial_lr", g.lr());
            baseLrs[i] = g.getDouble("initial_lr");
        }
    }

    /** Applies epoch 0, as PyTorch's constructor does; the last statement of each subclass constructor. */
    protected final void initialStep() { step(); }

    /** The learning rates for {@link #lastEpoch}, from the groups' current rates. */
    protected abstract double[] computeLr();

    /** Advances one epoch and sets the groups' learning rates: {@code sched.step()}. */
    public void step() {
        stepCount++;
        lastEpoch++;
        double[] lrs = computeLr();
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int i = 0; i < lrs.length; i++) groups.get(i).setLr(lrs[i]);
        lastLr = lrs.clone();
    }

    /** The learning rates the last step set, one per group: {@code sched.getLastLr()[0]}. */
    public double[] getLastLr() { return lastLr.clone(); }

    /** The current epoch index: {@code sched.lastEpoch()}. */
    public int lastEpoch() { return lastEpoch; }

    /** The groups' current learning rates. */
    protected double[] groupLrs() {
        List<ParamGroup> groups = optimizer.paramGroups();
        double[] r = new double[groups.size()];
        for (int i = 0; i < r.length; i++) r[i] = groups.get(i).lr();
        return r;
    }
}
