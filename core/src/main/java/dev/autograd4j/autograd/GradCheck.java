package dev.autograd4j.autograd;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.Warnings;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * PyTorch's {@code torch.autograd.gradcheck} and {@code gradgradcheck}: compares the gradients autograd computes with
 * central finite differences, element by element (the "slow mode" Jacobian comparison).
 *
 * <pre>{@code
 * Tensor x = Tensor.randn(3).to(DType.FLOAT64).requiresGrad_();
 * boolean ok = GradCheck.gradcheck(Tensor::sin, x);                      // true
 * GradCheck.gradgradcheck(xs -> xs.get(0).pow(3), List.of(x));           // second order
 * }</pre>
 */
public final class GradCheck {
    private GradCheck() {}

    /**
     * The tolerances and switches of a check, with PyTorch's defaults (eps 1e-6, atol 1e-5, rtol 1e-3, raising).
     *
     * <pre>{@code
     * GradCheck.gradcheck(f, inputs, GradCheck.options().raiseException(false).atol(1e-4));
     * }</pre>
     */
    public record Options(double eps, double atol, double rtol, boolean raiseException, boolean fastMode, double nondetTol) {
        /** The same options with another finite-difference step: {@code options().eps(1e-7)}. */
        public Options eps(double v) { return new Options(v, atol, rtol, raiseException, fastMode, nondetTol); }
        /** The same options with another absolute tolerance: {@code options().atol(1e-4)}. */
        public Options atol(double v) { return new Options(eps, v, rtol, raiseException, fastMode, nondetTol); }
        /** The same options with another relative tolerance: {@code options().rtol(1e-2)}. */
        public Options rtol(double v) { return new Options(eps, atol, v, raiseException, fastMode, nondetTol); }
        /** Whether a mismatch throws {@link GradcheckError} (true) or returns false: {@code options().raiseException(false)}. */
        public Options raiseException(boolean v) { return new Options(eps, atol, rtol, v, fastMode, nondetTol); }
        /**
         * Whether to compare only {@code v^T J u} for random unit vectors u, v instead of whole Jacobians (PyTorch's
         * fast mode): {@code options().fastMode(true)}.
         */
        public Options fastMode(boolean v) { return new Options(eps, atol, rtol, raiseException, v, nondetTol); }
        /** How far two backward runs on the same grad output may differ (0 = must be equal): {@code options().nondetTol(1e-12)}. */
        public Options nondetTol(double v) { return new Options(eps, atol, rtol, raiseException, fastMode, v); }
    }

    /** PyTorch's defaults: {@code GradCheck.options()}. */
    public static Options options() { return new Options(1e-6, 1e-5, 1e-3, true, false, 0.0); }

    /** Checks a one-tensor function: {@code GradCheck.gradcheck(Tensor::exp, x)}. */
    public static boolean gradcheck(Function<Tensor, Tensor> fn, Tensor input) {
        return gradcheck(fn, input, options());
    }

    /** Checks a one-tensor function with options: {@code GradCheck.gradcheck(Tensor::exp, x, GradCheck.options().atol(1e-4))}. */
    public static boolean gradcheck(Function<Tensor, Tensor> fn, Tensor input, Options opts) {
        return gradcheck(xs -> fn.apply(xs.get(0)), List.of(input), opts);
    }

    /** Checks a function of several tensors: {@code GradCheck.gradcheck(xs -> xs.get(0).mm(xs.get(1)), List.of(a, b))}. */
    public static boolean gradcheck(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs) {
        return gradcheck(fn, inputs, options());
    }

    /** Checks a function of several tensors with options. */
    public static boolean gradcheck(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs, Options opts) {
        return gradcheckMulti(xs -> single(fn.apply(xs)), inputs, opts);
    }

    /**
     * Checks a function with several outputs (null outputs are skipped):
     * {@code GradCheck.gradcheckMulti(xs -> List.of(xs.get(0).sin(), xs.get(0).cos()), List.of(x), GradCheck.options())}.
     */
    public static boolean gradcheckMulti(Function<List<Tensor>, List<Tensor>> fn, List<Tensor> inputs, Options opts) {
        boolean any = false;
        for (int i = 0; i < inputs.size(); i++) {
            Tensor t = inputs.get(i);
            if (t == null || !t.requiresGrad()) continue;
            any = true;
            if (t.dtype() != DType.FLOAT64) {
                Warnings.warn("UserWarning: Input #" + i + " requires gradient and is not a double precision floating point "
                        + "or complex. This check will likely fail if all the inputs are not of double precision floating "
                        + "point or complex. ");
            }
        }
        if (!any) {
            throw new IllegalArgumentException("gradcheck expects at least one input tensor to require gradient, but none "
                    + "of the them have requires_grad=True.");
        }
        try {
            if (opts.fastMode()) checkFast(fn, inputs, opts);
            else checkSlow(fn, inputs, opts);
        } catch (GradcheckError e) {
            if (opts.raiseException()) throw e;
            return false;
        }
        return true;
    }

    /** Whole Jacobians, element by element; the analytical one is computed twice to catch a non-reentrant backward. */
    private static void checkSlow(Function<List<Tensor>, List<Tensor>> fn, List<Tensor> inputs, Options opts) {
        List<Tensor> outputs = fn.apply(inputs);
        for (int o = 0; o < outputs.size(); o++) {
            Tensor out = outputs.get(o);
            if (out == null) continue;
            for (int i = 0; i < inputs.size(); i++) {
                Tensor in = inputs.get(i);
                if (in == null || !in.requiresGrad()) continue;
                double[][] analytical = analyticalJacobian(out, in);
                double[][] again = analyticalJacobian(out, in);
                if (maxDiff(analytical, again) > opts.nondetTol()) throw new GradcheckError(notReentrant(opts.nondetTol()));
                double[][] numerical = numericalJacobian(fn, inputs, i, o, out.numel(), opts.eps());
                if (!allClose(analytical, numerical, opts.atol(), opts.rtol())) {
                    throw new GradcheckError(mismatch(o, i, asTensor(numerical, in.dtype()), asTensor(analytical, in.dtype())));
                }
            }
        }
    }

    /**
     * PyTorch's fast mode: for random unit vectors u (per input) and v (per output), compares v . (J u) by central
     * differences along u with (v^T J) . u from one backward; on a mismatch the message adds the slow-mode Jacobians.
     */
    private static void checkFast(Function<List<Tensor>, List<Tensor>> fn, List<Tensor> inputs, Options opts) {
        // A private generator, so the caller's random stream is left alone (as PyTorch does).
        java.util.Random rng = new java.util.Random(0);
        List<Tensor> outputs = fn.apply(inputs);
        double[][] vs = new double[outputs.size()][];
        for (int o = 0; o < outputs.size(); o++) if (outputs.get(o) != null) vs[o] = unitVector(rng, outputs.get(o).numel());
        for (int i = 0; i < inputs.size(); i++) {
            Tensor in = inputs.get(i);
            if (in == null || !in.requiresGrad()) continue;
            double[] u = unitVector(rng, in.numel());
            double[][] ju = numericalJvp(fn, inputs, i, u, outputs, opts.eps());
            for (int o = 0; o < outputs.size(); o++) {
                Tensor out = outputs.get(o);
                if (out == null) continue;
                double numerical = dot(vs[o], ju[o]);
                double analytical = dot(vjp(out, in, vs[o]), u);
                double sumU = 0, sumV = 0;
                for (double x : u) sumU += x;
                for (double x : vs[o]) sumV += x;
                double atol = opts.atol() * sumU * sumV;
                if (!(Math.abs(analytical - numerical) <= atol + opts.rtol() * Math.abs(numerical)) && analytical != numerical) {
                    double[][] slowN = numericalJacobian(fn, inputs, i, o, out.numel(), opts.eps());
                    double[][] slowA = analyticalJacobian(out, in);
                    Tensor sn = asTensor(slowN, in.dtype()), sa = asTensor(slowA, in.dtype());
                    String msg = mismatch(o, i, Tensor.scalar(numerical, in.dtype()), Tensor.scalar(analytical, in.dtype()))
                            + "\nThe above quantities relating the numerical and analytical jacobians are computed \n"
                            + "in fast mode. See: https://github.com/pytorch/pytorch/issues/53876 for more background \n"
                            + "about fast mode. Below, we recompute numerical and analytical jacobians in slow mode:\n\n"
                            + "Numerical:\n " + sn + "\nAnalytical:\n" + sa + "\n\n"
                            + "The max per-element difference (slow mode) is: "
                            + Tensor.scalar(maxDiff(slowN, slowA), in.dtype()) + ".\n";
                    if (allClose(slowA, slowN, opts.atol(), opts.rtol())) msg += FAST_FAIL_SLOW_OK;
                    throw new GradcheckError(msg);
                }
            }
        }
    }

    private static final String FAST_FAIL_SLOW_OK = "Fast gradcheck failed but element-wise differences are small. This "
            + "means that the\ntest might've passed in slow_mode!\n\nIf you are adding a new operator, please file an issue "
            + "and then use one of the\nworkarounds. The workaround depends on how your test invokes gradcheck/gradgradcheck:"
            + "\n\nIf the test\n- manually invokes gradcheck/gradgradcheck, then call gradcheck/gradgradcheck\n  with "
            + "`fast_mode=False` as a keyword argument.\n- is OpInfo-based (e.g., in test_ops_gradients.py), then modify the "
            + "OpInfo for the test\n  to have `gradcheck_fast_mode=False`\n- is a Module test (e.g., in common_nn.py), then "
            + "modify the corresponding\n  module_test entry to have `gradcheck_fast_mode=False`";

    private static String mismatch(int o, int i, Tensor numerical, Tensor analytical) {
        return "Jacobian mismatch for output " + o + " with respect to input " + i + ",\n"
                + "numerical:" + numerical + "\n" + "analytical:" + analytical + "\n";
    }

    private static String notReentrant(double tol) {
        return "Backward is not reentrant, i.e., running backward with same input and grad_output multiple times gives "
                + "different values, although analytical gradient matches numerical gradient.The tolerance for "
                + "nondeterminism was " + tol + ".\n\nNOTE: If your op relies on non-deterministic operations i.e., it is "
                + "listed here:\nhttps://pytorch.org/docs/stable/generated/torch.use_deterministic_algorithms.html\nthis "
                + "failure might be expected.\n\nIf you are adding a new operator, please file an issue and then use one of "
                + "the\nworkarounds. The workaround depends on how your test invokes gradcheck/gradgradcheck.\nIf the test\n"
                + "- manually invokes gradcheck/gradgradcheck, then call gradcheck/gradgradcheck\n  with `nondet_tol=<tol>` "
                + "as a keyword argument.\n- is OpInfo-based (e.g., in test_ops_gradients.py), then modify the OpInfo for "
                + "the test\n  to have `gradcheck_nondet_tol=<tol>`.\n- is a Module test (e.g., in common_nn.py), then "
                + "modify the corresponding\n  module_test entry to have `gradcheck_nondet_tol=<tol>`\n";
    }

    /** PyTorch's _vec_from_tensor: uniform [0, 1) entries scaled to unit length. */
    private static double[] unitVector(java.util.Random rng, int n) {
        double[] v = new double[n];
        double norm = 0;
        for (int k = 0; k < n; k++) { v[k] = rng.nextDouble(); norm += v[k] * v[k]; }
        norm = Math.sqrt(norm);
        for (int k = 0; k < n; k++) v[k] = norm == 0 ? 0 : v[k] / norm;
        return v;
    }

    /** (f(x + eps u) - f(x - eps u)) / (2 eps) for every output, perturbing input i's storage in place. */
    private static double[][] numericalJvp(Function<List<Tensor>, List<Tensor>> fn, List<Tensor> inputs, int i, double[] u,
                                           List<Tensor> outputs, double eps) {
        Tensor x = inputs.get(i);
        int n = x.numel();
        double[] orig = new double[n];
        for (int j = 0; j < n; j++) orig[j] = x.storage().get(x.storageIndex(j));
        double[][] plus = new double[outputs.size()][], minus = new double[outputs.size()][];
        try {
            for (int j = 0; j < n; j++) x.storage().set(x.storageIndex(j), orig[j] + eps * u[j]);
            List<Tensor> p = fn.apply(inputs);
            for (int o = 0; o < outputs.size(); o++) if (outputs.get(o) != null) plus[o] = valuesOf(p.get(o), outputs.get(o).numel());
            for (int j = 0; j < n; j++) x.storage().set(x.storageIndex(j), orig[j] - eps * u[j]);
            List<Tensor> m = fn.apply(inputs);
            for (int o = 0; o < outputs.size(); o++) if (outputs.get(o) != null) minus[o] = valuesOf(m.get(o), outputs.get(o).numel());
        } finally {
            for (int j = 0; j < n; j++) x.storage().set(x.storageIndex(j), orig[j]);
        }
        double[][] r = new double[outputs.size()][];
        for (int o = 0; o < outputs.size(); o++) {
            if (plus[o] == null) continue;
            r[o] = new double[plus[o].length];
            for (int k = 0; k < r[o].length; k++) r[o][k] = (plus[o][k] - minus[o][k]) / (2 * eps);
        }
        return r;
    }

    /** v^T J for one output and one input (zeros where the output does not reach the input). */
    private static double[] vjp(Tensor out, Tensor in, double[] v) {
        if (!out.requiresGrad()) return new double[in.numel()];
        List<Tensor> gos = new ArrayList<>(1);
        gos.add(Tensor.of(v, out.shape()).to(out.dtype()));
        Tensor g = Autograd.grad(List.of(out), List.of(in), gos, true, false, true).get(0);
        return g == null ? new double[in.numel()] : g.toDoubleArray();
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) s += a[k] * b[k];
        return s;
    }

    private static double maxDiff(double[][] a, double[][] b) {
        double m = 0;
        for (int j = 0; j < a.length; j++) for (int k = 0; k < a[j].length; k++) m = Math.max(m, Math.abs(a[j][k] - b[j][k]));
        return m;
    }

    /** Checks second derivatives of a one-tensor function: {@code GradCheck.gradgradcheck(t -> t.pow(3), x)}. */
    public static boolean gradgradcheck(Function<Tensor, Tensor> fn, Tensor input) {
        return gradgradcheck(xs -> fn.apply(xs.get(0)), List.of(input), options());
    }

    /** Checks second derivatives: {@code GradCheck.gradgradcheck(xs -> xs.get(0).pow(3), List.of(x))}. */
    public static boolean gradgradcheck(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs) {
        return gradgradcheck(fn, inputs, options());
    }

    /** Checks second derivatives with options. */
    public static boolean gradgradcheck(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs, Options opts) {
        return gradgradcheckMulti(xs -> single(fn.apply(xs)), inputs, opts);
    }

    /**
     * Checks second derivatives of a several-output function: random grad outputs (float64 normal, requiring grad)
     * become extra inputs of the first-order gradient function, which is then gradchecked, as PyTorch does.
     * {@code GradCheck.gradgradcheckMulti(xs -> List.of(xs.get(0).sin()), List.of(x), GradCheck.options())}
     */
    public static boolean gradgradcheckMulti(Function<List<Tensor>, List<Tensor>> fn, List<Tensor> inputs, Options opts) {
        List<Tensor> outs = fn.apply(inputs);
        List<Tensor> gradOutputs = new ArrayList<>();
        try (var g = Autograd.noGrad()) {
            for (Tensor o : outs) {
                if (o == null || !o.requiresGrad()) continue;
                gradOutputs.add(Tensor.randnLike(o).to(DType.FLOAT64).to(o.dtype()).requiresGrad_());
            }
        }
        int n = inputs.size();
        List<Tensor> all = new ArrayList<>(inputs);
        all.addAll(gradOutputs);
        Function<List<Tensor>, List<Tensor>> firstOrder = xs -> {
            List<Tensor> ins = xs.subList(0, n);
            List<Tensor> diffOuts = new ArrayList<>();
            for (Tensor o : fn.apply(ins)) if (o != null && o.requiresGrad()) diffOuts.add(o);
            List<Tensor> diffIns = new ArrayList<>();
            for (Tensor t : ins) if (t != null && t.requiresGrad()) diffIns.add(t);
            if (diffOuts.isEmpty()) return List.of();
            List<Tensor> gos = new ArrayList<>(xs.subList(n, xs.size()));
            return Autograd.grad(diffOuts, diffIns, gos, true, true, true);
        };
        return gradcheckMulti(firstOrder, all, opts);
    }

    private static List<Tensor> single(Tensor t) {
        List<Tensor> l = new ArrayList<>(1);
        l.add(t);
        return l;
    }

    /**
     * Column j of d out_o / d in_i by central differences: element j of input i is nudged by +-eps in place
     * (in its storage, so version counters stay untouched) and the function re-run without grad.
     * Layout is PyTorch's: [input element][output element].
     */
    private static double[][] numericalJacobian(Function<List<Tensor>, List<Tensor>> fn, List<Tensor> inputs, int i, int o,
                                                int outNumel, double eps) {
        Tensor x = inputs.get(i);
        double[][] jac = new double[x.numel()][outNumel];
        // Grad mode stays as it is: gradgradcheck's function itself calls Autograd.grad and needs its graph.
        {
            for (int j = 0; j < x.numel(); j++) {
                int at = x.storageIndex(j);
                double orig = x.storage().get(at);
                try {
                    x.storage().set(at, orig - eps);
                    double[] minus = valuesOf(fn.apply(inputs).get(o), outNumel);
                    x.storage().set(at, orig + eps);
                    double[] plus = valuesOf(fn.apply(inputs).get(o), outNumel);
                    for (int k = 0; k < outNumel; k++) jac[j][k] = (plus[k] - minus[k]) / (2 * eps);
                } finally {
                    x.storage().set(at, orig);
                }
            }
        }
        return jac;
    }

    private static double[] valuesOf(Tensor t, int numel) {
        return t == null ? new double[numel] : t.toDoubleArray();
    }

    /** Row k of the transposed layout: the gradient of output element k with respect to {@code in}. */
    private static double[][] analyticalJacobian(Tensor out, Tensor in) {
        double[][] jac = new double[in.numel()][out.numel()];
        if (!out.requiresGrad()) return jac;
        for (int k = 0; k < out.numel(); k++) {
            double[] onehot = new double[out.numel()];
            onehot[k] = 1;
            Tensor go = Tensor.of(onehot, out.shape()).to(out.dtype());
            List<Tensor> gos = new ArrayList<>(1);
            gos.add(go);
            Tensor g = Autograd.grad(List.of(out), List.of(in), gos, true, false, true).get(0);
            if (g == null) continue;
            for (int j = 0; j < in.numel(); j++) jac[j][k] = g.getFlat(j);
        }
        return jac;
    }

    /** PyTorch's allclose: |a - n| <= atol + rtol |n| everywhere (NaN never close). */
    private static boolean allClose(double[][] a, double[][] n, double atol, double rtol) {
        for (int j = 0; j < a.length; j++) {
            for (int k = 0; k < a[j].length; k++) {
                double diff = Math.abs(a[j][k] - n[j][k]);
                if (!(diff <= atol + rtol * Math.abs(n[j][k])) && !(a[j][k] == n[j][k])) return false;
            }
        }
        return true;
    }

    private static Tensor asTensor(double[][] m, DType dtype) {
        int rows = m.length, cols = rows == 0 ? 0 : m[0].length;
        double[] flat = new double[rows * cols];
        for (int j = 0; j < rows; j++) System.arraycopy(m[j], 0, flat, j * cols, cols);
        return Tensor.of(flat, new int[]{rows, cols}).to(dtype);
    }
}
