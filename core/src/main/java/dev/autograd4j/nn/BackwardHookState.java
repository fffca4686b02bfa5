package dev.autograd4j.nn;

import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.Edge;
import dev.autograd4j.autograd.Node;

import java.util.List;

/**
 * One {@code Module.call} with full backward hooks (SPEC H4): identity nodes named BackwardHookFunctionBackward
 * around the module's input and output. The output node records grad_output; the input node then calls the hooks
 * with (grad_input, grad_output) and passes on what they return. When the input does not require grad, the
 * output node calls the hooks itself with grad_input {@code [null]}, as PyTorch does.
 */
final class BackwardHookState {
    private final Module module;
    private final List<Module.BackwardHook> hooks;
    private boolean inputWrapped;
    private Tensor[] gradOutput;

    BackwardHookState(Module module, List<Module.BackwardHook> hooks) {
        this.module = module;
        this.hooks = hooks;
    }

    Tensor wrapInput(Tensor x) {
        inputWrapped = true;
        return attach(x, g -> runHooks(new Tensor[]{g})[0]);
    }

    Tensor wrapOutput(Tensor out) {
        return attach(out, g -> {
            gradOutput = new Tensor[]{g};
            if (!inputWrapped) runHooks(new Tensor[]{null});
            return g;
        });
    }

    private Tensor[] runHooks(Tensor[] gradInput) {
        Tensor[] gi = gradInput;
        Tensor[] go = gradOutput == null ? new Tensor[]{null} : gradOutput;
        for (Module.BackwardHook h : hooks) {
            Tensor[] r = h.apply(module, gi.clone(), go.clone());
            if (r != null) {
                if (r.length != gi.length) {
                    throw new IllegalStateException("Backward hook returned an invalid number of grad_input, got "
                            + r.length + ", but expected " + gi.length);
                }
                gi = r;
            }
        }
        return gi;
    }

    private static Tensor attach(Tensor t, java.util.function.UnaryOperator<Tensor> onGrad) {
        Tensor out = t.viewOf(t.shape(), t.stride(), t.storageOffset());
        out.setGradFn(new IdentityNode(new Edge[]{t.gradientEdge()}, onGrad), 0);
        return out;
    }

    private static final class IdentityNode extends Node {
        private final java.util.function.UnaryOperator<Tensor> onGrad;

        IdentityNode(Edge[] next, java.util.function.UnaryOperator<Tensor> onGrad) {
            super(next);
            this.onGrad = onGrad;
        }

        @Override
        public String name() { return "BackwardHookFunctionBackward"; }

        @Override
        protected Tensor[] apply(Tensor[] gradOutputs) {
            Tensor g = gradOutputs[0];
            return new Tensor[]{g == null ? null : onGrad.apply(g)};
        }
    }
}
