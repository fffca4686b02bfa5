package dev.autograd4j.optim;

import dev.autograd4j.Tensor;

import java.util.List;

/**
 * Adam with decoupled weight decay: {@code p *= 1 - lr·wd} before the Adam update (PyTorch's {@code AdamW},
 * weight decay 1e-2 by default).
 *
 * <pre>{@code var opt = new AdamW(model.parameters(), 1e-3);}</pre>
 */
public class AdamW extends Adam {

    /** AdamW's defaults: Adam's, with weight decay 1e-2: {@code AdamW.options().lr(3e-4)}. */
    public static Options options() { return new Options(1e-2); }

    /** AdamW with a learning rate and weight decay 1e-2: {@code new AdamW(model.parameters(), 1e-3)}. */
    public AdamW(List<? extends Tensor> params, double lr) { this(params, options().lr(lr)); }

    /** AdamW with options (start from {@link #options()} for the 1e-2 default): {@code new AdamW(ps, AdamW.options().weightDecay(0.1))}. */
    public AdamW(List<? extends Tensor> params, Options options) { this(options, single(params)); }

    /** AdamW over parameter groups: {@code new AdamW(AdamW.options(), g1, g2)}. */
    public AdamW(Options defaults, ParamGroup... groups) { super(defaults, groups); }

    @Override
    protected boolean decoupledWeightDecay() { return true; }
}
