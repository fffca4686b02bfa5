package dev.autograd4j.nn;

import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.Autograd;

import java.util.ArrayList;
import java.util.List;

/**
 * Gradient clipping: PyTorch's {@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}.
 *
 * <pre>{@code
 * loss.backward();
 * Utils.clipGradNorm_(model.parameters(), 1.0);
 * opt.step();
 * }</pre>
 */
public final class Utils {
    private Utils() {}

    /** Scales all grads so their joint 2-norm is at most maxNorm; returns the norm before clipping: {@code Utils.clipGradNorm_(ps, 1.0)}. */
    public static Tensor clipGradNorm_(List<? extends Tensor> parameters, double maxNorm) {
        return clipGradNorm_(parameters, maxNorm, 2.0, false);
    }

    /**
     * Scales all grads by {@code min(1, maxNorm / (total + 1e-6))}, the total being the p-norm of the per-grad
     * norms (p may be infinity); returns the total norm: {@code Utils.clipGradNorm_(ps, 1.0, 2.0, true)}.
     */
    public static Tensor clipGradNorm_(List<? extends Tensor> parameters, double maxNorm, double normType,
                                       boolean errorIfNonfinite) {
        List<Tensor> grads = new ArrayList<>();
        for (Tensor p : parameters) if (p.grad() != null) grads.add(p.grad());
        try (var ng = Autograd.noGrad()) {
            if (grads.isEmpty()) return Tensor.scalar(0.0);
            List<Tensor> norms = new ArrayList<>();
            for (Tensor g : grads) {
                norms.add(Double.isInfinite(normType) ? g.abs().max().to(grads.get(0).dtype()) : g.norm(normType));
            }
            Tensor stacked = Tensor.stack(norms, 0);
            Tensor total = Double.isInfinite(normType) ? stacked.max() : stacked.norm(normType);
            double t = total.item();
            if (errorIfNonfinite && (Double.isNaN(t) || Double.isInfinite(t))) {
                throw new IllegalStateException("The total norm of order " + F.pyFloat(normType) + " for gradients from "
                        + "`parameters` is non-finite, so it cannot be clipped. To disable this error and scale the gradients "
                        + "by the non-finite norm anyway, set `error_if_nonfinite=False`");
            }
            double coef = maxNorm / (t + 1e-6);
            if (coef < 1) for (Tensor g : grads) g.mul_(coef);
            return total;
        }
    }

    /** Clamps every grad element into [-clipValue, clipValue]: {@code Utils.clipGradValue_(ps, 0.5)}. */
    public static void clipGradValue_(List<? extends Tensor> parameters, double clipValue) {
        try (var ng = Autograd.noGrad()) {
            for (Tensor p : parameters) if (p.grad() != null) p.grad().clamp_(-clipValue, clipValue);
        }
    }
}
