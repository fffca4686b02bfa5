package dev.autograd4j.autograd;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.ops.Op;

/**
 * The backward node of a primitive {@link Op}: keeps what the op's derivative rule needs (the inputs and/or the
 * result it saves, the input shapes and dtypes) and applies the rule from {@link Derivatives}.
 */
public final class OpNode extends Node {
    final Op op;
    private final SavedTensor[] savedInputs;
    private SavedTensor savedResult;
    private final int[][] inputShapes;
    private final DType[] inputDtypes;
    private boolean released;
    /** PyTorch's x*2 and x/2 save the wrapped scalar, so their nodes cannot run again once freed (SPEC B5). */
    private final boolean savesScalar;

    OpNode(Op op, Edge[] edges, Tensor[] inputs, Tensor out) {
        super(edges);
        this.op = op;
        int n = inputs.length;
        this.inputShapes = new int[n][];
        this.inputDtypes = new DType[n];
        int saves = Derivatives.saves(op);
        this.savesScalar = (saves & Derivatives.SAVE_SCALAR) != 0;
        SavedTensor[] saved = null;
        for (int i = 0; i < n; i++) {
            inputShapes[i] = inputs[i].shapeView(); // shapes are never mutated after construction
            inputDtypes[i] = inputs[i].dtype();
            if ((saves & (1 << i)) != 0 || (saves & Derivatives.SAVE_ALL_INPUTS) != 0) {
                if (saved == null) saved = new SavedTensor[n];
                saved[i] = save(inputs[i]);
            }
        }
        this.savedInputs = saved;
        if ((saves & Derivatives.SAVE_RESULT) != 0) savedResult = new SavedTensor(out, this);
    }

    private static SavedTensor save(Tensor t) {
        if (t.isInference() && !GradMode.isInference()) {
            throw new IllegalStateException("Inference tensors cannot be saved for backward. To work around you can make "
                    + "a clone to get a normal tensor and use it in autograd.");
        }
        return new SavedTensor(t);
    }

    /** The op this node differentiates. */
    public Op op() { return op; }

    @Override
    public String name() { return Derivatives.name(op); }

    @Override
    protected Tensor[] apply(Tensor[] gradOutputs) {
        if (released && (savedInputs != null || savedResult != null || savesScalar)) throw new IllegalStateException(SavedTensor.FREED);
        Tensor g = gradOutputs[0];
        int n = inputShapes.length;
        if (g == null) return new Tensor[n];
        Tensor[] grads = Derivatives.backward(op, this, g);
        for (int i = 0; i < n; i++) {
            if (grads[i] == null || next[i].node() == null) {
                grads[i] = null;
                continue;
            }
            // NOTE [Broadcast gradients]: an input broadcast in the forward gets the sum over the broadcast dims,
            // and every input gets its gradient in its own dtype (SPEC section 3, dtype promotion).
            grads[i] = Derivatives.sumTo(grads[i], inputShapes[i]).to(inputDtypes[i]);
        }
        return grads;
    }

    @Override
    protected void releaseVariables() {
        released = true;
        if (savedInputs != null) for (SavedTensor s : savedInputs) if (s != null) s.release();
        if (savedResult != null) savedResult.release();
    }

    /** Saved input i, checked against its version. */
    Tensor input(int i) {
        if (savedInputs == null || savedInputs[i] == null) {
            throw new IllegalStateException("internal error: " + name() + " did not save input " + i);
        }
        return savedInputs[i].unpack();
    }

    /** The saved result, checked against its version. */
    Tensor result() {
        if (savedResult == null) throw new IllegalStateException("internal error: " + name() + " did not save its result");
        return savedResult.unpack();
    }

    /** The shape input i had in the forward. */
    int[] inputShape(int i) { return inputShapes[i]; }

    /** How many tensor inputs the op had. */
    int numInputs() { return inputShapes.length; }

    /** Whether input i needs a gradient (it requires grad). */
    boolean needsGrad(int i) { return next[i].node() != null; }

    /**
     * The tensors this node still holds, by torchviz's attribute names without {@code _saved_}: "self" and
     * "other" for inputs 0 and 1 ("input2"... after), "result" for the output; freed ones are left out.
     */
    java.util.Map<String, Tensor> savedForDisplay() {
        java.util.Map<String, Tensor> r = new java.util.LinkedHashMap<>();
        if (savedInputs != null) {
            for (int i = 0; i < savedInputs.length; i++) {
                Tensor t = savedInputs[i] == null ? null : savedInputs[i].peek();
                if (t != null) r.put(i == 0 ? "self" : i == 1 ? "other" : "input" + i, t);
            }
        }
        Tensor res = savedResult == null ? null : savedResult.peek();
        if (res != null) r.put("result", res);
        return r;
    }

    /** After an in-place op wrote its result into {@code self}, the saved result is that tensor. */
    public void rebindResult(Tensor self) {
        if (savedResult != null) savedResult = new SavedTensor(self, this);
    }
}
