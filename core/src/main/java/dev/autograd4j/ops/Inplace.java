package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.CopySlices;
import dev.autograd4j.autograd.Derivatives;
import dev.autograd4j.autograd.ForwardAD;
import dev.autograd4j.autograd.GradMode;
import dev.autograd4j.autograd.OpNode;
import dev.autograd4j.kernel.KernelProvider;
import dev.autograd4j.kernel.Kernels;
import dev.autograd4j.tensor.Shapes;

import java.util.Arrays;
import java.util.Random;

/**
 * In-place ops: PyTorch's checks (leaf, view of leaf, no-grad view, multi-output view, inference), the write, the
 * version bump, and the graph rewrite: the tensor's grad_fn becomes the op's node, or for a view, its base's
 * grad_fn becomes {@link CopySlices} (SPEC G1-G6).
 */
public final class Inplace {
    private Inplace() {}

    private static final Kernels K = KernelProvider.kernels();
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[2048]);

    /**
     * {@code self += alpha * other} (or {@code -=}) straight into self's storage, without the result and scaled
     * temporaries of the general path, when nothing is recorded and both are contiguous float32 of the same shape in
     * distinct storages: the optimizer's {@code p.add_(g, -lr)}. The same roundings as the general path (the
     * product, then the sum; no fused multiply-add). False, having done nothing, when it does not apply.
     */
    private static boolean addScaledInPlace(Tensor self, Op op, Tensor[] others) {
        double alpha;
        Kernels.BinaryOp add;
        if (op instanceof Op.Add a) {
            alpha = a.alpha();
            add = Kernels.BinaryOp.ADD;
        } else if (op instanceof Op.Sub sub) {
            alpha = sub.alpha();
            add = Kernels.BinaryOp.SUB;
        } else {
            return false;
        }
        if (others.length != 1 || ForwardAD.isActive()) return false;
        Tensor o = others[0];
        if (self.dtype() != DType.FLOAT32 || o.dtype() != DType.FLOAT32 || !self.isContiguous() || !o.isContiguous()
                || self.storage() == o.storage() || !Arrays.equals(self.shape(), o.shape())) {
            return false;
        }
        float[] p = self.storage().f, g = o.storage().f;
        int po = self.storageOffset(), go = o.storageOffset(), n = self.numel();
        float s = (float) alpha;
        if (s == 1f) {
            K.binary(add, p, po, g, go, p, po, n);
            return true;
        }
        // alpha * g a block at a time into a small scratch that stays in L1, then added in: two vector passes.
        float[] tmp = SCRATCH.get();
        for (int i = 0; i < n; i += tmp.length) {
            int len = Math.min(tmp.length, n - i);
            K.binaryScalar(Kernels.BinaryOp.MUL, g, go + i, s, tmp, 0, len);
            K.binary(add, p, po + i, tmp, 0, p, po + i, len);
        }
        return true;
    }

    /** Applies {@code op(self, others...)} and writes the result into self: {@code Inplace.apply(x, new Op.Mul(), y)}. */
    public static Tensor apply(Tensor self, Op op, Tensor... others) {
        checkNoInternalOverlap(self);
        Tensor[] inputs = new Tensor[others.length + 1];
        inputs[0] = self;
        System.arraycopy(others, 0, inputs, 1, others.length);
        boolean record = checkAndDecideRecording(self, inputs);
        // Validate shape and dtype before touching anything (the failed call must leave every tensor as it was).
        int[] shape = self.shape();
        for (Tensor o : others) {
            int[] b = Shapes.broadcast(shape, o.shape());
            if (!Arrays.equals(b, shape)) {
                throw new IllegalArgumentException("output with shape " + Shapes.str(shape)
                        + " doesn't match the broadcast shape " + Shapes.str(b));
            }
        }
        if (!record) {
            if (addScaledInPlace(self, op, others)) {
                self.versionCounter().bump();
                return self;
            }
            Tensor r;
            boolean prev = GradMode.set(false);
            try {
                r = Forward.compute(op, inputs);
            } finally {
                GradMode.set(prev);
            }
            checkCast(r.dtype(), self.dtype());
            Tensor tangent = ForwardAD.isActive() ? ForwardAD.inplaceTangent(op, self, inputs, r) : null;
            Elementwise.copyInto(r, self);
            self.versionCounter().bump();
            if (tangent != null) ForwardAD.setTangent(self, tangent);
            return self;
        }
        // Recording: the node must see self's value from before the write.
        if ((Derivatives.saves(op) & 1) != 0 || (Derivatives.saves(op) & Derivatives.SAVE_ALL_INPUTS) != 0) {
            inputs[0] = self.snapshot();
        }
        Tensor r = Dispatch.apply(op, inputs);
        checkCast(r.dtype(), self.dtype());
        OpNode node = (OpNode) r.gradFn();
        Tensor tangent = ForwardAD.isActive() ? ForwardAD.inplaceTangent(op, self, inputs, r) : null;
        Elementwise.copyInto(r, self);
        self.versionCounter().bump();
        rebase(self, node, 0);
        if (tangent != null) ForwardAD.setTangent(self, tangent);
        return self;
    }

    /**
     * Makes {@code node} (whose output was just written into self) the producer of self; for a view, the base's
     * producer becomes CopySlices. {@code selfInput} is the node's input that held self's old value (-1: none).
     */
    static void rebase(Tensor self, dev.autograd4j.autograd.Node node, int selfInput) {
        Tensor base = self.viewBase();
        if (base == null) {
            self.setGradFn(node, 0);
            if (node instanceof OpNode n) n.rebindResult(self);
            return;
        }
        CopySlices cs = new CopySlices(base.requiresGrad() ? base.gradientEdge() : dev.autograd4j.autograd.Edge.NONE,
                base, self, node, selfInput);
        base.setGradFn(cs, 0);
        // The view's own history is now "a view of the new base" (PyTorch regenerates it as AsStridedBackward0).
        boolean prev = GradMode.set(true);
        try {
            dev.autograd4j.autograd.Recorder.record(new Op.AsStrided(self.shape(), self.stride(), self.storageOffset()),
                    new Tensor[]{base}, self);
        } finally {
            GradMode.set(prev);
        }
    }

    private static boolean checkAndDecideRecording(Tensor self, Tensor[] inputs) {
        if (self.isInference() && !GradMode.isInference()) {
            throw new IllegalStateException("Inplace update to inference tensor outside InferenceMode is not allowed.You can "
                    + "make a clone to get a normal tensor before doing inplace update.See "
                    + "https://github.com/pytorch/rfcs/pull/17 for more details.");
        }
        if (!GradMode.isEnabled()) return false;
        Tensor base = self.viewBase();
        // A view requires grad when its base does, even one created under no_grad (PyTorch's view metadata).
        boolean any = base != null && base.requiresGrad();
        for (Tensor t : inputs) any |= t.requiresGrad();
        if (!any) return false;
        // PyTorch's check_inplace order: the view-rebase rules first, then the leaf rules.
        if (self.multiOutputView() != null) {
            throw new IllegalStateException("Output " + 0 + " of " + self.multiOutputView() + " is a view and is being "
                    + "modified inplace. This view is the output of a function that returns multiple views. Such functions "
                    + "do not allow the output views to be modified inplace. You should replace the inplace operation by an "
                    + "out-of-place one.");
        }
        if (base != null && self.viewCreatedInNoGrad() && base.requiresGrad()) {
            throw new IllegalStateException("A view was created in no_grad mode and is being modified inplace with grad mode "
                    + "enabled. Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your "
                    + "code by moving both the view and the inplace either both inside the no_grad block (if you don't want "
                    + "the inplace to be tracked) or both outside (if you want the inplace to be tracked).");
        }
        if (base != null && base.isLeaf() && base.requiresGrad()) {
            throw new IllegalStateException("a view of a leaf Variable that requires grad is being used in an in-place operation.");
        }
        if (base == null && self.isLeaf() && self.requiresGrad()) {
            throw new IllegalStateException("a leaf Variable that requires grad is being used in an in-place operation.");
        }
        return self.dtype().isFloatingPoint();
    }

    private static void checkCast(DType result, DType self) {
        if (result.isFloatingPoint() && !self.isFloatingPoint()) {
            throw new IllegalArgumentException("result type " + (result == DType.FLOAT64 ? "Double" : "Float")
                    + " can't be cast to the desired output type " + (self == DType.INT64 ? "Long" : "Bool"));
        }
    }

    /** Fills self with a value in place (recorded as a fill when self is part of a graph). */
    public static Tensor fill(Tensor self, double value) {
        Tensor v = Tensor.scalar(value, self.dtype());
        return copyInto(self, v); // PyTorch lets fill_ write an expanded tensor: every alias gets the same value
    }

    /** Copies src into self in place, broadcasting and casting (PyTorch's copy_). */
    public static Tensor copy(Tensor self, Tensor src) {
        checkNoInternalOverlap(self);
        return copyInto(self, src);
    }

    /**
     * PyTorch's has_internal_overlap check: a tensor with a stride-0 dim of size > 1 (an expand) has elements that
     * share memory, so an elementwise write into it would depend on the order of the writes.
     */
    private static void checkNoInternalOverlap(Tensor self) {
        if (self.numel() == 0) return; // nothing is written, and PyTorch allows it
        int[] shape = self.shapeView(), stride = self.stride();
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] > 1 && stride[d] == 0) {
                throw new IllegalArgumentException("unsupported operation: more than one element of the written-to tensor "
                        + "refers to a single memory location. Please clone() the tensor before performing the operation.");
            }
        }
    }

    private static Tensor copyInto(Tensor self, Tensor src) {
        Tensor[] inputs = {self, src};
        boolean record = checkAndDecideRecording(self, inputs);
        int[] b = Shapes.broadcast(self.shape(), src.shape());
        if (!Arrays.equals(b, self.shape())) {
            throw new IllegalArgumentException("output with shape " + Shapes.str(self.shape())
                    + " doesn't match the broadcast shape " + Shapes.str(b));
        }
        if (!record) {
            Elementwise.copyInto(src, self);
            self.versionCounter().bump();
            return self;
        }
        // copy_ differentiates as where(true, src, self): src's gradient is g (summed back to its shape), self's
        // old value gets 0 because it was overwritten. The values are exactly src's.
        Tensor all = Tensor.full(1.0, DType.BOOL, new int[0]).expand(self.shape());
        Tensor r = Dispatch.apply(new Op.Where(all), src.to(self.dtype()), self);
        Elementwise.copyInto(r, self);
        self.versionCounter().bump();
        rebase(self, r.gradFn(), 1);
        return self;
    }

    /** Fills self with uniform (normal=false: from, to) or normal (normal=true: mean, std) samples, not recorded. */
    public static Tensor random(Tensor self, double a, double b, boolean normal) {
        checkNoInternalOverlap(self);
        Random rng = Tensor.generator();
        int n = self.numel();
        double[] v = new double[n];
        synchronized (rng) {
            for (int i = 0; i < n; i++) v[i] = normal ? a + b * rng.nextGaussian() : a + (b - a) * rng.nextDouble();
        }
        boolean prev = GradMode.set(false);
        try {
            Elementwise.copyInto(Tensor.of(v, self.shape()), self);
        } finally {
            GradMode.set(prev);
        }
        self.versionCounter().bump();
        return self;
    }
}
