package dev.autograd4j.autograd;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.tensor.Shapes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * PyTorch's {@code torch.autograd.functional}: jacobian, hessian, vjp, jvp, hvp and vhp of a function at a point,
 * with PyTorch's result structures, {@code createGraph}, {@code strict} mode and error texts (SPEC J1-J5).
 *
 * <p>The function is called on fresh tensors that require grad (detached copies of the inputs, or differentiable
 * aliases with createGraph), under enabled grad mode. Without createGraph the results carry no graph.
 *
 * <p>jvp runs true forward mode (one pass with dual inputs) and hvp forward-over-reverse (the tangent of the
 * gradient); in strict mode, inside a dual level the caller opened, or when f applies a custom Function without a
 * jvp, they use PyTorch's double-backward trick instead. jacobian's {@code vectorize} computes every row in ONE
 * backward pass (grad outputs carrying the standard basis as a batch of tangents) and, with
 * {@code strategy("forward-mode")}, every column in one forward pass; hessian takes both through
 * {@code outerJacobianStrategy}.
 *
 * <pre>{@code
 * Tensor j = Functional.jacobian(t -> t.pow(2), x);               // out.shape + in.shape
 * Tensor h = Functional.hessian(t -> t.pow(3).sum(), x);          // diag(6x)
 * VjpResult r = Functional.vjp(t -> t.mul(2), x, v);               // r.output(), r.product()
 * }</pre>
 */
public final class Functional {
    private Functional() {}

    /** The reverse-mode strategy name (the default). */
    public static final String REVERSE_MODE = "reverse-mode";
    /**
     * The forward-mode strategy name: the columns of the jacobian are tangents of dual inputs (see {@link ForwardAD}),
     * one forward pass per input element, or one batched pass with {@code vectorize}. PyTorch accepts it only with
     * {@code vectorize=True}; here both work. Not with createGraph or strict (PyTorch's errors).
     */
    public static final String FORWARD_MODE = "forward-mode";

    /**
     * The optional settings of the transforms, PyTorch's keyword arguments; defaults are all off and
     * {@code "reverse-mode"}.
     *
     * <pre>{@code
     * Functional.jacobian(f, x, Functional.options().createGraph(true).vectorize(true));
     * }</pre>
     */
    public record Options(boolean createGraph, boolean strict, boolean vectorize, String strategy) {
        /** Whether the results are themselves differentiable: {@code options().createGraph(true)}. */
        public Options createGraph(boolean v) { return new Options(v, strict, vectorize, strategy); }
        /** Whether an output independent of an input is an error instead of zeros: {@code options().strict(true)}. */
        public Options strict(boolean v) { return new Options(createGraph, v, vectorize, strategy); }
        /**
         * Whether jacobian (and hessian) computes all rows, or with forward mode all columns, in one batched pass
         * instead of one pass each: {@code options().vectorize(true)}.
         */
        public Options vectorize(boolean v) { return new Options(createGraph, strict, v, strategy); }
        /** {@code "reverse-mode"} or {@code "forward-mode"}: {@code options().strategy("reverse-mode")}. */
        public Options strategy(String v) { return new Options(createGraph, strict, vectorize, v); }
        /**
         * hessian's name for {@link #strategy}: how the outer jacobian (of the gradient) is taken;
         * {@code "forward-mode"} is forward-over-reverse: {@code options().outerJacobianStrategy("forward-mode")}.
         */
        public Options outerJacobianStrategy(String v) { return strategy(v); }
    }

    /** The defaults: {@code Functional.options()}. */
    public static Options options() { return new Options(false, false, false, REVERSE_MODE); }

    // ================================================================================================
    // jacobian
    // ================================================================================================

    /** The Jacobian of a one-tensor function, shaped {@code out.shape + in.shape}: {@code Functional.jacobian(t -> t.exp(), x)}. */
    public static Tensor jacobian(Function<Tensor, Tensor> f, Tensor x) { return jacobian(f, x, options()); }

    /** The Jacobian of a one-tensor function with options: {@code Functional.jacobian(f, x, Functional.options().createGraph(true))}. */
    public static Tensor jacobian(Function<Tensor, Tensor> f, Tensor x, Options opts) {
        return jacobianCore(xs -> one(f.apply(xs.get(0))), List.of(x), opts).get(0).get(0);
    }

    /** One Jacobian block per input of a one-output function: {@code Functional.jacobian(xs -> xs.get(0).mul(xs.get(1)), List.of(a, b))}. */
    public static List<Tensor> jacobian(Function<List<Tensor>, Tensor> f, List<Tensor> inputs) {
        return jacobian(f, inputs, options());
    }

    /** One Jacobian block per input, with options. */
    public static List<Tensor> jacobian(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, Options opts) {
        return jacobianCore(xs -> one(f.apply(xs)), inputs, opts).get(0);
    }

    /**
     * The Jacobian blocks of a several-output function, {@code J.get(i).get(j) = d out_i / d in_j}:
     * {@code Functional.jacobianMulti(xs -> List.of(xs.get(0).sum(), xs.get(0).mul(2)), List.of(x))}.
     */
    public static List<List<Tensor>> jacobianMulti(Function<List<Tensor>, List<Tensor>> f, List<Tensor> inputs) {
        return jacobianMulti(f, inputs, options());
    }

    /** The Jacobian blocks of a several-output function, with options. */
    public static List<List<Tensor>> jacobianMulti(Function<List<Tensor>, List<Tensor>> f, List<Tensor> inputs, Options opts) {
        return jacobianCore(f, inputs, opts);
    }

    private static List<List<Tensor>> jacobianCore(Function<List<Tensor>, List<Tensor>> f, List<Tensor> inputsIn, Options opts) {
        checkStrategy(opts.strategy());
        if (FORWARD_MODE.equals(opts.strategy())) {
            checkForwardModeOptions(opts);
            return opts.vectorize() ? forwardColumnsBatched(inputsIn, false, f) : forwardColumns(inputsIn, false, f);
        }
        boolean cg = opts.createGraph();
        List<Tensor> inputs;
        List<Tensor> outputs;
        try (var g = Autograd.enableGrad()) {
            inputs = preprocess(inputsIn, cg, true);
            outputs = f.apply(inputs);
            checkRequiresGrad(outputs, "outputs", opts.strict());
        }
        if (opts.vectorize() && opts.strict()) {
            throw new IllegalArgumentException("torch.autograd.functional.jacobian: `strict=True` and `vectorized=True` are "
                    + "not supported together. Please either set `strict=False` or `vectorize=False`.");
        }
        if (opts.vectorize() && !cg && !reachesCustomFunction(outputs)) {
            List<List<Tensor>> jac = rowsBatched(outputs, inputs);
            if (jac != null) return jac;   // null: a dual level is already open, so the rows run one by one
        }
        List<List<List<Tensor>>> rows = opts.vectorize() ? rowsAllOutputsAtOnce(outputs, inputs, cg)
                : rowsPerOutputElement(outputs, inputs, cg, opts.strict());
        List<List<Tensor>> jac = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            List<Tensor> perInput = new ArrayList<>();
            for (int j = 0; j < inputs.size(); j++) {
                int[] shape = concat(outputs.get(i).shape(), inputs.get(j).shape());
                List<Tensor> r = rows.get(i).get(j);
                Tensor block = r.isEmpty() ? Tensor.zeros(inputs.get(j).dtype(), shape) : Tensor.stack(r, 0).view(shape);
                perInput.add(cg ? block : block.detach());
            }
            jac.add(perInput);
        }
        return jac;
    }

    /**
     * PyTorch's loop: for each element of each output, one backward of that element (reusing the graph with
     * retainGraph). Returns rows[output][input] = the list of gradient rows.
     */
    private static List<List<List<Tensor>>> rowsPerOutputElement(List<Tensor> outputs, List<Tensor> inputs, boolean cg,
                                                                   boolean strict) {
        List<List<List<Tensor>>> rows = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            Tensor out = outputs.get(i);
            List<List<Tensor>> perInput = emptyLists(inputs.size());
            for (int k = 0; k < out.numel(); k++) {
                List<Tensor> vj;
                try (var g = Autograd.enableGrad()) {
                    vj = autogradGrad(one(out.reshape(-1).select(0, k)), inputs, null, cg, true);
                }
                for (int j = 0; j < inputs.size(); j++) {
                    Tensor r = vj.get(j);
                    if (r != null) {
                        if (strict && cg && !r.requiresGrad()) {
                            throw new IllegalStateException("The jacobian of the user-provided function is independent of "
                                    + "input " + i + ". This is not allowed in strict mode when create_graph=True.");
                        }
                    } else {
                        if (strict) {
                            throw new IllegalStateException("Output " + i + " of the user-provided function is independent "
                                    + "of input " + j + ". This is not allowed in strict mode.");
                        }
                        r = Tensor.zerosLike(inputs.get(j));
                    }
                    perInput.get(j).add(r);
                }
            }
            rows.add(perInput);
        }
        return rows;
    }

    /**
     * The vectorized path with createGraph: row r of the stacked, flattened outputs is one engine pass over ALL
     * outputs at once, with the r-th row of the identity split across the outputs as grad outputs (PyTorch's
     * standard-basis construction). The rows run one after another on the one retained graph, each result keeping
     * its graph; without createGraph {@link #rowsBatched} does all rows in one pass.
     */
    private static List<List<List<Tensor>>> rowsAllOutputsAtOnce(List<Tensor> outputs, List<Tensor> inputs, boolean cg) {
        int total = 0;
        for (Tensor o : outputs) total += o.numel();
        List<Tensor> flat = new ArrayList<>();
        try (var g = Autograd.enableGrad()) {
            for (Tensor o : outputs) flat.add(o.reshape(-1));
        }
        List<List<List<Tensor>>> rows = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) rows.add(emptyLists(inputs.size()));
        int owner = 0, local = 0;
        for (int r = 0; r < total; r++) {
            while (local >= outputs.get(owner).numel()) { owner++; local = 0; }
            List<Tensor> basis = new ArrayList<>();
            for (int i = 0; i < outputs.size(); i++) {
                Tensor e = Tensor.zeros(outputs.get(i).dtype(), outputs.get(i).numel());
                if (i == owner) e.storage().set(local, 1);
                basis.add(e);
            }
            List<Tensor> vj;
            try (var g = Autograd.enableGrad()) {
                vj = autogradGrad(flat, inputs, basis, cg, true);
            }
            for (int j = 0; j < inputs.size(); j++) {
                Tensor v = vj.get(j);
                rows.get(owner).get(j).add(v != null ? v : Tensor.zerosLike(inputs.get(j)));
            }
            local++;
        }
        return rows;
    }

    // ================================================================================================
    // hessian
    // ================================================================================================

    /** The Hessian of a single-element function of one tensor, shaped {@code in.shape + in.shape}: {@code Functional.hessian(t -> t.pow(3).sum(), x)}. */
    public static Tensor hessian(Function<Tensor, Tensor> f, Tensor x) { return hessian(f, x, options()); }

    /** The Hessian of a one-tensor function, with options. */
    public static Tensor hessian(Function<Tensor, Tensor> f, Tensor x, Options opts) {
        return hessian(xs -> f.apply(xs.get(0)), List.of(x), opts).get(0).get(0);
    }

    /** The Hessian blocks {@code H.get(i).get(j) = d2 f / d in_i d in_j}: {@code Functional.hessian(xs -> xs.get(0).pow(2).sum().mul(xs.get(1).sum()), List.of(a, b))}. */
    public static List<List<Tensor>> hessian(Function<List<Tensor>, Tensor> f, List<Tensor> inputs) {
        return hessian(f, inputs, options());
    }

    /**
     * The Hessian blocks, with options: the jacobian of the gradient, as PyTorch computes it. With
     * {@code outerJacobianStrategy("forward-mode")} it is forward-over-reverse: one forward pass with a dual input
     * and one backward per input element, the tangent of the gradient being a column of H.
     */
    public static List<List<Tensor>> hessian(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, Options opts) {
        checkStrategy(opts.strategy());
        if (FORWARD_MODE.equals(opts.strategy())) {
            checkForwardModeOptions(opts);
            Function<List<Tensor>, List<Tensor>> gradient = xs -> {
                Tensor out = f.apply(xs);
                if (out.numel() != 1) {
                    throw new IllegalArgumentException("The Tensor returned by the function given to hessian should "
                            + "contain a single element");
                }
                return autogradGrad(one(out), xs, null, false, false);
            };
            return opts.vectorize() ? forwardColumnsBatched(inputs, true, gradient) : forwardColumns(inputs, true, gradient);
        }
        Function<List<Tensor>, Tensor> single = xs -> {
            Tensor out = f.apply(xs);
            checkRequiresGrad(one(out), "outputs", opts.strict());
            if (out.numel() != 1) {
                throw new IllegalArgumentException("The Tensor returned by the function given to hessian should contain a "
                        + "single element");
            }
            return out.squeeze();
        };
        Function<List<Tensor>, List<Tensor>> jacFunc = xs -> {
            List<Tensor> jac = jacobianCore(ys -> one(single.apply(ys)), xs, options().createGraph(true)).get(0);
            checkRequiresGrad(jac, "jacobian", opts.strict());
            return jac;
        };
        return jacobianCore(jacFunc, inputs, opts);
    }

    // ================================================================================================
    // vjp, jvp, vhp, hvp
    // ================================================================================================

    /** {@code v^T J} of a one-tensor function; v may be null for a single-element output: {@code Functional.vjp(f, x, v).product()}. */
    public static VjpResult vjp(Function<Tensor, Tensor> f, Tensor x, Tensor v) { return vjp(f, x, v, options()); }

    /** {@code v^T J} of a one-tensor function, with options. */
    public static VjpResult vjp(Function<Tensor, Tensor> f, Tensor x, Tensor v, Options opts) {
        return vjpCore(xs -> one(f.apply(xs.get(0))), List.of(x), v == null ? null : one(v), false, false, opts);
    }

    /** {@code v^T J} per input of a one-output function: {@code Functional.vjp(xs -> xs.get(0).mul(xs.get(1)), List.of(a, b), v).products()}. */
    public static VjpResult vjp(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, Tensor v) {
        return vjpCore(xs -> one(f.apply(xs)), inputs, v == null ? null : one(v), false, true, options());
    }

    /** {@code v^T J} of a several-output function, one v per output: {@code Functional.vjpMulti(f, List.of(x), List.of(v1, v2), Functional.options())}. */
    public static VjpResult vjpMulti(Function<List<Tensor>, List<Tensor>> f, List<Tensor> inputs, List<Tensor> v, Options opts) {
        return vjpCore(f, inputs, v, true, true, opts);
    }

    private static VjpResult vjpCore(Function<List<Tensor>, List<Tensor>> f, List<Tensor> inputsIn, List<Tensor> vIn,
                                     boolean outputsTuple, boolean inputsTuple, Options opts) {
        boolean cg = opts.createGraph();
        List<Tensor> inputs, outputs, v = null;
        try (var g = Autograd.enableGrad()) {
            inputs = preprocess(inputsIn, cg, true);
            outputs = f.apply(inputs);
            checkRequiresGrad(outputs, "outputs", opts.strict());
            if (vIn != null) {
                v = preprocess(vIn, cg, false);
                validateV(v, outputs, outputsTuple);
            } else if (outputs.size() != 1 || outputs.get(0).numel() != 1) {
                throw new IllegalArgumentException("The vector v can only be None if the user-provided function returns a "
                        + "single Tensor with a single element.");
            }
        }
        List<Tensor> res;
        try (var g = Autograd.gradEnabled(cg || Autograd.isGradEnabled())) {
            res = fillInZeros(autogradGrad(outputs, inputs, v, cg, cg), inputs, opts.strict(), cg, "back");
        }
        return new VjpResult(post(outputs, cg), post(res, cg));
    }

    /**
     * {@code J v} of a one-tensor function (by forward mode); v may be null for a single-element input:
     * {@code Functional.jvp(t -> t.pow(2), x, v).product()}.
     */
    public static VjpResult jvp(Function<Tensor, Tensor> f, Tensor x, Tensor v) { return jvp(f, x, v, options()); }

    /** {@code J v} of a one-tensor function, with options. */
    public static VjpResult jvp(Function<Tensor, Tensor> f, Tensor x, Tensor v, Options opts) {
        return jvpCore(xs -> one(f.apply(xs.get(0))), List.of(x), v == null ? null : one(v), false, opts);
    }

    /** {@code J v} of a one-output function of several tensors, one v per input: {@code Functional.jvp(xs -> xs.get(0).mul(xs.get(1)), List.of(a, b), List.of(va, vb))}. */
    public static VjpResult jvp(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, List<Tensor> v) {
        return jvpCore(xs -> one(f.apply(xs)), inputs, v, true, options());
    }

    /** {@code J v} of a several-output function, one product per output: {@code Functional.jvpMulti(f, List.of(x), List.of(v), Functional.options())}. */
    public static VjpResult jvpMulti(Function<List<Tensor>, List<Tensor>> f, List<Tensor> inputs, List<Tensor> v, Options opts) {
        return jvpCore(f, inputs, v, true, opts);
    }

    /**
     * jvp by true forward mode (one forward pass with dual inputs) when it can; in strict mode, or inside a dual
     * level the caller opened (levels do not nest), by PyTorch's double-backward trick, whose checks and error
     * texts strict mode reports.
     */
    private static VjpResult jvpCore(Function<List<Tensor>, List<Tensor>> f, List<Tensor> inputsIn, List<Tensor> vIn,
                                     boolean inputsTuple, Options opts) {
        if (!opts.strict()) {
            try {
                VjpResult r = jvpForward(f, inputsIn, vIn, inputsTuple, opts);
                if (r != null) return r;   // null: a dual level is already open (levels do not nest)
            } catch (JvpNotImplementedException e) {
                // f applies a custom Function without a jvp: the trick needs only its backward (f runs again)
            }
        }
        return jvpDoubleBackward(f, inputsIn, vIn, inputsTuple, opts);
    }

    private static VjpResult jvpDoubleBackward(Function<List<Tensor>, List<Tensor>> f, List<Tensor> inputsIn,
                                               List<Tensor> vIn, boolean inputsTuple, Options opts) {
        boolean cg = opts.createGraph();
        List<Tensor> inputs, outputs, v = null, gradOutputs = new ArrayList<>(), gradInputs;
        try (var g = Autograd.enableGrad()) {
            inputs = preprocess(inputsIn, cg, true);
            if (vIn != null) {
                v = preprocess(vIn, cg, false);
                validateV(v, inputs, inputsTuple);
            } else if (inputs.size() != 1 || inputs.get(0).numel() != 1) {
                throw new IllegalArgumentException("The vector v can only be None if the input to the user-provided function "
                        + "is a single Tensor with a single element.");
            }
            outputs = f.apply(inputs);
            checkRequiresGrad(outputs, "outputs", opts.strict());
            // The backward is linear in the grad outputs, so their value (zeros) never shows in the double backward.
            for (Tensor o : outputs) gradOutputs.add(Tensor.zerosLike(o).requiresGrad_());
            gradInputs = autogradGrad(outputs, inputs, gradOutputs, true, true);
            checkRequiresGrad(gradInputs, "grad_inputs", opts.strict());
        }
        List<Tensor> res;
        try (var g = Autograd.gradEnabled(cg || Autograd.isGradEnabled())) {
            res = fillInZeros(autogradGrad(gradInputs, gradOutputs, v, cg, cg), outputs, opts.strict(), cg, "back_trick");
        }
        return new VjpResult(post(outputs, cg), post(res, cg));
    }

    /** {@code v^T H} of a single-element function of one tensor: {@code Functional.vhp(t -> t.pow(3).sum(), x, v).product()}. */
    public static VjpResult vhp(Function<Tensor, Tensor> f, Tensor x, Tensor v) { return vhp(f, x, v, options()); }

    /** {@code v^T H}, with options. */
    public static VjpResult vhp(Function<Tensor, Tensor> f, Tensor x, Tensor v, Options opts) {
        return hessianProduct(xs -> f.apply(xs.get(0)), List.of(x), v == null ? null : one(v), false, false, opts);
    }

    /** {@code v^T H} per input of a function of several tensors: {@code Functional.vhp(f, List.of(a, b), List.of(va, vb), Functional.options())}. */
    public static VjpResult vhp(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, List<Tensor> v, Options opts) {
        return hessianProduct(f, inputs, v, true, false, opts);
    }

    /** {@code H v} of a single-element function of one tensor: {@code Functional.hvp(t -> t.pow(3).sum(), x, v).product()}. */
    public static VjpResult hvp(Function<Tensor, Tensor> f, Tensor x, Tensor v) { return hvp(f, x, v, options()); }

    /** {@code H v}, with options. */
    public static VjpResult hvp(Function<Tensor, Tensor> f, Tensor x, Tensor v, Options opts) {
        return hessianProduct(xs -> f.apply(xs.get(0)), List.of(x), v == null ? null : one(v), false, true, opts);
    }

    /** {@code H v} per input of a function of several tensors: {@code Functional.hvp(f, List.of(a, b), List.of(va, vb), Functional.options())}. */
    public static VjpResult hvp(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, List<Tensor> v, Options opts) {
        return hessianProduct(f, inputs, v, true, true, opts);
    }

    /**
     * vhp (backward of the gradient) or hvp: forward-over-reverse (the tangent of the gradient along v) when it can,
     * else (strict mode, or inside the caller's dual level) PyTorch's double-backward trick for {@code H v}.
     */
    private static VjpResult hessianProduct(Function<List<Tensor>, Tensor> f, List<Tensor> inputsIn, List<Tensor> vIn,
                                            boolean inputsTuple, boolean hvp, Options opts) {
        if (hvp && !opts.strict()) {
            try {
                VjpResult r = hvpForwardOverReverse(f, inputsIn, vIn, inputsTuple, opts);
                if (r != null) return r;   // null: a dual level is already open (levels do not nest)
            } catch (JvpNotImplementedException e) {
                // a custom Function without a jvp: fall back to the trick, which needs only backward (f runs again)
            }
        }
        String name = hvp ? "hvp" : "vhp";
        boolean cg = opts.createGraph();
        List<Tensor> inputs, outputs, v = null, jac, gradJac = null, doubleBack = null;
        try (var g = Autograd.enableGrad()) {
            inputs = preprocess(inputsIn, cg, true);
            if (vIn != null) {
                v = preprocess(vIn, cg, false);
                validateV(v, inputs, inputsTuple);
            } else if (inputs.size() != 1 || inputs.get(0).numel() != 1) {
                throw new IllegalArgumentException("The vector v can only be None if the input to the user-provided function "
                        + "is a single Tensor with a single element.");
            }
            outputs = one(f.apply(inputs));
            checkRequiresGrad(outputs, "outputs", opts.strict());
            if (outputs.get(0).numel() != 1) {
                throw new IllegalArgumentException("The Tensor returned by the function given to " + name
                        + " should contain a single element");
            }
            jac = autogradGrad(outputs, inputs, null, true, true);
            checkRequiresGrad(jac, "jacobian", opts.strict());
            if (hvp) {
                gradJac = new ArrayList<>();
                for (Tensor in : inputs) gradJac.add(Tensor.zerosLike(in).requiresGrad_());
                doubleBack = autogradGrad(jac, inputs, gradJac, true, true);
                checkRequiresGrad(jac, "hessian", opts.strict());
            }
        }
        List<Tensor> res;
        try (var g = Autograd.gradEnabled(cg || Autograd.isGradEnabled())) {
            res = hvp ? fillInZeros(autogradGrad(doubleBack, gradJac, v, cg, cg), inputs, opts.strict(), cg, "double_back_trick")
                    : fillInZeros(autogradGrad(jac, inputs, v, cg, cg), inputs, opts.strict(), cg, "double_back");
        }
        return new VjpResult(post(outputs, cg), post(res, cg));
    }

    // ================================================================================================
    // forward mode: jvp, hvp (forward-over-reverse) and the columns of a forward-mode jacobian or hessian
    // ================================================================================================

    /** {@code J v} as the tangent of f's outputs, with the inputs made dual with tangents v; null if a level is open. */
    private static VjpResult jvpForward(Function<List<Tensor>, List<Tensor>> f, List<Tensor> inputsIn, List<Tensor> vIn,
                                        boolean inputsTuple, Options opts) {
        boolean cg = opts.createGraph();
        List<Tensor> inputs = preprocess(inputsIn, cg, cg);
        List<Tensor> v = tangentsOrOnes(inputs, vIn, cg, inputsTuple);
        List<Tensor> outputs = new ArrayList<>(), products = new ArrayList<>();
        DualLevel level = ForwardAD.tryDualLevel(0);
        if (level == null) return null;
        try (level; var g = Autograd.gradEnabled(cg || Autograd.isGradEnabled())) {
            List<Tensor> duals = new ArrayList<>(inputs.size());
            for (int i = 0; i < inputs.size(); i++) duals.add(ForwardAD.makeDual(inputs.get(i), v.get(i)));
            for (Tensor o : f.apply(duals)) {
                UnpackedDual u = ForwardAD.unpackDual(o);
                outputs.add(u.primal());
                products.add(u.tangent() != null ? u.tangent() : Tensor.zerosLike(o));
            }
        }
        return new VjpResult(post(outputs, cg), post(products, cg));
    }

    /** {@code H v} as the tangent, along v, of the gradient of f (one forward, one backward); null if a level is open. */
    private static VjpResult hvpForwardOverReverse(Function<List<Tensor>, Tensor> f, List<Tensor> inputsIn,
                                                   List<Tensor> vIn, boolean inputsTuple, Options opts) {
        boolean cg = opts.createGraph();
        List<Tensor> inputs = preprocess(inputsIn, cg, true);
        List<Tensor> v = tangentsOrOnes(inputs, vIn, cg, inputsTuple);
        List<Tensor> outputs, products = new ArrayList<>();
        DualLevel level = ForwardAD.tryDualLevel(0);
        if (level == null) return null;
        try (level; var g = Autograd.enableGrad()) {
            List<Tensor> duals = new ArrayList<>(inputs.size());
            for (int i = 0; i < inputs.size(); i++) duals.add(ForwardAD.makeDual(inputs.get(i), v.get(i)));
            Tensor out = f.apply(duals);
            if (out.numel() != 1) {
                throw new IllegalArgumentException("The Tensor returned by the function given to hvp should contain a "
                        + "single element");
            }
            outputs = one(ForwardAD.unpackDual(out).primal());
            // The backward's own ops carry the tangents (saved tensors are the duals): grad's tangent is H v.
            List<Tensor> grads = autogradGrad(one(out), duals, null, cg, cg);
            for (int i = 0; i < inputs.size(); i++) {
                Tensor t = grads.get(i) == null ? null : ForwardAD.unpackDual(grads.get(i)).tangent();
                products.add(t != null ? t : Tensor.zerosLike(inputs.get(i)));
            }
        }
        return new VjpResult(post(outputs, cg), post(products, cg));
    }

    /** v checked against the inputs, or ones for the one single-element input PyTorch allows v to be omitted for. */
    private static List<Tensor> tangentsOrOnes(List<Tensor> inputs, List<Tensor> vIn, boolean cg, boolean inputsTuple) {
        if (vIn != null) {
            List<Tensor> v = preprocess(vIn, cg, false);
            validateV(v, inputs, inputsTuple);
            return v;
        }
        if (inputs.size() != 1 || inputs.get(0).numel() != 1) {
            throw new IllegalArgumentException("The vector v can only be None if the input to the user-provided function "
                    + "is a single Tensor with a single element.");
        }
        return one(Tensor.onesLike(inputs.get(0)));
    }

    /**
     * Forward-mode jacobian blocks {@code J.get(i).get(j)} of {@code body}'s outputs: one pass of body per element k
     * of each input j, with that input dual along the k-th basis vector and the others plain; the outputs' tangents
     * are the columns. With {@code needGraph} the inputs are leaves that require grad (body may differentiate them:
     * forward-over-reverse).
     */
    private static List<List<Tensor>> forwardColumns(List<Tensor> inputsIn, boolean needGraph,
                                                     Function<List<Tensor>, List<Tensor>> body) {
        if (ForwardAD.isActive()) {
            throw new IllegalStateException("jacobian with strategy \"forward-mode\" opens its own dual level; call it "
                    + "outside ForwardAD.dualLevel() (levels do not nest)");
        }
        List<Tensor> inputs = preprocess(inputsIn, false, needGraph);
        List<int[]> outShapes = null;
        List<DType> outTypes = null;
        List<List<List<Tensor>>> cols = new ArrayList<>();   // [output][input] -> columns, each out_i flattened
        for (int j = 0; j < inputs.size(); j++) {
            Tensor in = inputs.get(j);
            for (int k = 0; k < in.numel(); k++) {
                Tensor e = Tensor.zeros(in.dtype(), in.shape());
                e.storage().set(k, 1);
                List<Tensor> tangents = new ArrayList<>();
                try (DualLevel level = ForwardAD.dualLevel(); var g = Autograd.gradEnabled(needGraph || Autograd.isGradEnabled())) {
                    List<Tensor> xs = new ArrayList<>(inputs);
                    xs.set(j, ForwardAD.makeDual(in, e));
                    List<Tensor> outs = body.apply(xs);
                    if (outShapes == null) {
                        outShapes = new ArrayList<>();
                        outTypes = new ArrayList<>();
                        for (Tensor o : outs) {
                            // a null output (hessian's unused input) stands for zeros shaped like that input
                            Tensor ref = o != null ? o : inputs.get(outShapes.size());
                            outShapes.add(ref.shape());
                            outTypes.add(ref.dtype());
                            cols.add(emptyLists(inputs.size()));
                        }
                    }
                    for (int i = 0; i < outs.size(); i++) {
                        Tensor o = outs.get(i);
                        Tensor t = o == null ? null : ForwardAD.unpackDual(o).tangent();
                        tangents.add(t == null ? null : t.detach().reshape(-1));
                    }
                }
                for (int i = 0; i < tangents.size(); i++) {
                    Tensor t = tangents.get(i);
                    cols.get(i).get(j).add(t != null ? t : Tensor.zeros(outTypes.get(i), Shapes.numel(outShapes.get(i))));
                }
            }
        }
        if (outShapes == null) {   // no input has an element: one plain call gives the output shapes
            List<Tensor> outs = body.apply(inputs);
            outShapes = new ArrayList<>();
            outTypes = new ArrayList<>();
            for (Tensor o : outs) {
                outShapes.add(o.shape());
                outTypes.add(o.dtype());
                cols.add(emptyLists(inputs.size()));
            }
        }
        List<List<Tensor>> jac = new ArrayList<>();
        for (int i = 0; i < outShapes.size(); i++) {
            List<Tensor> perInput = new ArrayList<>();
            for (int j = 0; j < inputs.size(); j++) {
                int[] shape = concat(outShapes.get(i), inputs.get(j).shape());
                List<Tensor> c = cols.get(i).get(j);
                perInput.add(c.isEmpty() || Shapes.numel(outShapes.get(i)) == 0 ? Tensor.zeros(outTypes.get(i), shape)
                        : Tensor.stack(c, 1).view(shape));
            }
            jac.add(perInput);
        }
        return jac;
    }

    /**
     * The vectorized reverse-mode jacobian in ONE backward pass: the backward is linear in the grad outputs, so with
     * grad outputs that are zeros carrying, as a batch of tangents, the standard basis of all outputs' elements
     * (PyTorch's stacked identity), the tangent of each input's gradient is the stack of all rows of its block.
     * Null when a dual level is already open (levels do not nest): the caller then runs the rows one by one.
     */
    private static List<List<Tensor>> rowsBatched(List<Tensor> outputs, List<Tensor> inputs) {
        int total = 0;
        for (Tensor o : outputs) total += o.numel();
        List<List<Tensor>> jac = new ArrayList<>();
        List<Tensor> rows = Arrays.asList(new Tensor[inputs.size()]);
        if (total > 0) {
            DualLevel level = ForwardAD.tryDualLevel(total);
            if (level == null) return null;
            try (level) {
                List<Tensor> gradOutputs = new ArrayList<>();
                int offset = 0;
                for (Tensor o : outputs) {
                    gradOutputs.add(ForwardAD.makeDual(Tensor.zerosLike(o), basisRows(o, total, offset)));
                    offset += o.numel();
                }
                List<Tensor> grads = autogradGrad(outputs, inputs, gradOutputs, false, false);
                for (int j = 0; j < inputs.size(); j++) {
                    rows.set(j, grads.get(j) == null ? null : ForwardAD.unpackDual(grads.get(j)).tangent());
                }
            }
        }
        int offset = 0;
        for (Tensor o : outputs) {
            List<Tensor> perInput = new ArrayList<>();
            for (int j = 0; j < inputs.size(); j++) {
                int[] shape = concat(o.shape(), inputs.get(j).shape());
                Tensor r = rows.get(j);
                perInput.add(r == null || o.numel() == 0 ? Tensor.zeros(inputs.get(j).dtype(), shape)
                        : r.narrow(0, offset, o.numel()).reshape(shape).detach());
            }
            offset += o.numel();
            jac.add(perInput);
        }
        return jac;
    }

    /**
     * Whether a custom Function's node lies behind the outputs: its backward may compute outside tensor ops (raw
     * data), where batched tangents would be lost, so the vectorized path then runs row by row instead.
     */
    private static boolean reachesCustomFunction(List<Tensor> outputs) {
        java.util.Set<Node> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.ArrayDeque<Node> stack = new java.util.ArrayDeque<>();
        for (Tensor o : outputs) if (o != null && o.gradFn() != null && seen.add(o.gradFn())) stack.push(o.gradFn());
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            if (n instanceof FunctionNode) return true;
            for (Edge e : n.edges()) if (e.node() != null && seen.add(e.node())) stack.push(e.node());
        }
        return false;
    }

    /** Rows {@code [offset, offset + t.numel())} of the {@code total x total} identity, as {@code [total, *t.shape]}. */
    private static Tensor basisRows(Tensor t, int total, int offset) {
        int n = t.numel();
        Tensor e = Tensor.zeros(t.dtype(), concat(new int[]{total}, t.shape()));
        for (int k = 0; k < n; k++) e.storage().set((offset + k) * n + k, 1);
        return e;
    }

    /**
     * The vectorized forward-mode jacobian blocks in ONE pass of body: each input j is dual along its rows of the
     * standard basis of all inputs' elements (a batch of tangents, {@link ForwardAD#batchedDualLevel}), and the
     * outputs' batched tangents hold every column.
     */
    private static List<List<Tensor>> forwardColumnsBatched(List<Tensor> inputsIn, boolean needGraph,
                                                            Function<List<Tensor>, List<Tensor>> body) {
        int total = 0;
        for (Tensor t : inputsIn) total += t.numel();
        if (total == 0) return forwardColumns(inputsIn, needGraph, body);
        if (ForwardAD.isActive()) {
            throw new IllegalStateException("jacobian with strategy \"forward-mode\" opens its own dual level; call it "
                    + "outside ForwardAD.dualLevel() (levels do not nest)");
        }
        List<Tensor> inputs = preprocess(inputsIn, false, needGraph);
        List<Tensor> outs = new ArrayList<>(), tangents = new ArrayList<>();
        try (DualLevel level = ForwardAD.batchedDualLevel(total);
             var g = Autograd.gradEnabled(needGraph || Autograd.isGradEnabled())) {
            List<Tensor> xs = new ArrayList<>();
            int offset = 0;
            for (Tensor in : inputs) {
                xs.add(ForwardAD.makeDual(in, basisRows(in, total, offset)));
                offset += in.numel();
            }
            List<Tensor> ys = body.apply(xs);
            for (int i = 0; i < ys.size(); i++) {
                Tensor o = ys.get(i);
                outs.add(o != null ? o : inputs.get(i));   // a null output (hessian's unused input): zeros like it
                Tensor t = o == null ? null : ForwardAD.unpackDual(o).tangent();
                tangents.add(t == null ? null : t.detach());
            }
        }
        List<List<Tensor>> jac = new ArrayList<>();
        for (int i = 0; i < outs.size(); i++) {
            Tensor o = outs.get(i), t = tangents.get(i);
            List<Tensor> perInput = new ArrayList<>();
            int offset = 0;
            for (Tensor in : inputs) {
                int[] shape = concat(o.shape(), in.shape());
                perInput.add(t == null || o.numel() == 0 || in.numel() == 0 ? Tensor.zeros(o.dtype(), shape)
                        : t.narrow(0, offset, in.numel()).reshape(in.numel(), o.numel()).t().reshape(shape));
                offset += in.numel();
            }
            jac.add(perInput);
        }
        return jac;
    }

    private static void checkForwardModeOptions(Options opts) {
        if (opts.createGraph()) {
            throw new UnsupportedOperationException("torch.autograd.functional.jacobian: `create_graph=True` and "
                    + "`strategy=\"forward-mode\"` are not supported together (yet). Please either set "
                    + "`create_graph=False` or `strategy=\"reverse-mode\"`.");
        }
        if (opts.strict()) {
            throw new UnsupportedOperationException("torch.autograd.functional.jacobian: `strict=True` and "
                    + "`strategy=\"forward-mode\"` are not supported together (yet). Please either set `strict=False` or "
                    + "`strategy=\"reverse-mode\"`.");
        }
    }

    // ================================================================================================
    // helpers: PyTorch's _grad_preprocess, _autograd_grad, _fill_in_zeros, _check_requires_grad, _validate_v
    // ================================================================================================

    /** New tensor objects for the function: differentiable aliases with createGraph, else detached leaves. */
    private static List<Tensor> preprocess(List<Tensor> ts, boolean createGraph, boolean needGraph) {
        List<Tensor> r = new ArrayList<>(ts.size());
        for (Tensor t : ts) {
            if (createGraph && t.requiresGrad()) r.add(t.view(t.shape()));
            else r.add(needGraph ? t.detach().requiresGrad_() : t.detach());
        }
        return r;
    }

    private static List<Tensor> post(List<Tensor> ts, boolean createGraph) {
        if (createGraph) return ts;
        List<Tensor> r = new ArrayList<>(ts.size());
        for (Tensor t : ts) r.add(t.detach());
        return r;
    }

    /** Autograd.grad over the outputs that require grad only (null entries for unused inputs), or all nulls if none do. */
    private static List<Tensor> autogradGrad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                             boolean createGraph, boolean retainGraph) {
        List<Tensor> outs = new ArrayList<>(), gos = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            Tensor o = outputs.get(i);
            if (o != null && o.requiresGrad()) {
                outs.add(o);
                gos.add(gradOutputs == null ? null : gradOutputs.get(i));
            }
        }
        if (outs.isEmpty()) return Arrays.asList(new Tensor[inputs.size()]);
        return Autograd.grad(outs, inputs, gos, retainGraph, createGraph, true);
    }

    private static List<Tensor> fillInZeros(List<Tensor> grads, List<Tensor> refs, boolean strict, boolean createGraph,
                                            String stage) {
        List<Tensor> r = new ArrayList<>(grads.size());
        for (int i = 0; i < grads.size(); i++) {
            Tensor g = grads.get(i);
            if (g == null) {
                if (strict) {
                    throw new IllegalStateException(switch (stage) {
                        case "back" -> "The output of the user-provided function is independent of input " + i
                                + ". This is not allowed in strict mode.";
                        case "back_trick" -> "The gradient with respect to the input is independent of entry " + i
                                + " in the grad_outputs when using the double backward trick to compute forward mode "
                                + "gradients. This is not allowed in strict mode.";
                        case "double_back" -> "The jacobian of the user-provided function is independent of input " + i
                                + ". This is not allowed in strict mode.";
                        default -> "The hessian of the user-provided function is independent of entry " + i + " in the "
                                + "grad_jacobian. This is not allowed in strict mode as it prevents from using the double "
                                + "backward trick to replace forward mode AD.";
                    });
                }
                g = Tensor.zerosLike(refs.get(i));
            } else if (strict && createGraph && !g.requiresGrad()) {
                throw new IllegalStateException(stage.startsWith("double_back")
                        ? "The hessian of the user-provided function is independent of input " + i
                          + ". This is not allowed in strict mode when create_graph=True."
                        : "The jacobian of the user-provided function is independent of input " + i
                          + ". This is not allowed in strict mode when create_graph=True.");
            }
            r.add(g);
        }
        return r;
    }

    private static void checkRequiresGrad(List<Tensor> ts, String type, boolean strict) {
        if (!strict) return;
        for (int i = 0; i < ts.size(); i++) {
            Tensor t = ts.get(i);
            if (t == null) {
                throw new IllegalStateException("The output of the user-provided function is independent of input " + i
                        + ". This is not allowed in strict mode.");
            }
            if (t.requiresGrad()) continue;
            throw new IllegalStateException(switch (type) {
                case "hessian" -> "The hessian of the user-provided function with respect to input " + i + " is "
                        + "independent of the input. This is not allowed in strict mode. You should ensure that your "
                        + "function is thrice differentiable and that the hessian depends on the inputs.";
                case "jacobian" -> "While computing the hessian, found that the jacobian of the user-provided function "
                        + "with respect to input " + i + " is independent of the input. This is not allowed in strict "
                        + "mode. You should ensure that your function is twice differentiable and that the jacobian "
                        + "depends on the inputs (this would be violated by a linear function for example).";
                case "grad_inputs" -> "The gradient with respect to input " + i + " is independent of the inputs of the "
                        + "user-provided function. This is not allowed in strict mode.";
                default -> "Output " + i + " of the user-provided function does not require gradients. The outputs must "
                        + "be computed in a differentiable manner from the input when running in strict mode.";
            });
        }
    }

    private static void validateV(List<Tensor> v, List<Tensor> other, boolean otherTuple) {
        if (v.size() != other.size()) {
            throw new IllegalArgumentException(otherTuple
                    ? "v is a tuple of invalid length: should be " + other.size() + " but got " + v.size() + "."
                    : "The given v should contain a single Tensor.");
        }
        for (int i = 0; i < v.size(); i++) {
            if (!Arrays.equals(v.get(i).shape(), other.get(i).shape())) {
                throw new IllegalArgumentException((otherTuple ? "Entry " + i + " in " : "") + "v has invalid size: should be "
                        + Shapes.torchSize(other.get(i).shape()) + " but got " + Shapes.torchSize(v.get(i).shape()) + ".");
            }
        }
    }

    private static void checkStrategy(String strategy) {
        if (!REVERSE_MODE.equals(strategy) && !FORWARD_MODE.equals(strategy)) {
            throw new IllegalArgumentException("Expected strategy to be either \"forward-mode\" or \"reverse-mode\". Hint: If "
                    + "your function has more outputs than inputs, \"forward-mode\" tends to be more performant. Otherwise, "
                    + "prefer to use \"reverse-mode\".");
        }
    }

    private static List<Tensor> one(Tensor t) {
        List<Tensor> l = new ArrayList<>(1);
        l.add(t);
        return l;
    }

    private static List<List<Tensor>> emptyLists(int n) {
        List<List<Tensor>> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) l.add(new ArrayList<>());
        return l;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
