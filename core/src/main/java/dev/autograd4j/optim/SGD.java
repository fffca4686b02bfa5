package dev.autograd4j.optim;

import dev.autograd4j.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with PyTorch's momentum form (SPEC L4): {@code g += wd p}; {@code buf = g} on the
 * first step, else {@code buf = μ buf + (1 - dampening) g}; nesterov {@code g += μ buf}, else {@code g = buf};
 * {@code p -= lr g} ({@code +=} with maximize). State key {@code momentum_buffer}; parameters without a grad
 * are skipped and get no state.
 *
 * <pre>{@code
 * var opt = new SGD(model.parameters(), new SGD.Options().lr(0.1).momentum(0.9).nesterov(true));
 * }</pre>
 */
public class SGD extends Optimizer {

    /** SGD's options with PyTorch 2.x defaults (lr 1e-3, the rest 0/false). */
    public static final class Options {
        final Map<String, Object> m = new LinkedHashMap<>();

        /** The defaults: {@code new SGD.Options()}. */
        public Options() {
            m.put("lr", 1e-3);
            m.put("momentum", 0.0);
            m.put("dampening", 0.0);
            m.put("weight_decay", 0.0);
            m.put("nesterov", false);
            m.put("maximize", false);
        }

        /** Learning rate: {@code .lr(0.1)}. */ public Options lr(double v) { m.put("lr", v); return this; }
        /** Momentum factor μ: {@code .momentum(0.9)}. */ public Options momentum(double v) { m.put("momentum", v); return this; }
        /** Dampening of the momentum: {@code .dampening(0.5)}. */ public Options dampening(double v) { m.put("dampening", v); return this; }
        /** L2 penalty added to the gradient: {@code .weightDecay(1e-4)}. */ public Options weightDecay(double v) { m.put("weight_decay", v); return this; }
        /** Nesterov momentum: {@code .nesterov(true)}. */ public Options nesterov(boolean v) { m.put("nesterov", v); return this; }
        /** Ascend instead of descend: {@code .maximize(true)}. */ public Options maximize(boolean v) { m.put("maximize", v); return this; }
    }

    /** Plain SGD with a learning rate: {@code new SGD(model.parameters(), 0.001)}. */
    public SGD(List<? extends Tensor> params, double lr) { this(params, new Options().lr(lr)); }

    /** SGD with momentum: {@code new SGD(model.parameters(), 0.01, 0.9)}. */
    public SGD(List<? extends Tensor> params, double lr, double momentum) { this(params, new Options().lr(lr).momentum(momentum)); }

    /** SGD with options: {@code new SGD(ps, new SGD.Options().lr(0.1).weightDecay(0.5))}. */
    public SGD(List<? extends Tensor> params, Options options) { this(options, single(params)); }

    /** SGD over parameter groups, each overriding the given defaults: {@code new SGD(new SGD.Options(), g1, g2)}. */
    public SGD(Options defaults, ParamGroup... groups) { super(List.of(groups), validate(defaults.m)); }

    private static Map<String, Object> validate(Map<String, Object> m) {
        double lr = (Double) m.get("lr"), momentum = (Double) m.get("momentum"), wd = (Double) m.get("weight_decay");
        if (lr < 0) throw new IllegalArgumentException("Invalid learning rate: " + num(lr));
        if (momentum < 0) throw new IllegalArgumentException("Invalid momentum value: " + num(momentum));
        if (wd < 0) throw new IllegalArgumentException("Invalid weight_decay value: " + num(wd));
        if ((Boolean) m.get("nesterov") && (momentum <= 0 || (Double) m.get("dampening") != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening");
        }
        return m;
    }

    @Override
    protected void update(Tensor p, Tensor grad, ParamGroup group) {
        double lr = group.lr(), momentum = group.getDouble("momentum"), dampening = group.getDouble("dampening");
        double wd = group.getDouble("weight_decay");
        Tensor d = group.getBoolean("maximize") ? grad.neg() : grad;
        if (wd != 0) d = d.add(p, wd);
        if (momentum != 0) {
            Map<String, Object> s = stateOf(p);
            Tensor buf = (Tensor) s.get("momentum_buffer");
            if (buf == null) {
                buf = d.detach().clone();
                s.put("momentum_buffer", buf);
            } else {
                buf.mul_(momentum).add_(d, 1 - dampening);
            }
            d = group.getBoolean("nesterov") ? d.add(buf, momentum) : buf;
        }
        p.add_(d, -lr);
    }
}
