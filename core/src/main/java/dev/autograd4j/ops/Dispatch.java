package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.ForwardAD;
import dev.autograd4j.autograd.GradMode;
import dev.autograd4j.autograd.Recorder;
import dev.autograd4j.profiler.Profiler;

/**
 * Applies an {@link Op}: computes the forward result, then records a backward node when grad mode is on and an
 * input requires grad. The single path every differentiable op takes.
 */
public final class Dispatch {
    private Dispatch() {}

    /** Runs {@code op} on {@code inputs} and records it: {@code Dispatch.apply(new Op.Mul(), a, b)}. */
    public static Tensor apply(Op op, Tensor... inputs) {
        if (Profiler.isActive()) return Profiler.recordOp(op, inputs);   // NOTE [Profiler fast path]
        return applyUnprofiled(op, inputs);
    }

    /** {@link #apply} without the profiler check (what the profiler runs inside its event): internal. */
    public static Tensor applyUnprofiled(Op op, Tensor... inputs) {
        Tensor out = Forward.compute(op, inputs);
        boolean grad = GradMode.isEnabled();
        if (op instanceof Op.ViewOp) {
            Tensor in = inputs[0];
            Tensor base = in.viewBase() != null ? in.viewBase() : in;
            out.setViewBase(base, !grad || (in.viewBase() != null && in.viewCreatedInNoGrad()));
        }
        if (grad && out.dtype().isFloatingPoint()) {
            for (Tensor t : inputs) {
                if (t.requiresGrad()) {
                    Recorder.record(op, inputs, out);
                    break;
                }
            }
        }
        if (ForwardAD.isActive()) ForwardAD.propagate(op, inputs, out);   // NOTE [Forward AD fast path]
        return out;
    }

    /** max(dim)/min(dim): the indices are computed without grad, the values recorded as MaxBackward0/MinBackward0. */
    public static Tensor.ValuesIndices extremumDim(Tensor x, int dim, boolean keepdim, boolean max) {
        if (x.dtype() == DType.BOOL) throw new IllegalArgumentException((max ? "max" : "min") + "(): bool tensors are not supported");
        int d = dev.autograd4j.tensor.Shapes.wrapDim(dim, x.dim());
        Tensor idx = NonDiff.argExtremum(x, d, true, max);
        Tensor values = apply(new Op.ExtremumDim(d, keepdim, max), x, idx);
        return new Tensor.ValuesIndices(values, keepdim || x.dim() == 0 ? idx : idx.squeeze(d));
    }
}
