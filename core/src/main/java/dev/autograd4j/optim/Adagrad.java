package dev.autograd4j.optim;

import dev.autograd4j.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adagrad with PyTorch's update: {@code clr = lr / (1 + (t-1) lr_decay)}; {@code sum += g²};
 * {@code p -= clr g / (√sum + eps)}. State ({@code step}, {@code sum}) is created for every parameter up front.
 *
 * <pre>{@code var opt = new Adagrad(model.parameters(), 0.01);}</pre>
 */
public class Adagrad extends Optimizer {

    /** Adagrad's options with PyTorch's defaults (lr 1e-2, eps 1e-10). */
    public static final class Options {
        final Map<String, Object> m = new LinkedHashMap<>();

        /** The defaults: {@code new Adagrad.Options()}. */
        public Options() {
            m.put("lr", 1e-2);
            m.put("lr_decay", 0.0);
            m.put("weight_decay", 0.0);
            m.put("initial_accumulator_value", 0.0);
            m.put("eps", 1e-10);
            m.put("maximize", false);
        }

        /** Learning rate: {@code .lr(0.01)}. */ public Options lr(double v) { m.put("lr", v); return this; }
        /** Learning-rate decay per step: {@code .lrDecay(0.01)}. */ public Options lrDecay(double v) { m.put("lr_decay", v); return this; }
        /** L2 penalty added to the gradient: {@code .weightDecay(1e-4)}. */ public Options weightDecay(double v) { m.put("weight_decay", v); return this; }
        /** Starting value of the sum of squares: {@code .initialAccumulatorValue(0.1)}. */ public Options initialAccumulatorValue(double v) { m.put("initial_accumulator_value", v); return this; }
        /** Term added to the denominator: {@code .eps(1e-10)}. */ public Options eps(double v) { m.put("eps", v); return this; }
        /** Ascend instead of descend: {@code .maximize(true)}. */ public Options maximize(boolean v) { m.put("maximize", v); return this; }
    }

    /** Adagrad with a learning rate: {@code new Adagrad(model.parameters(), 0.01)}. */
    public Adagrad(List<? extends Tensor> params, double lr) { this(params, new Options().lr(lr)); }

    /** Adagrad with options: {@code new Adagrad(ps, new Adagrad.Options().lrDecay(0.01))}. */
    public Adagrad(List<? extends Tensor> params, Options options) { this(options, single(params)); }

    /** Adagrad over parameter groups: {@code new Adagrad(new Adagrad.Options(), g1, g2)}. */
    public Adagrad(Options defaults, ParamGroup... groups) {
        super(List.of(groups), validate(defaults.m));
        for (ParamGroup g : paramGroups()) {
            for (Tensor p : g.params()) {
                Map<String, Object> s = stateOf(p);
                s.put("step", Tensor.scalar(0.0));
                s.put("sum", Tensor.fullLike(p, g.getDouble("initial_accumulator_value")));
            }
        }
    }

    private static Map<String, Object> validate(Map<String, Object> m) {
        double lr = (Double) m.get("lr"), eps = (Double) m.get("eps"), wd = (Double) m.get("weight_decay");
        double decay = (Double) m.get("lr_decay"), init = (Double) m.get("initial_accumulator_value");
        if (lr < 0) throw new IllegalArgumentException("Invalid learning rate: " + num(lr));
        if (decay < 0) throw new IllegalArgumentException("Invalid lr_decay value: " + num(decay));
        if (wd < 0) throw new IllegalArgumentException("Invalid weight_decay value: " + num(wd));
        if (init < 0) throw new IllegalArgumentException("Invalid initial_accumulator_value value: " + num(init));
        if (eps < 0) throw new IllegalArgumentException("Invalid epsilon value: " + num(eps));
        return m;
    }

    @Override
    protected void update(Tensor p, Tensor grad, ParamGroup group) {
        double lr = group.lr(), eps = group.getDouble("eps"), wd = group.getDouble("weight_decay");
        Map<String, Object> s = stateOf(p);
        double step = incrementStep(s);
        Tensor g = group.getBoolean("maximize") ? grad.neg() : grad;
        if (wd != 0) g = g.add(p, wd);
        double clr = lr / (1 + (step - 1) * group.getDouble("lr_decay"));
        Tensor sum = (Tensor) s.get("sum");
        sum.add_(g.mul(g));
        p.add_(g.div(sum.sqrt().add(eps)), -clr);
    }
}
