package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;
import dev.autograd4j.ops.Dispatch;
import dev.autograd4j.ops.Op;
import dev.autograd4j.tensor.Shapes;

import java.util.Arrays;
import java.util.List;

/**
 * Forward-mode AD with dual tensors (PyTorch's {@code torch.autograd.forward_ad}, SPEC J6): inside a
 * {@link #dualLevel()}, a dual tensor carries a tangent, and every op pushes the tangents of its inputs through
 * the op's JVP rule ({@link Derivatives#jvp}) to give the tangent of its output, in the same pass as the forward.
 *
 * <pre>{@code
 * try (DualLevel level = ForwardAD.dualLevel()) {
 *     Tensor y = ForwardAD.makeDual(x, v).sin().mul(2);
 *     Tensor jv = ForwardAD.unpackDual(y).tangent();   // 2 cos(x) v
 * }
 * }</pre>
 */
public final class ForwardAD {
    private ForwardAD() {}

    /**
     * NOTE [Forward AD fast path]: the one flag {@link Dispatch#apply} reads on every op; false whenever no level is
     * open, so code that never uses forward AD pays one volatile read per op and nothing else.
     */
    private static volatile boolean active;
    private static DualLevel current;
    /** Set while a JVP rule runs, so the rule's own ops (on dual inputs) do not propagate tangents again. */
    private static final ThreadLocal<boolean[]> IN_RULE = ThreadLocal.withInitial(() -> new boolean[1]);

    /** Whether a dual level is open (what {@link Dispatch#apply} checks before anything else). */
    public static boolean isActive() { return active; }

    /**
     * Enters a dual level, closed by try-with-resources:
     * {@code try (var level = ForwardAD.dualLevel()) { ... }}.
     *
     * @throws IllegalStateException when a level is already open (PyTorch 1.13 has no nested forward AD)
     */
    public static synchronized DualLevel dualLevel() {
        return enter(new DualLevel());
    }

    /**
     * A batched level (internal): each tangent is B tangents stacked on a leading dim, so one forward pass pushes
     * B directions at once (Functional's vectorize, PyTorch's vmap over jvp).
     */
    static synchronized DualLevel batchedDualLevel(int batch) {
        if (batch <= 0) throw new IllegalArgumentException("batchedDualLevel: batch must be positive, got " + batch);
        return enter(new DualLevel(batch));
    }

    /**
     * A level of batch {@code batch} (0: PyTorch's kind), or null when one is already open, in this thread or
     * another (internal: Functional then takes a path without forward AD instead of failing).
     */
    static synchronized DualLevel tryDualLevel(int batch) {
        return current != null ? null : enter(new DualLevel(batch));
    }

    private static DualLevel enter(DualLevel level) {
        if (current != null) throw new IllegalStateException("Nested forward mode AD is not supported at the moment");
        current = level;
        active = true;
        return level;
    }

    static synchronized void exit(DualLevel level) {
        if (level != current) {
            throw new IllegalStateException("Trying to exit a forward AD level that was not the last one that was created. "
                    + "This is not supported.");
        }
        current = null;
        active = false;
    }

    /**
     * A dual tensor: a view of {@code primal} whose tangent is {@code tangent} at the current level:
     * {@code Tensor d = ForwardAD.makeDual(x, Tensor.onesLike(x));}.
     *
     * @throws IllegalStateException    outside a dual level, or when the sizes differ (PyTorch's texts)
     * @throws IllegalArgumentException when primal or tangent is not floating point
     */
    public static Tensor makeDual(Tensor primal, Tensor tangent) {
        DualLevel level = current;
        if (level == null) {
            throw new IllegalStateException("Trying to create a dual Tensor for forward AD but no level exists, make sure "
                    + "to enter_dual_level() first.");
        }
        if (!primal.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("Expected primal to be floating point or complex, but got: " + primal.dtype().torchName());
        }
        if (!tangent.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("Expected tangent to be floating point or complex, but got: " + tangent.dtype().torchName());
        }
        int[] expected = level.batch == 0 ? primal.shape() : prepend(level.batch, primal.shape());
        if (!Arrays.equals(expected, tangent.shape())) {
            throw new IllegalStateException("Trying to set a forward gradient that has a different size than that of the "
                    + "original Tensor, this is not supported. Tensor is of size " + Shapes.str(primal.shape())
                    + " while the given forward gradient is of size " + Shapes.str(tangent.shape()) + ".");
        }
        Tensor dual = alias(primal);
        level.setTangent(dual, tangent);
        return dual;
    }

    /**
     * The primal and the tangent (null for a plain tensor or after the level exited) of {@code t}:
     * {@code ForwardAD.unpackDual(y).tangent()}.
     */
    public static UnpackedDual unpackDual(Tensor t) {
        Tensor tangent = tangentOf(t);
        return new UnpackedDual(tangent == null ? t : alias(t), tangent);
    }

    /** The tangent of {@code t} at the current level, or null: {@code ForwardAD.tangentOf(y)}. */
    public static Tensor tangentOf(Tensor t) {
        if (!active) return null;
        DualLevel level = current;
        return level == null ? null : level.tangent(t);
    }

    /**
     * The {@code tangent=...} suffix of t's repr, or null when t has no tangent. As in PyTorch (which formats the
     * tangent with {@code str.format}), a 0-dim tangent prints as a Python float: {@code tensor(3., tangent=3.0)}.
     */
    public static String tangentSuffix(Tensor t) {
        Tensor tangent = tangentOf(t);
        if (tangent == null) return null;
        return "tangent=" + (tangent.dim() == 0 ? pythonFloatRepr(tangent.item()) : tangent.toString());
    }

    /** Python's {@code repr(float)}: the shortest round-trip digits, fixed for 1e-4 <= |v| < 1e16, else "1e+16" style. */
    static String pythonFloatRepr(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        String sign = (v < 0 || (v == 0 && 1 / v < 0)) ? "-" : "";
        if (v == 0) return sign + "0.0";
        java.math.BigDecimal bd = new java.math.BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int decpt = digits.length() - bd.scale();   // value = 0.digits x 10^decpt
        if (decpt > -4 && decpt <= 16) {
            if (decpt <= 0) return sign + "0." + "0".repeat(-decpt) + digits;
            if (decpt >= digits.length()) return sign + digits + "0".repeat(decpt - digits.length()) + ".0";
            return sign + digits.substring(0, decpt) + "." + digits.substring(decpt);
        }
        int exp = decpt - 1;
        String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    /** A new tensor object over t's data (so it carries no tangent) that stays connected to t's graph. */
    private static Tensor alias(Tensor t) {
        return withoutPropagation(() -> t.requiresGrad() ? Dispatch.apply(new Op.View(t.shape()), t)
                : t.viewOf(t.shape(), t.stride(), t.storageOffset()));
    }

    /**
     * Called by {@link Dispatch#apply} when {@link #isActive()}: gives {@code out} the tangent
     * {@code jvp(op, inputs, tangents)} when any input has one. Missing tangents stay null: the rule skips their terms.
     */
    public static void propagate(Op op, Tensor[] inputs, Tensor out) {
        DualLevel level = current;
        if (level == null) return;
        Tensor r = tangentOfResult(level, op, inputs, null, out);
        if (r != null) level.setTangent(out, r);
    }

    /**
     * Called by in-place ops when {@link #isActive()}, after {@code result = op(inputs)} is computed and before it
     * is written into {@code self} ({@code inputs[0]} holds self's old value, possibly as a snapshot): the tangent
     * self must carry after the write, or null when no input is dual.
     */
    public static Tensor inplaceTangent(Op op, Tensor self, Tensor[] inputs, Tensor result) {
        DualLevel level = current;
        if (level == null) return null;
        Tensor r = tangentOfResult(level, op, inputs, self, result);
        return r == null || r.dtype() == self.dtype() ? r : withoutPropagation(() -> r.to(self.dtype()));
    }

    /** Gives {@code t} the tangent {@code tangent} at the current level (after an in-place write): internal. */
    public static void setTangent(Tensor t, Tensor tangent) {
        DualLevel level = current;
        if (level != null && tangent != null) level.setTangent(t, tangent);
    }

    /** The JVP of op at the current level; {@code firstOwner}, when non-null, is whose tangent input 0 has. */
    private static Tensor tangentOfResult(DualLevel level, Op op, Tensor[] inputs, Tensor firstOwner, Tensor out) {
        if (!out.dtype().isFloatingPoint()) return null;
        boolean[] inRule = IN_RULE.get();
        if (inRule[0]) return null;
        Tensor[] tangents = null;
        for (int i = 0; i < inputs.length; i++) {
            Tensor tg = level.tangent(i == 0 && firstOwner != null ? firstOwner : inputs[i]);
            if (tg != null) {
                if (tangents == null) tangents = new Tensor[inputs.length];
                tangents[i] = tg;
            }
        }
        if (tangents == null) return null;
        Tensor[] ts = tangents;
        if (level.batch > 0) return withoutPropagation(() -> batchedJvp(level.batch, op, inputs, ts, out));
        return withoutPropagation(() -> {
            Tensor r = Derivatives.jvp(op, inputs, ts, out);
            // A broadcast input's tangent term may still have the input's shape; the output's tangent has the output's.
            if (!Arrays.equals(r.shape(), out.shape())) r = r.expand(out.shape()).contiguous();
            if (r.dtype() != out.dtype()) r = r.to(out.dtype());
            return r;
        });
    }

    /**
     * The JVP of B stacked tangents {@code [B, *in.shape]}. An elementwise rule takes them all at once: each tangent
     * is reshaped to {@code [B, 1.., *in.shape]} with the output's rank, and the primals broadcast against it from the
     * right. Any other op runs its rule once per direction and stacks the results (vmap's fallback): still one
     * forward pass of the primals.
     */
    private static Tensor batchedJvp(int batch, Op op, Tensor[] inputs, Tensor[] tangents, Tensor out) {
        int[] target = prepend(batch, out.shape());
        Tensor linear = batchedLinear(batch, op, inputs, tangents, out);
        if (linear != null) return toOutput(linear, target, out);
        if (isElementwise(op)) {
            Tensor[] padded = new Tensor[tangents.length];
            for (int i = 0; i < tangents.length; i++) {
                if (tangents[i] == null) continue;
                int[] s = new int[1 + out.dim()];
                Arrays.fill(s, 1);
                s[0] = batch;
                int[] in = inputs[i].shape();
                System.arraycopy(in, 0, s, s.length - in.length, in.length);
                padded[i] = tangents[i].reshape(s);
            }
            return toOutput(Derivatives.jvp(op, inputs, padded, out), target, out);
        }
        java.util.List<Tensor> rows = new java.util.ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            Tensor[] tb = new Tensor[tangents.length];
            for (int i = 0; i < tangents.length; i++) tb[i] = tangents[i] == null ? null : tangents[i].select(0, b);
            rows.add(toOutput(Derivatives.jvp(op, inputs, tb, out), out.shape(), out));
        }
        return Tensor.stack(rows, 0);
    }

    /**
     * Reductions, views and mm on a batch of tangents at once: the op with its dims moved past the batch dim, or
     * null where the fallback must loop (other ops, 0-dim inputs).
     */
    private static Tensor batchedLinear(int batch, Op op, Tensor[] in, Tensor[] t, Tensor out) {
        Tensor tx = t[0];
        int rank = in[0].dim();
        if (rank == 0) return null;
        return switch (op) {
            case Op.Sum s -> s.dims() != null && s.dims().length == 0 ? null : tx.sum(shifted(s.dims(), rank), s.keepdim());
            case Op.Mean m -> m.dims() != null && m.dims().length == 0 ? null : tx.mean(shifted(m.dims(), rank), m.keepdim());
            case Op.View v -> tx.reshape(prepend(batch, out.shape()));
            case Op.UnsafeView v -> tx.reshape(prepend(batch, out.shape()));
            case Op.Squeeze q -> tx.reshape(prepend(batch, out.shape()));
            case Op.Unsqueeze u -> tx.unsqueeze(Shapes.wrapDim(u.dim(), rank + 1) + 1);
            case Op.Transpose tr -> tx.transpose(Shapes.wrapDim(tr.d0(), rank) + 1, Shapes.wrapDim(tr.d1(), rank) + 1);
            case Op.Permute p -> {
                int[] dims = new int[rank + 1];
                for (int i = 0; i < rank; i++) dims[i + 1] = Shapes.wrapDim(p.dims()[i], rank) + 1;
                yield tx.permute(dims);
            }
            case Op.Select sel -> tx.select(Shapes.wrapDim(sel.dim(), rank) + 1, sel.index());
            case Op.Slice sl -> tx.slice(Shapes.wrapDim(sl.dim(), rank) + 1, sl.start(), sl.end(), sl.step());
            case Op.Expand e -> {
                int[] padded = new int[1 + out.dim()];
                Arrays.fill(padded, 1);
                padded[0] = batch;
                System.arraycopy(in[0].shape(), 0, padded, padded.length - rank, rank);
                yield tx.reshape(padded).expand(prepend(batch, out.shape()));
            }
            case Op.Mm m -> {
                int n = in[0].size(0), k = in[0].size(1), cols = in[1].size(1);
                // d(x y) = dx y + x dy, with [B, n, k] and [B, k, cols] tangents flattened into one mm each
                Tensor a = tx == null ? null : tx.reshape(batch * n, k).mm(in[1]).reshape(batch, n, cols);
                Tensor b = t[1] == null ? null : in[0].mm(t[1].permute(1, 0, 2).reshape(k, batch * cols))
                        .reshape(n, batch, cols).permute(1, 0, 2);
                yield a == null ? b : b == null ? a : a.add(b);
            }
            default -> null;
        };
    }

    /** Reduction dims of the primal moved past the batch dim; null (all dims) becomes every primal dim. */
    private static int[] shifted(int[] dims, int rank) {
        int[] r;
        if (dims == null) {
            r = new int[rank];
            for (int i = 0; i < rank; i++) r[i] = i + 1;
        } else {
            r = new int[dims.length];
            for (int i = 0; i < dims.length; i++) r[i] = Shapes.wrapDim(dims[i], rank) + 1;
        }
        return r;
    }

    private static Tensor toOutput(Tensor r, int[] shape, Tensor out) {
        if (!Arrays.equals(r.shape(), shape)) r = r.expand(shape).contiguous();
        return r.dtype() != out.dtype() ? r.to(out.dtype()) : r;
    }

    /** Ops whose JVP rule is elementwise in the tangents (broadcasting only), so a batch dim passes through. */
    private static boolean isElementwise(Op op) {
        return switch (op) {
            case Op.Add a -> true;
            case Op.Sub a -> true;
            case Op.Mul a -> true;
            case Op.Div a -> true;
            case Op.Pow a -> true;
            case Op.Maximum a -> true;
            case Op.Minimum a -> true;
            case Op.Atan2 a -> true;
            case Op.Xlogy a -> true;
            case Op.Where a -> true;
            case Op.Scalar a -> true;
            case Op.Unary a -> true;
            case Op.Clamp a -> true;
            case Op.LeakyRelu a -> true;
            case Op.Elu a -> true;
            case Op.Gelu a -> true;
            case Op.Softplus a -> true;
            case Op.Hardtanh a -> true;
            case Op.ToCopy a -> true;
            case Op.Clone a -> true;
            default -> false;
        };
    }

    private static int[] prepend(int first, int[] shape) {
        int[] r = new int[shape.length + 1];
        r[0] = first;
        System.arraycopy(shape, 0, r, 1, shape.length);
        return r;
    }

    /** The tangents of {@code inputs} at the current level (null for plain ones), or null when none has one. */
    static Tensor[] tangentsOf(Tensor[] inputs) {
        DualLevel level = current;
        if (level == null) return null;
        Tensor[] r = null;
        for (int i = 0; i < inputs.length; i++) {
            Tensor tg = inputs[i] == null ? null : level.tangent(inputs[i]);
            if (tg != null) {
                if (r == null) r = new Tensor[inputs.length];
                r[i] = tg;
            }
        }
        return r;
    }

    /**
     * Gives a custom function's outputs the tangents its {@code jvp} computes from the inputs' tangents (zeros for a
     * floating input without one). In a batched level the jvp runs once per direction, as vmap's fallback would.
     */
    static void customJvp(String name, List<Tensor> outs, Tensor[] inputs, Tensor[] tangents,
                          java.util.function.Function<Tensor[], Tensor[]> jvp) {
        DualLevel level = current;
        if (level == null) return;
        int batch = level.batch;
        Tensor[][] perDirection = new Tensor[Math.max(batch, 1)][];
        for (int b = 0; b < perDirection.length; b++) {
            Tensor[] tb = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                if (tangents[i] != null) tb[i] = batch == 0 ? tangents[i] : tangents[i].select(0, b);
                else if (inputs[i] != null && inputs[i].dtype().isFloatingPoint()) tb[i] = Tensor.zerosLike(inputs[i]);
            }
            Tensor[] r = withoutPropagation(() -> jvp.apply(tb));
            if (r == null || r.length != outs.size()) {
                throw new IllegalStateException("function " + name + " returned an incorrect number of tangents from jvp "
                        + "(expected " + outs.size() + ", got " + (r == null ? 0 : r.length) + ")");
            }
            for (int k = 0; k < r.length; k++) {
                if (r[k] != null && !Arrays.equals(r[k].shape(), outs.get(k).shape())) {
                    throw new IllegalStateException("Function " + name + " returned an invalid tangent at index " + k
                            + " from jvp - got " + Shapes.str(r[k].shape()) + " but expected shape "
                            + Shapes.str(outs.get(k).shape()));
                }
            }
            perDirection[b] = r;
        }
        for (int k = 0; k < outs.size(); k++) {
            Tensor out = outs.get(k);
            if (out == null || !out.dtype().isFloatingPoint()) continue;
            List<Tensor> rows = new java.util.ArrayList<>(perDirection.length);
            for (Tensor[] r : perDirection) rows.add(r[k] != null ? r[k] : Tensor.zerosLike(out));
            Tensor t = batch == 0 ? rows.get(0) : withoutPropagation(() -> Tensor.stack(rows, 0));
            level.setTangent(out, t);
        }
    }

    /** Runs body with tangent propagation off (a JVP rule's own ops must not propagate tangents again). */
    static <T> T withoutPropagation(java.util.function.Supplier<T> body) {
        boolean[] inRule = IN_RULE.get();
        boolean prev = inRule[0];
        inRule[0] = true;
        try {
            return body.get();
        } finally {
            inRule[0] = prev;
        }
    }
}
