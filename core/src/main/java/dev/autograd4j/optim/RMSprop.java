package dev.autograd4j.optim;

import dev.autograd4j.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RMSprop with PyTorch's update: {@code v = α v + (1-α) g²}; {@code avg = √v + eps} (centered: {@code √(v - ḡ²) + eps});
 * {@code p -= lr g/avg}, or with momentum {@code buf = μ buf + g/avg; p -= lr buf}. State keys {@code step},
 * {@code square_avg} (and {@code momentum_buffer}, {@code grad_avg}).
 *
 * <pre>{@code var opt = new RMSprop(model.parameters(), 0.01);}</pre>
 */
public class RMSprop extends Optimizer {

    /** RMSprop's options with PyTorch's defaults (lr 1e-2, alpha 0.99, eps 1e-8). */
    public static final class Options {
        final Map<String, Object> m = new LinkedHashMap<>();

        /** The defaults: {@code new RMSprop.Options()}. */
        public Options() {
            m.put("lr", 1e-2);
            m.put("alpha", 0.99);
            m.put("eps", 1e-8);
            m.put("weight_decay", 0.0);
            m.put("momentum", 0.0);
            m.put("centered", false);
            m.put("maximize", false);
        }

        /** Learning rate: {@code .lr(0.01)}. */ public Options lr(double v) { m.put("lr", v); return this; }
        /** Smoothing constant: {@code .alpha(0.9)}. */ public Options alpha(double v) { m.put("alpha", v); return this; }
        /** Term added to the denominator: {@code .eps(1e-8)}. */ public Options eps(double v) { m.put("eps", v); return this; }
        /** L2 penalty added to the gradient: {@code .weightDecay(1e-4)}. */ public Options weightDecay(double v) { m.put("weight_decay", v); return this; }
        /** Momentum factor: {@code .momentum(0.9)}. */ public Options momentum(double v) { m.put("momentum", v); return this; }
        /** Normalise by the estimated variance: {@code .centered(true)}. */ public Options centered(boolean v) { m.put("centered", v); return this; }
        /** Ascend instead of descend: {@code .maximize(true)}. */ public Options maximize(boolean v) { m.put("maximize", v); return this; }
    }

    /** RMSprop with a learning rate: {@code new RMSprop(model.parameters(), 0.01)}. */
    public RMSprop(List<? extends Tensor> params, double lr) { this(params, new Options().lr(lr)); }

    /** RMSprop with options: {@code new RMSprop(ps, new RMSprop.Options().momentum(0.9).centered(true))}. */
    public RMSprop(List<? extends Tensor> params, Options options) { this(options, single(params)); }

    /** RMSprop over parameter groups: {@code new RMSprop(new RMSprop.Options(), g1, g2)}. */
    public RMSprop(Options defaults, ParamGroup... groups) { super(List.of(groups), validate(defaults.m)); }

    private static Map<String, Object> validate(Map<String, Object> m) {
        double lr = (Double) m.get("lr"), eps = (Double) m.get("eps"), wd = (Double) m.get("weight_decay");
        double momentum = (Double) m.get("momentum"), alpha = (Double) m.get("alpha");
        if (lr < 0) throw new IllegalArgumentException("Invalid learning rate: " + num(lr));
        if (eps < 0) throw new IllegalArgumentException("Invalid epsilon value: " + num(eps));
        if (momentum < 0) throw new IllegalArgumentException("Invalid momentum value: " + num(momentum));
        if (wd < 0) throw new IllegalArgumentException("Invalid weight_decay value: " + num(wd));
        if (alpha < 0) throw new IllegalArgumentException("Invalid alpha value: " + num(alpha));
        return m;
    }

    @Override
    protected void update(Tensor p, Tensor grad, ParamGroup group) {
        double lr = group.lr(), alpha = group.getDouble("alpha"), eps = group.getDouble("eps");
        double wd = group.getDouble("weight_decay"), momentum = group.getDouble("momentum");
        boolean centered = group.getBoolean("centered");
        Map<String, Object> s = stateOf(p);
        if (!s.containsKey("step")) {
            s.put("step", Tensor.scalar(0.0));
            s.put("square_avg", Tensor.zerosLike(p));
            if (momentum > 0) s.put("momentum_buffer", Tensor.zerosLike(p));
            if (centered) s.put("grad_avg", Tensor.zerosLike(p));
        }
        incrementStep(s);
        Tensor g = group.getBoolean("maximize") ? grad.neg() : grad;
        if (wd != 0) g = g.add(p, wd);
        Tensor squareAvg = (Tensor) s.get("square_avg");
        squareAvg.mul_(alpha).add_(g.mul(g), 1 - alpha);
        Tensor avg;
        if (centered) {
            Tensor gradAvg = (Tensor) s.get("grad_avg");
            gradAvg.mul_(alpha).add_(g, 1 - alpha);
            avg = squareAvg.sub(gradAvg.mul(gradAvg)).sqrt().add(eps);
        } else {
            avg = squareAvg.sqrt().add(eps);
        }
        if (momentum > 0) {
            Tensor buf = (Tensor) s.get("momentum_buffer");
            buf.mul_(momentum).add_(g.div(avg));
            p.add_(buf, -lr);
        } else {
            p.add_(g.div(avg), -lr);
        }
    }
}
