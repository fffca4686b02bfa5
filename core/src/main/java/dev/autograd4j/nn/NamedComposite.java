package dev.autograd4j.nn;

import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.Autograd;
import dev.autograd4j.autograd.Edge;
import dev.autograd4j.autograd.GradMode;
import dev.autograd4j.autograd.Node;

import java.util.ArrayList;
import java.util.List;

/**
 * Gives a composite computation PyTorch's single node name (MseLossBackward0, NllLossBackward0, ...).
 *
 * <p>NOTE [Named composites]: the composite is recorded as usual from the real inputs; its result is then
 * detached and attached to one node with the PyTorch name whose backward runs {@code autograd.grad} through the
 * recorded composite. The gradients are therefore exactly those of the composite (and, with createGraph, stay
 * differentiable with respect to the real inputs), while {@code loss.gradFn().name()} reads as in PyTorch.
 */
final class NamedComposite extends Node {
    private final String name;
    private final Tensor inner;
    private final Tensor[] inputs;

    private NamedComposite(String name, Edge[] edges, Tensor inner, Tensor[] inputs) {
        super(edges);
        this.name = name;
        this.inner = inner;
        this.inputs = inputs;
    }

    /** Returns {@code inner} re-attached to one node called {@code name} whose inputs are {@code inputs}. */
    static Tensor wrap(String name, Tensor inner, Tensor... inputs) {
        if (!GradMode.isEnabled() || !inner.requiresGrad()) return inner;
        Edge[] edges = new Edge[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Tensor in = inputs[i];
            edges[i] = in != null && in.requiresGrad() ? in.gradientEdge() : Edge.NONE;
        }
        Tensor out = inner.detach();
        out.setGradFn(new NamedComposite(name, edges, inner, inputs.clone()), 0);
        return out;
    }

    @Override
    public String name() { return name; }

    @Override
    protected Tensor[] apply(Tensor[] gradOutputs) {
        Tensor[] grads = new Tensor[inputs.length];
        Tensor g = gradOutputs[0];
        if (g == null) return grads;
        List<Tensor> wanted = new ArrayList<>();
        List<Integer> where = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            if (next[i].node() != null) {
                wanted.add(inputs[i]);
                where.add(i);
            }
        }
        if (wanted.isEmpty()) return grads;
        List<Tensor> gs = new ArrayList<>(1);
        gs.add(g);
        List<Tensor> r = Autograd.grad(List.of(inner), wanted, gs, true, GradMode.isEnabled(), true);
        for (int k = 0; k < r.size(); k++) grads[where.get(k)] = r.get(k);
        return grads;
    }
}
