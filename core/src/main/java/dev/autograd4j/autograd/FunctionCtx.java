package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The context a custom {@link Function} shares between its forward and backward (PyTorch's {@code ctx}): saved
 * tensors with version checks, arbitrary attributes, which inputs need a gradient, and the output markings.
 *
 * <pre>{@code
 * protected Tensor forward(FunctionCtx ctx, Tensor... in) { Tensor r = in[0].exp(); ctx.saveForBackward(r); return r; }
 * protected Tensor[] backward(FunctionCtx ctx, Tensor... g) { return new Tensor[]{g[0].mul(ctx.savedTensors().get(0))}; }
 * }</pre>
 */
public final class FunctionCtx {
    private final boolean[] needsInputGrad;
    private final Map<String, Object> attributes = new HashMap<>();
    private Tensor[] toSave;
    private SavedTensor[] saved;
    private boolean released;
    private final Set<Tensor> dirty = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Tensor> nonDifferentiable = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean materializeGrads = true;

    FunctionCtx(boolean[] needsInputGrad) { this.needsInputGrad = needsInputGrad; }

    /** Keeps tensors for backward (call it in forward): {@code ctx.saveForBackward(x, result)}. */
    public void saveForBackward(Tensor... tensors) { this.toSave = tensors.clone(); }

    /**
     * The tensors given to {@link #saveForBackward}, each checked against the version it had when forward ended:
     * {@code Tensor x = ctx.savedTensors().get(0)}.
     */
    public List<Tensor> savedTensors() {
        if (released) throw new IllegalStateException(SavedTensor.FREED);
        List<Tensor> r = new ArrayList<>();
        if (saved != null) for (SavedTensor s : saved) r.add(s == null ? null : s.unpack());
        else if (toSave != null) Collections.addAll(r, toSave);   // still inside forward
        return r;
    }

    /** Stores an attribute for backward (PyTorch's {@code ctx.k = k}): {@code ctx.put("k", 10.0)}. */
    public void put(String name, Object value) { attributes.put(name, value); }

    /** An attribute stored with {@link #put}: {@code double k = ctx.get("k")}. */
    @SuppressWarnings("unchecked")
    public <T> T get(String name) {
        if (!attributes.containsKey(name)) throw new IllegalArgumentException("ctx has no attribute '" + name + "'");
        return (T) attributes.get(name);
    }

    /** Whether forward input i needs a gradient: {@code if (ctx.needsInputGrad(0)) ...}. */
    public boolean needsInputGrad(int i) { return needsInputGrad[i]; }

    /** One flag per forward input, PyTorch's {@code ctx.needs_input_grad} tuple: {@code ctx.needsInputGrad()}. */
    public boolean[] needsInputGrad() { return needsInputGrad.clone(); }

    /** Declares inputs that forward modified in place and returns as outputs: {@code x.add_(1); ctx.markDirty(x)}. */
    public void markDirty(Tensor... tensors) { Collections.addAll(dirty, tensors); }

    /** Declares outputs that have no gradient (e.g. sort's indices): {@code ctx.markNonDifferentiable(idx)}. */
    public void markNonDifferentiable(Tensor... tensors) { Collections.addAll(nonDifferentiable, tensors); }

    /** With false, gradients of unused outputs reach backward as null instead of zeros: {@code ctx.setMaterializeGrads(false)}. */
    public void setMaterializeGrads(boolean materialize) { this.materializeGrads = materialize; }

    boolean materializeGrads() { return materializeGrads; }

    boolean isDirty(Tensor t) { return dirty.contains(t); }

    boolean isNonDifferentiable(Tensor t) { return nonDifferentiable.contains(t); }

    /** Called once forward and the output wrapping are done: the versions seen now are the ones backward expects. */
    void freezeSaved() {
        if (toSave == null) return;
        saved = new SavedTensor[toSave.length];
        for (int i = 0; i < toSave.length; i++) saved[i] = toSave[i] == null ? null : new SavedTensor(toSave[i]);
        toSave = null;
    }

    void release() {
        released = true;
        saved = null;
    }
}
