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
    public record Options(double eps, double atol, double rtol, boolean raiseException) {
        /** The same options with another finite-difference step: {@code options().eps(1e-7)}. */
        public Options eps(double v) { return new Options(v, atol, rtol, raiseException); }
        /** The same options with another absolute tolerance: {@code options().atol(1e-4)}. */
        public Options atol(double v) { return new Options(eps, v, rtol, raiseException); }
        /** The same options with another relative tolerance: {@code options().rtol(1e-2)}. */
        public Options rtol(double v) { return new Options(eps, atol, v, raiseException); }
        /** Whether a mismatch throws {@link GradcheckError} (true) or returns false: {@code options().raiseException(false)}. */
        public Options raiseException(boolean v) { return new Options(eps, atol, rtol, v); }
    }

    /** PyTorch's defaults: {@code GradCheck.options()}. */
    public static Options options() { return new Options(1e-6, 1e-5, 1e-3, true); }

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
        List<Tensor> outputs = fn.apply(inputs);
        for (int o = 0; o < outputs.size(); o++) {
            Tensor out = outputs.get(o);
            if (out == null) continue;
            for (int i = 0; i < inputs.size(); i++) {
                Tensor in = inputs.get(i);
                if (in == null || !in.requiresGrad()) continue;
                double[][] numerical = numericalJacobian(fn, inputs, i, o, out.numel(), opts.eps());
                double[][] analytical = analyticalJacobian(out, in);
                if (!allClose(analytical, numerical, opts.atol(), opts.rtol())) {
                    if (!opts.raiseException()) return false;
                    throw new GradcheckError("Jacobian mismatch for output " + o + " with respect to input " + i + ",\n"
                            + "numerical:" + asTensor(numerical, in.dtype()) + "\n"
                            + "analytical:" + asTensor(analytical, in.dtype()) + "\n");
                }
            }
        }
        return true;
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
