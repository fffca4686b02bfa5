package dev.autograd4j.optim;

import dev.autograd4j.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam with PyTorch's update: {@code m = β1 m + (1-β1) g}, {@code v = β2 v + (1-β2) g²},
 * {@code p -= lr/(1-β1^t) · m / (√v/√(1-β2^t) + eps)}; weight decay is added to the gradient (L2), amsgrad keeps
 * the running maximum of v. State keys {@code step}, {@code exp_avg}, {@code exp_avg_sq}
 * (and {@code max_exp_avg_sq}).
 *
 * <pre>{@code var opt = new Adam(model.parameters(), 1e-3);}</pre>
 */
public class Adam extends Optimizer {

    /** Adam's options with PyTorch's defaults (lr 1e-3, betas (0.9, 0.999), eps 1e-8). */
    public static final class Options {
        final Map<String, Object> m = new LinkedHashMap<>();

        /** The defaults, with the given weight decay: AdamW passes 1e-2. */
        Options(double weightDecay) {
            m.put("lr", 1e-3);
            m.put("betas", new double[]{0.9, 0.999});
            m.put("eps", 1e-8);
            m.put("weight_decay", weightDecay);
            m.put("amsgrad", false);
            m.put("maximize", false);
        }

        /** The defaults: {@code new Adam.Options()}. */
        public Options() { this(0.0); }

        /** Learning rate: {@code .lr(1e-3)}. */ public Options lr(double v) { m.put("lr", v); return this; }
        /** Decay rates of the two moments: {@code .betas(0.9, 0.999)}. */ public Options betas(double b1, double b2) { m.put("betas", new double[]{b1, b2}); return this; }
        /** Term added to the denominator: {@code .eps(1e-8)}. */ public Options eps(double v) { m.put("eps", v); return this; }
        /** Weight decay: {@code .weightDecay(1e-2)}. */ public Options weightDecay(double v) { m.put("weight_decay", v); return this; }
        /** Use the running maximum of the second moment: {@code .amsgrad(true)}. */ public Options amsgrad(boolean v) { m.put("amsgrad", v); return this; }
        /** Ascend instead of descend: {@code .maximize(true)}. */ public Options maximize(boolean v) { m.put("maximize", v); return this; }
    }

    /** Adam with a learning rate: {@code new Adam(model.parameters(), 1e-3)}. */
    public Adam(List<? extends Tensor> params, double lr) { this(params, new Options().lr(lr)); }

    /** Adam with options: {@code new Adam(ps, new Adam.Options().lr(0.01).amsgrad(true))}. */
    public Adam(List<? extends Tensor> params, Options options) { this(options, single(params)); }

    /** Adam over parameter groups: {@code new Adam(new Adam.Options(), g1, g2)}. */
    public Adam(Options defaults, ParamGroup... groups) { super(List.of(groups), validate(defaults.m)); }

    static Map<String, Object> validate(Map<String, Object> m) {
        double lr = (Double) m.get("lr"), eps = (Double) m.get("eps"), wd = (Double) m.get("weight_decay");
        double[] betas = (double[]) m.get("betas");
        if (lr < 0) throw new IllegalArgumentException("Invalid learning rate: " + num(lr));
        if (eps < 0) throw new IllegalArgumentException("Invalid epsilon value: " + num(eps));
        if (betas[0] < 0 || betas[0] >= 1) throw new IllegalArgumentException("Invalid beta parameter at index 0: " + num(betas[0]));
        if (betas[1] < 0 || betas[1] >= 1) throw new IllegalArgumentException("Invalid beta parameter at index 1: " + num(betas[1]));
        if (wd < 0) throw new IllegalArgumentException("Invalid weight_decay value: " + num(wd));
        return m;
    }

    /** Whether weight decay is decoupled from the gradient (AdamW) rather than added to it (Adam). */
    protected boolean decoupledWeightDecay() { return false; }

    @Override
    protected void update(Tensor p, Tensor grad, ParamGroup group) {
        double lr = group.lr(), eps = group.getDouble("eps"), wd = group.getDouble("weight_decay");
        double[] betas = group.getDoubles("betas");
        boolean amsgrad = group.getBoolean("amsgrad");
        Map<String, Object> s = stateOf(p);
        if (!s.containsKey("step")) {
            s.put("step", Tensor.scalar(0.0));
            s.put("exp_avg", Tensor.zerosLike(p));
            s.put("exp_avg_sq", Tensor.zerosLike(p));
            if (amsgrad) s.put("max_exp_avg_sq", Tensor.zerosLike(p));
        }
        Tensor g = group.getBoolean("maximize") ? grad.neg() : grad;
        double step = incrementStep(s);
        if (wd != 0) {
            if (decoupledWeightDecay()) p.mul_(1 - lr * wd);
            else g = g.add(p, wd);
        }
        Tensor expAvg = (Tensor) s.get("exp_avg"), expAvgSq = (Tensor) s.get("exp_avg_sq");
        expAvg.mul_(betas[0]).add_(g, 1 - betas[0]);
        expAvgSq.mul_(betas[1]).add_(g.mul(g), 1 - betas[1]);
        double bc1 = 1 - Math.pow(betas[0], step);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(betas[1], step));
        Tensor second = expAvgSq;
        if (amsgrad) {
            Tensor max = (Tensor) s.get("max_exp_avg_sq");
            max.copy_(max.maximum(expAvgSq));
            second = max;
        }
        Tensor denom = second.sqrt().div(bc2Sqrt).add(eps);
        p.add_(expAvg.div(denom), -lr / bc1);
    }
}
