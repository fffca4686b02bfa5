package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A user-defined differentiable operation (PyTorch's {@code torch.autograd.Function}): subclass it, write
 * {@code forward} (run with grad mode off) and {@code backward}, and call {@link #apply}. Its node is named
 * {@code <ClassName>Backward}. Extra non-tensor arguments live in the subclass's fields or in the context.
 *
 * <pre>{@code
 * class Exp extends Function {
 *     protected Tensor forward(FunctionCtx ctx, Tensor... in) { Tensor r = in[0].exp(); ctx.saveForBackward(r); return r; }
 *     protected Tensor[] backward(FunctionCtx ctx, Tensor... g) { return new Tensor[]{g[0].mul(ctx.savedTensors().get(0))}; }
 * }
 * Tensor y = new Exp().apply(x);   // y.gradFn().name() is "ExpBackward"
 * }</pre>
 */
public abstract class Function {

    /**
     * The forward computation of a one-output function (override this or {@link #forwardMulti}); runs with grad
     * mode disabled: {@code return in[0].exp();}.
     */
    protected Tensor forward(FunctionCtx ctx, Tensor... inputs) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " must override forward or forwardMulti");
    }

    /**
     * The forward computation of a several-output function; by default the one output of {@link #forward}:
     * {@code return List.of(vals, idx);}.
     */
    protected List<Tensor> forwardMulti(FunctionCtx ctx, Tensor... inputs) {
        return List.of(forward(ctx, inputs));
    }

    /**
     * One gradient per forward input (null where none) from one gradient per output:
     * {@code return new Tensor[]{g[0].mul(2)};}.
     */
    protected abstract Tensor[] backward(FunctionCtx ctx, Tensor... gradOutputs);

    /**
     * Whether backward may only be differentiated once (PyTorch's {@code @once_differentiable}): when true, backward
     * runs without recording, so its results have no graph. {@code @Override protected boolean onceDifferentiable() { return true; }}
     */
    protected boolean onceDifferentiable() { return false; }

    /**
     * The forward-mode rule (PyTorch's {@code jvp} staticmethod): one output tangent per output from one tangent per
     * input (zeros for a floating input without one, null for others), used when an input is a dual tensor inside
     * {@link ForwardAD#dualLevel()}; the forward then runs without tangents. By default there is none:
     * {@code return new Tensor[]{t[0].mul(ctx.savedTensors().get(0))};}.
     *
     * @throws UnsupportedOperationException with PyTorch's text, unless overridden
     */
    protected Tensor[] jvp(FunctionCtx ctx, Tensor... tangents) {
        throw new JvpNotImplementedException();
    }

    /** Applies a one-output function: {@code Tensor y = new Exp().apply(x)}. */
    public final Tensor apply(Tensor... inputs) {
        List<Tensor> outs = applyMulti(inputs);
        if (outs.size() != 1) {
            throw new IllegalStateException(getClass().getSimpleName() + " returned " + outs.size()
                    + " outputs; use applyMulti for functions with several outputs");
        }
        return outs.get(0);
    }

    /** Applies a function with several outputs: {@code List<Tensor> vi = new SortWithIdx().applyMulti(x)}. */
    public final List<Tensor> applyMulti(Tensor... inputs) {
        int n = inputs.length;
        boolean[] needs = new boolean[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            Tensor t = inputs[i];
            needs[i] = t != null && t.requiresGrad() && t.dtype().isFloatingPoint();
            any |= needs[i];
        }
        FunctionCtx ctx = new FunctionCtx(needs);
        List<Tensor> raw;
        // Forward AD: with a dual input, the forward runs without tangents and jvp gives the outputs' tangents.
        Tensor[] tangents = ForwardAD.isActive() ? ForwardAD.tangentsOf(inputs) : null;
        try (var g = Autograd.noGrad()) {
            raw = tangents == null ? forwardMulti(ctx, inputs) : ForwardAD.withoutPropagation(() -> forwardMulti(ctx, inputs));
        }
        List<Tensor> outs = wrapOutputs(raw, inputs, needs, record(any), ctx);
        if (tangents != null) ForwardAD.customJvp(getClass().getSimpleName() + "Backward", outs, inputs, tangents, t -> jvp(ctx, t));
        return outs;
    }

    private static boolean record(boolean anyNeedsGrad) { return GradMode.isEnabled() && anyNeedsGrad; }

    private List<Tensor> wrapOutputs(List<Tensor> raw, Tensor[] inputs, boolean[] needs, boolean record, FunctionCtx ctx) {
        int n = inputs.length;
        if (raw == null || raw.isEmpty()) throw new IllegalStateException(getClass().getSimpleName() + ".forward returned no outputs");
        List<Tensor> outs = new ArrayList<>(raw.size());
        if (!record) {
            outs.addAll(raw);
            ctx.freezeSaved();
            return outs;
        }
        Edge[] edges = new Edge[n];
        for (int i = 0; i < n; i++) edges[i] = needs[i] ? inputs[i].gradientEdge() : Edge.NONE;
        FunctionNode node = new FunctionNode(this, ctx, edges, inputs, raw);
        if (Anomaly.isEnabled()) node.forwardTrace = new Throwable("Traceback of forward call that caused the error");
        for (int k = 0; k < raw.size(); k++) outs.add(wrapOutput(raw.get(k), k, node, ctx, inputs));
        ctx.freezeSaved();
        return outs;
    }

    /** Attaches output k to the node: dirty inputs are rebased in place, returned inputs become new aliases. */
    private static Tensor wrapOutput(Tensor out, int k, FunctionNode node, FunctionCtx ctx, Tensor[] inputs) {
        boolean isInput = Arrays.stream(inputs).anyMatch(t -> t == out);
        if (ctx.isNonDifferentiable(out) || !out.dtype().isFloatingPoint()) {
            return isInput ? out.detach() : out;
        }
        if (ctx.isDirty(out)) {
            if (out.viewBase() != null) {
                // PyTorch rebases the view's base through CopySlices here; until that is wired, refuse rather than
                // give the base a silently wrong gradient.
                throw new UnsupportedOperationException("markDirty on a view is not supported yet: clone the view first");
            }
            if (out.isLeaf() && out.requiresGrad()) {
                throw new IllegalStateException("a leaf Variable that requires grad has been used in an in-place operation.");
            }
            out.setGradFn(node, k);   // the output IS the input object, now produced by this node
            return out;
        }
        Tensor r = isInput ? out.detach() : out;   // an input returned unchanged comes back as a new tensor object
        r.setGradFn(node, k);
        return r;
    }
}
