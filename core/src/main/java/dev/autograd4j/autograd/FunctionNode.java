package dev.autograd4j.autograd;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.tensor.Shapes;

/**
 * The backward node of a custom {@link Function} application, named {@code <ClassName>Backward}: it materializes
 * missing output gradients, calls the user's backward and checks the count and shapes of what comes back.
 */
public final class FunctionNode extends Node {
    private final Function fn;
    private final FunctionCtx ctx;
    private final int[][] inputShapes;
    private final DType[] inputDtypes;
    private final int[][] outputShapes;
    private final DType[] outputDtypes;

    FunctionNode(Function fn, FunctionCtx ctx, Edge[] edges, Tensor[] inputs, java.util.List<Tensor> outputs) {
        super(edges);
        this.fn = fn;
        this.ctx = ctx;
        int n = inputs.length;
        inputShapes = new int[n][];
        inputDtypes = new DType[n];
        for (int i = 0; i < n; i++) {
            if (inputs[i] == null) continue;
            inputShapes[i] = inputs[i].shape();
            inputDtypes[i] = inputs[i].dtype();
        }
        outputShapes = new int[outputs.size()][];
        outputDtypes = new DType[outputs.size()];
        for (int i = 0; i < outputs.size(); i++) {
            outputShapes[i] = outputs.get(i).shape();
            outputDtypes[i] = outputs.get(i).dtype();
        }
    }

    @Override
    public String name() { return fn.getClass().getSimpleName() + "Backward"; }

    @Override
    public int numOutputs() { return outputShapes.length; }

    @Override
    protected Tensor[] apply(Tensor[] gradOutputs) {
        Tensor[] gs = gradOutputs.clone();
        if (ctx.materializeGrads()) {
            for (int i = 0; i < gs.length; i++) if (gs[i] == null) gs[i] = Tensor.zeros(outputDtypes[i], outputShapes[i]);
        }
        Tensor[] r;
        if (fn.onceDifferentiable()) {
            // once_differentiable: the backward is not recorded, so its results carry no graph.
            try (var g = Autograd.noGrad()) { r = fn.backward(ctx, gs); }
        } else {
            r = fn.backward(ctx, gs);
        }
        int n = inputShapes.length;
        if (r == null) r = new Tensor[0];
        int got = r.length;
        if (got != n) {
            boolean extrasNull = got > n;
            for (int i = n; i < got && extrasNull; i++) extrasNull = r[i] == null;
            if (!extrasNull) {
                throw new IllegalStateException("function " + name() + " returned an incorrect number of gradients (expected "
                        + n + ", got " + got + ")");
            }
        }
        Tensor[] out = new Tensor[n];
        for (int i = 0; i < n; i++) {
            Tensor g = r[i];
            if (g == null || next[i].node() == null) continue;
            int[] want = inputShapes[i];
            if (!java.util.Arrays.equals(g.shape(), want)) {
                if (!expandableTo(want, g.shape())) {
                    throw new IllegalStateException("Function " + name() + " returned an invalid gradient at index " + i
                            + " - got " + Shapes.str(g.shape()) + " but expected shape compatible with " + Shapes.str(want));
                }
                g = Derivatives.sumTo(g, want);
            }
            out[i] = g.dtype() == inputDtypes[i] ? g : g.to(inputDtypes[i]);
        }
        return out;
    }

    /** Whether {@code shape} broadcasts to {@code target} (PyTorch's is_expandable_to). */
    private static boolean expandableTo(int[] shape, int[] target) {
        if (shape.length > target.length) return false;
        for (int i = 1; i <= shape.length; i++) {
            int s = shape[shape.length - i], t = target[target.length - i];
            if (s != t && s != 1) return false;
        }
        return true;
    }

    @Override
    protected void releaseVariables() { ctx.release(); }
}
