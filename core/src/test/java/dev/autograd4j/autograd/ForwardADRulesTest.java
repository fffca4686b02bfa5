package dev.autograd4j.autograd;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.kernel.Kernels.UnaryOp;
import dev.autograd4j.ops.Dispatch;
import dev.autograd4j.ops.Op;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every JVP rule of {@link Derivatives#jvp} against reverse mode: for random float64 inputs x and tangents v, the
 * forward tangent of each output element k must equal sum_i (d out_k / d x_i) . v_i, the J.v assembled from one
 * {@link Autograd#grad} call per output element (so the two modes check each other, and both are independent
 * code). A coverage test fails when an {@link Op}, a unary function or a scalar kind has no case here.
 */
class ForwardADRulesTest {
    private record Spec(String name, int[][] shapes, double lo, double hi, Function<Tensor[], Tensor> f) {}

    private static final List<Spec> SPECS = new ArrayList<>();

    private static void spec(String name, Function<Tensor[], Tensor> f, int[]... shapes) { SPECS.add(new Spec(name, shapes, -2, 2, f)); }

    private static void positive(String name, Function<Tensor[], Tensor> f, int[]... shapes) { SPECS.add(new Spec(name, shapes, 0.3, 2, f)); }

    private static void unit(String name, Function<Tensor[], Tensor> f, int[]... shapes) { SPECS.add(new Spec(name, shapes, -0.9, 0.9, f)); }

    private static int[] s(int... d) { return d; }

    private static Tensor idx(long... v) { return Tensor.of(v); }

    static {
        int[] v3 = s(3), m23 = s(2, 3), m34 = s(3, 4);
        spec("add", a -> a[0].add(a[1], 2.5), m23, v3);
        spec("sub", a -> a[0].sub(a[1], 0.5), m23, m23);
        spec("mul", a -> a[0].mul(a[1]), m23, v3);
        positive("div", a -> a[0].div(a[1]), m23, m23);
        positive("pow", a -> a[0].pow(a[1]), m23, m23);
        spec("maximum", a -> a[0].maximum(a[1]), m23, m23);
        spec("minimum", a -> a[0].minimum(a[1]), m23, m23);
        spec("atan2", a -> Dispatch.apply(new Op.Atan2(), a[0], a[1]), m23, m23);
        positive("xlogy", a -> a[0].xlogy(a[1]), m23, m23);
        spec("where", a -> Tensor.where(Tensor.of(new boolean[]{true, false, true}), a[0], a[1]), m23, v3);
        for (Op.ScalarKind k : Op.ScalarKind.values()) {
            positive("scalar " + k, a -> Dispatch.apply(new Op.Scalar(k, 1.7), a[0]), m23);
        }
        for (UnaryOp u : UnaryOp.values()) {
            switch (u) {
                case LOG, SQRT, RSQRT, LOG2, RECIPROCAL -> positive("unary " + u, a -> Dispatch.apply(new Op.Unary(u), a[0]), m23);
                case ASIN, ACOS -> unit("unary " + u, a -> Dispatch.apply(new Op.Unary(u), a[0]), m23);
                default -> spec("unary " + u, a -> Dispatch.apply(new Op.Unary(u), a[0]), m23);
            }
        }
        spec("clamp", a -> a[0].clamp(-0.5, 0.7), m34);
        spec("clampMin", a -> a[0].clampMin(-0.5), m34);
        spec("leakyRelu", a -> a[0].leakyRelu(0.1), m34);
        spec("elu", a -> a[0].elu(1.3), m34);
        spec("gelu", a -> a[0].gelu(), m34);
        spec("gelu tanh", a -> a[0].gelu("tanh"), m34);
        spec("softplus", a -> a[0].softplus(2, 1), m34);
        spec("hardtanh", a -> a[0].hardtanh(-0.5, 0.8), m34);
        // The tangent passes through float32, as PyTorch's does; reverse mode's J.v here is exact.
        SPECS.add(new Spec("toCopy", new int[][]{m23}, -2, 2, a -> a[0].to(DType.FLOAT32).to(DType.FLOAT64)));
        spec("clone", a -> a[0].clone(), m23);
        spec("sum all", a -> a[0].sum(), m23);
        spec("sum dim", a -> a[0].sum(new int[]{1}, true), m23);
        spec("mean all", a -> a[0].mean(), m23);
        spec("mean dim", a -> a[0].mean(0), m23);
        spec("prod all", a -> a[0].prod(), m23);
        spec("prod dim", a -> a[0].prod(1, false), m23);
        spec("prod with a zero", a -> a[0].mul(Tensor.of(new double[]{1, 0, 1, 1, 1, 1}, new int[]{2, 3})).prod(1, true), m23);
        spec("max all", a -> a[0].max(), m23);
        spec("min all", a -> a[0].min(), m23);
        spec("max dim", a -> a[0].max(1).values(), m23);
        spec("min dim keepdim", a -> a[0].min(0, true).values(), m23);
        spec("amax", a -> a[0].amax(new int[]{1}, false), m23);
        spec("amin", a -> a[0].amin(new int[]{0}, true), m23);
        spec("logsumexp", a -> a[0].logsumexp(new int[]{1}, false), m23);
        spec("norm 2", a -> a[0].norm(), m23);
        spec("norm 3 dim", a -> a[0].norm(3, new int[]{1}, false), m23);
        spec("norm 1", a -> a[0].norm(1), m23);
        spec("var", a -> a[0].var(), m23);
        spec("std dim", a -> a[0].std(new int[]{1}, true, true), m23);
        spec("softmax", a -> a[0].softmax(1), m23);
        spec("logSoftmax", a -> a[0].logSoftmax(0), m23);
        spec("cumsum", a -> a[0].cumsum(1), m23);
        spec("cumprod", a -> a[0].cumprod(1), m23);
        spec("cumprod with a zero", a -> a[0].mul(Tensor.of(new double[]{1, 0, 1, 1, 1, 1}, new int[]{2, 3})).cumprod(1), m23);
        spec("mm", a -> a[0].mm(a[1]), m23, m34);
        spec("mv", a -> a[0].mv(a[1]), m23, v3);
        spec("dot", a -> a[0].dot(a[1]), v3, v3);
        spec("bmm", a -> a[0].bmm(a[1]), s(2, 2, 3), s(2, 3, 2));
        spec("addmm", a -> a[0].addmm(a[1], a[2]), s(4), m23, m34);
        spec("view", a -> a[0].view(3, 2), m23);
        spec("unsafeView", a -> a[0].t().reshape(6), m23);
        spec("transpose", a -> a[0].transpose(0, 1), m23);
        spec("permute", a -> a[0].permute(2, 0, 1), s(2, 3, 2));
        spec("expand", a -> a[0].expand(2, 3), v3);
        spec("select", a -> a[0].select(1, 2), m23);
        spec("slice", a -> a[0].slice(1, 0, 3, 2), m23);
        spec("squeeze", a -> a[0].squeeze(), s(2, 1, 3));
        spec("unsqueeze", a -> a[0].unsqueeze(1), m23);
        spec("asStrided", a -> a[0].asStrided(new int[]{2, 2}, new int[]{1, 2}, 1), m23);
        spec("cat", a -> Tensor.cat(List.of(a[0], a[1]), 0), m23, s(1, 3));
        spec("stack", a -> Tensor.stack(List.of(a[0], a[1]), 1), m23, m23);
        spec("gather", a -> a[0].gather(1, Tensor.of(new long[]{0, 0, 2, 1}, new int[]{2, 2})), m23);
        spec("indexSelect", a -> a[0].indexSelect(1, idx(2, 0, 2)), m23);
        spec("index", a -> a[0].index(idx(1, 1, 0)), m23);
        spec("maskedFill", a -> a[0].maskedFill(Tensor.of(new boolean[]{true, false, false}), 7), m23);
        spec("scatterAdd", a -> Dispatch.apply(new Op.ScatterAdd(1, Tensor.of(new long[]{0, 0, 2, 1}, new int[]{2, 2}), m23), a[0]), s(2, 2));
        spec("indexAdd", a -> Dispatch.apply(new Op.IndexAdd(0, idx(1, 1, 0), m23), a[0]), s(3, 3));
        // ---- issue 4: windows, padding, order statistics (the last op of each is the one checked) ----
        spec("im2col", a -> dev.autograd4j.nn.F.unfold(a[0], new int[]{2, 2}, new int[]{1, 1}, new int[]{1, 0}, new int[]{1, 2}), s(1, 2, 3, 4));
        spec("col2im", a -> dev.autograd4j.nn.F.fold(a[0], new int[]{3, 3}, new int[]{2, 2}, new int[]{1, 1}, new int[]{0, 0},
                new int[]{1, 1}), s(1, 4, 4));
        spec("convolution with bias", a -> dev.autograd4j.nn.F.conv2d(a[0], a[1], a[2], new int[]{1, 2}, new int[]{1, 1},
                new int[]{1, 1}, 1), s(2, 2, 4, 4), s(3, 2, 2, 2), s(3));
        spec("maxPool2d", a -> dev.autograd4j.nn.F.maxPool2d(a[0], 2), s(1, 2, 4, 4));
        spec("maxPool2d backward node", a -> Dispatch.apply(new Op.MaxPool2dBackward(new Op.MaxPool2d(new int[]{2, 2}, new int[]{2, 2},
                new int[]{0, 0}, new int[]{1, 1}), 2, 4), a[0], Tensor.of(new long[]{0, 3}, new int[]{1, 1, 1, 2})), s(1, 1, 1, 2));
        spec("constantPad", a -> dev.autograd4j.nn.F.pad(a[0], new int[]{1, -1, 2, 0}, 3.0), m23);
        spec("median dim (valuesAt)", a -> a[0].median(1, false).values(), m23);
        spec("unfold", a -> a[0].unfold(1, 2, 1), m23);
    }

    @TestFactory
    List<DynamicTest> forwardTangentEqualsJacobianTimesTangentFromReverseMode() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Spec sp : SPECS) tests.add(DynamicTest.dynamicTest(sp.name(), () -> check(sp)));
        return tests;
    }

    private static void check(Spec sp) {
        Random rnd = new Random(sp.name().hashCode());
        int n = sp.shapes().length;
        Tensor[] xs = new Tensor[n], vs = new Tensor[n];
        for (int i = 0; i < n; i++) {
            xs[i] = random(rnd, sp.shapes()[i], sp.lo(), sp.hi()).requiresGrad_();
            vs[i] = random(rnd, sp.shapes()[i], -1, 1);
        }
        Tensor forward;
        Tensor out;
        try (DualLevel level = ForwardAD.dualLevel()) {
            Tensor[] duals = new Tensor[n];
            for (int i = 0; i < n; i++) duals[i] = ForwardAD.makeDual(xs[i], vs[i]);
            out = sp.f().apply(duals);
            forward = ForwardAD.unpackDual(out).tangent();
        }
        assertNotNull(forward, sp.name() + ": no tangent");
        assertEquals(Arrays.toString(out.shape()), Arrays.toString(forward.shape()), sp.name() + ": tangent shape");
        double[] fw = forward.contiguous().toDoubleArray();
        for (int k = 0; k < out.numel(); k++) {
            double[] onehot = new double[out.numel()];
            onehot[k] = 1;
            List<Tensor> gs = Autograd.grad(List.of(out), Arrays.asList(xs), List.of(Tensor.of(onehot, out.shape())),
                    true, false, true);
            double jv = 0;
            for (int i = 0; i < n; i++) {
                if (gs.get(i) != null) jv += gs.get(i).mul(vs[i]).sum().item();
            }
            double tol = sp.name().equals("toCopy") ? 1e-6 : 1e-9;
            assertEquals(jv, fw[k], tol * (1 + Math.abs(jv)), sp.name() + ": element " + k);
        }
    }

    // ---- absent tangents and batched tangents (issue 5) ----

    /** With only input i dual, the tangent is J_i v_i: the other inputs' terms are absent, not zero-filled. */
    @TestFactory
    List<DynamicTest> oneDualInputAtATimeGivesThatInputsJacobianTimesTangent() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Spec sp : SPECS) {
            if (sp.shapes().length < 2) continue;
            for (int i = 0; i < sp.shapes().length; i++) {
                int only = i;
                tests.add(DynamicTest.dynamicTest(sp.name() + " dual input " + i, () -> checkOnly(sp, only)));
            }
        }
        return tests;
    }

    private static void checkOnly(Spec sp, int only) {
        Random rnd = new Random(sp.name().hashCode() + only);
        int n = sp.shapes().length;
        Tensor[] xs = new Tensor[n];
        for (int i = 0; i < n; i++) xs[i] = random(rnd, sp.shapes()[i], sp.lo(), sp.hi()).requiresGrad_();
        Tensor v = random(rnd, sp.shapes()[only], -1, 1);
        Tensor out, forward;
        try (DualLevel level = ForwardAD.dualLevel()) {
            Tensor[] in = xs.clone();
            in[only] = ForwardAD.makeDual(xs[only], v);
            out = sp.f().apply(in);
            forward = ForwardAD.unpackDual(out).tangent();
        }
        assertNotNull(forward, sp.name() + ": no tangent");
        double[] fw = forward.contiguous().toDoubleArray();
        for (int k = 0; k < out.numel(); k++) {
            double[] onehot = new double[out.numel()];
            onehot[k] = 1;
            Tensor g = Autograd.grad(List.of(out), List.of(xs[only]), List.of(Tensor.of(onehot, out.shape())),
                    true, false, true).get(0);
            double jv = g == null ? 0 : g.mul(v).sum().item();
            assertEquals(jv, fw[k], 1e-9 * (1 + Math.abs(jv)), sp.name() + ": element " + k);
        }
    }

    /** A batched level's tangent [B, *out] equals the B one-direction tangents stacked (elementwise and fallback). */
    @TestFactory
    List<DynamicTest> batchedTangentsEqualOneDirectionAtATime() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Spec sp : SPECS) tests.add(DynamicTest.dynamicTest(sp.name(), () -> checkBatched(sp)));
        return tests;
    }

    private static void checkBatched(Spec sp) {
        int batch = 3;
        Random rnd = new Random(sp.name().hashCode() + 7);
        int n = sp.shapes().length;
        Tensor[] xs = new Tensor[n], vs = new Tensor[n];
        for (int i = 0; i < n; i++) {
            xs[i] = random(rnd, sp.shapes()[i], sp.lo(), sp.hi());
            int[] bs = new int[sp.shapes()[i].length + 1];
            bs[0] = batch;
            System.arraycopy(sp.shapes()[i], 0, bs, 1, sp.shapes()[i].length);
            vs[i] = random(rnd, bs, -1, 1);
        }
        Tensor batched;
        try (DualLevel level = ForwardAD.batchedDualLevel(batch)) {
            Tensor[] duals = new Tensor[n];
            for (int i = 0; i < n; i++) duals[i] = ForwardAD.makeDual(xs[i], vs[i]);
            batched = ForwardAD.unpackDual(sp.f().apply(duals)).tangent();
        }
        assertNotNull(batched, sp.name() + ": no tangent");
        for (int b = 0; b < batch; b++) {
            Tensor one;
            try (DualLevel level = ForwardAD.dualLevel()) {
                Tensor[] duals = new Tensor[n];
                for (int i = 0; i < n; i++) duals[i] = ForwardAD.makeDual(xs[i], vs[i].select(0, b).contiguous());
                one = ForwardAD.unpackDual(sp.f().apply(duals)).tangent();
            }
            assertEquals(Arrays.toString(one.shape()), Arrays.toString(batched.select(0, b).shape()), sp.name());
            double[] e = one.contiguous().toDoubleArray(), a = batched.select(0, b).contiguous().toDoubleArray();
            for (int k = 0; k < e.length; k++) assertEquals(e[k], a[k], 1e-12 * (1 + Math.abs(e[k])), sp.name() + " direction " + b);
        }
    }

    private static Tensor random(Random rnd, int[] shape, double lo, double hi) {
        int numel = 1;
        for (int d : shape) numel *= d;
        double[] v = new double[numel];
        for (int i = 0; i < numel; i++) v[i] = lo + (hi - lo) * rnd.nextDouble();
        return Tensor.of(v, shape);
    }

    @Test
    void everyOpUnaryFunctionAndScalarKindHasARuleTestedHere() {
        Set<Class<?>> seen = new HashSet<>();
        Set<UnaryOp> unaries = EnumSet.noneOf(UnaryOp.class);
        Set<Op.ScalarKind> kinds = EnumSet.noneOf(Op.ScalarKind.class);
        for (Spec sp : SPECS) {
            Tensor[] xs = new Tensor[sp.shapes().length];
            for (int i = 0; i < xs.length; i++) xs[i] = random(new Random(1), sp.shapes()[i], sp.lo(), sp.hi()).requiresGrad_();
            Op op = ((OpNode) sp.f().apply(xs).gradFn()).op();
            seen.add(op.getClass());
            if (op instanceof Op.Unary u) unaries.add(u.fn());
            if (op instanceof Op.Scalar sc) kinds.add(sc.kind());
        }
        List<String> missing = new ArrayList<>();
        for (Class<?> c : allOps(Op.class)) if (!seen.contains(c)) missing.add(c.getSimpleName());
        for (UnaryOp u : UnaryOp.values()) if (!unaries.contains(u)) missing.add("Unary " + u);
        for (Op.ScalarKind k : Op.ScalarKind.values()) if (!kinds.contains(k)) missing.add("Scalar " + k);
        assertTrue(missing.isEmpty(), "ops without a JVP test: " + missing);
    }

    private static List<Class<?>> allOps(Class<?> sealed) {
        List<Class<?>> r = new ArrayList<>();
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            if (c.isSealed()) r.addAll(allOps(c));
            else r.add(c);
        }
        return r;
    }
}
