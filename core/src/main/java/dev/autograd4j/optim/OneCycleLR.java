package dev.autograd4j.optim;

import java.util.List;

/**
 * The 1cycle policy: the learning rate rises from maxLr/divFactor to maxLr over the first pctStart of the steps,
 * then anneals to maxLr/divFactor/finalDivFactor; momentum (or Adam's beta1) moves the opposite way. PyTorch's
 * {@code OneCycleLR}, stepped once per batch.
 *
 * <pre>{@code var sched = new OneCycleLR(opt, 0.1, epochs * batchesPerEpoch);}</pre>
 */
public class OneCycleLR extends LRScheduler {
    private record Phase(double endStep, String startLr, String endLr, String startMomentum, String endMomentum) {}

    private final int totalSteps;
    private final boolean cosine;
    private final boolean cycleMomentum;
    private final boolean useBetas;
    private final List<Phase> phases;

    /** PyTorch's defaults (pct_start 0.3, cos, div 25, final div 1e4, momentum 0.85-0.95): {@code new OneCycleLR(opt, 0.1, 1000)}. */
    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps) {
        this(optimizer, maxLr, totalSteps, 0.3, "cos", true, 0.85, 0.95, 25.0, 1e4, false);
    }

    /** Every option: {@code new OneCycleLR(opt, 0.1, 100, 0.25, "linear", false, 0.85, 0.95, 25, 1e4, true)}. */
    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps, double pctStart, String annealStrategy,
                      boolean cycleMomentum, double baseMomentum, double maxMomentum, double divFactor,
                      double finalDivFactor, boolean threePhase) {
        super(prepare(optimizer, maxLr, totalSteps, pctStart, annealStrategy, divFactor, finalDivFactor));
        this.totalSteps = totalSteps;
        this.cosine = "cos".equals(annealStrategy);
        this.cycleMomentum = cycleMomentum;
        ParamGroup first = optimizer.paramGroups().get(0);
        boolean hasMomentum = optimizer.defaults().containsKey("momentum");
        boolean hasBetas = optimizer.defaults().containsKey("betas");
        if (cycleMomentum && !hasMomentum && !hasBetas) {
            throw new IllegalArgumentException("optimizer must support momentum or beta1 with `cycle_momentum` option enabled");
        }
        this.useBetas = hasBetas && !first.has("momentum");
        if (cycleMomentum) {
            for (ParamGroup g : optimizer.paramGroups()) {
                if (useBetas) g.getDoubles("betas")[0] = maxMomentum;
                else g.set("momentum", maxMomentum);
                g.set("max_momentum", maxMomentum);
                g.set("base_momentum", baseMomentum);
            }
        }
        double t = totalSteps;
        phases = threePhase
                ? List.of(new Phase(pctStart * t - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                          new Phase(2 * pctStart * t - 2, "max_lr", "initial_lr", "base_momentum", "max_momentum"),
                          new Phase(t - 1, "initial_lr", "min_lr", "max_momentum", "max_momentum"))
                : List.of(new Phase(pctStart * t - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                          new Phase(t - 1, "max_lr", "min_lr", "base_momentum", "max_momentum"));
        initialStep();
    }

    private static Optimizer prepare(Optimizer optimizer, double maxLr, int totalSteps, double pctStart, String anneal,
                                     double divFactor, double finalDivFactor) {
        if (totalSteps <= 0) throw new IllegalArgumentException("Expected positive integer total_steps, but got " + totalSteps);
        if (pctStart < 0 || pctStart > 1) {
            throw new IllegalArgumentException("Expected float between 0 and 1 pct_start, but got " + pctStart);
        }
        if (!"cos".equals(anneal) && !"linear".equals(anneal)) {
            throw new IllegalArgumentException("anneal_strategy must by one of 'cos' or 'linear', instead got " + anneal);
        }
        for (ParamGroup g : optimizer.paramGroups()) {
            double initial = maxLr / divFactor;
            g.set("initial_lr", initial);
            g.set("max_lr", maxLr);
            g.set("min_lr", initial / finalDivFactor);
        }
        return optimizer;
    }

    private double anneal(double start, double end, double pct) {
        if (cosine) return end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1);
        return (end - start) * pct + start;
    }

    @Override
    protected double[] computeLr() {
        int stepNum = lastEpoch;
        if (stepNum > totalSteps) {
            throw new IllegalStateException("Tried to step " + stepNum + " times. The specified number of total steps is " + totalSteps);
        }
        List<ParamGroup> groups = optimizer.paramGroups();
        double[] lrs = new double[groups.size()];
        for (int i = 0; i < lrs.length; i++) {
            ParamGroup g = groups.get(i);
            double startStep = 0;
            for (int k = 0; k < phases.size(); k++) {
                Phase p = phases.get(k);
                if (stepNum <= p.endStep() || k == phases.size() - 1) {
                    double pct = (stepNum - startStep) / (p.endStep() - startStep);
                    lrs[i] = anneal(g.getDouble(p.startLr()), g.getDouble(p.endLr()), pct);
                    if (cycleMomentum) {
                        double m = anneal(g.getDouble(p.startMomentum()), g.getDouble(p.endMomentum()), pct);
                        if (useBetas) g.getDoubles("betas")[0] = m;
                        else g.set("momentum", m);
                    }
                    break;
                }
                startStep = p.endStep();
            }
        }
        return lrs;
    }
}
