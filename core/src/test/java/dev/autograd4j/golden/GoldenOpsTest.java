package dev.autograd4j.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.golden.GoldenFixture.Case;
import dev.autograd4j.golden.GoldenFixture.Fixture;
import dev.autograd4j.golden.GoldenFixture.TensorData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Forward values and gradients of every op against real PyTorch.
 *
 * <p>Fixtures: {@code golden/ops.json} (tools/golden/gen_ops.py) and {@code golden/edge.json}
 * (tools/golden/gen_edge.py, SPEC section 3), regenerated with
 * {@code /usr/bin/python3 tools/golden/gen_ops.py && /usr/bin/python3 tools/golden/gen_edge.py}.
 * Each case builds its leaves, applies the recorded view chain, calls the op (one switch below), compares the
 * output(s), runs {@code out.backward(gradOutput)} and compares each leaf's {@code grad()}.
 */
class GoldenOpsTest {

    @TestFactory
    Stream<DynamicNode> ops() { return fixture("/golden/ops.json"); }

    @TestFactory
    Stream<DynamicNode> edgeCases() { return fixture("/golden/edge.json"); }

    private static Stream<DynamicNode> fixture(String resource) {
        Fixture f = GoldenFixture.load(resource);
        Map<String, List<DynamicNode>> byOp = new LinkedHashMap<>();
        for (Case c : f.cases()) {
            byOp.computeIfAbsent(c.op(), k -> new ArrayList<>())
                    .add(DynamicTest.dynamicTest(c.id(), () -> check(c)));
        }
        return byOp.entrySet().stream()
                .map(e -> (DynamicNode) DynamicContainer.dynamicContainer(e.getKey(), e.getValue()));
    }

    // ------------------------------------------------------------------------------------------------------
    // one case
    // ------------------------------------------------------------------------------------------------------

    private static void check(Case c) {
        List<Tensor> leaves = new ArrayList<>();
        List<Tensor> viewed = new ArrayList<>();
        for (TensorData in : c.inputs()) {
            Tensor leaf = build(in);
            if (in.requiresGrad()) leaf.requiresGrad_();
            leaves.add(leaf);
            viewed.add(applyView(leaf, in.view()));
        }

        List<Tensor> outs = call(c.op(), c.args(), viewed);

        assertEquals(c.outputs().size(), outs.size(), c + ": number of outputs");
        for (int k = 0; k < outs.size(); k++) {
            assertTensor(c + " output " + k, c.outputs().get(k), outs.get(k), c.op());
        }

        if (c.gradOutput() == null) return;
        Tensor main = outs.get(0);
        main.backward(build(c.gradOutput(), main.dtype()));
        for (int k = 0; k < leaves.size(); k++) {
            TensorData expected = c.grads().get(k);
            if (expected == null) continue;
            Tensor grad = leaves.get(k).grad();
            assertNotNull(grad, c + ": grad of input " + k + " is null");
            assertTensor(c + " grad of input " + k, expected, grad, c.op());
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // the op switch: op name and args exactly as written by tools/golden/gen_ops.py / gen_edge.py
    // ------------------------------------------------------------------------------------------------------

    private static List<Tensor> call(String op, Map<String, Object> a, List<Tensor> in) {
        Tensor x = in.get(0);
        Tensor y = in.size() > 1 ? in.get(1) : null;
        return switch (op) {
            // elementwise binary
            case "add" -> one(y == null ? x.add(d(a, "other"))
                    : a.containsKey("alpha") ? x.add(y, d(a, "alpha")) : x.add(y));
            case "sub" -> one(y == null ? x.sub(d(a, "other"))
                    : a.containsKey("alpha") ? x.sub(y, d(a, "alpha")) : x.sub(y));
            case "mul" -> one(y == null ? x.mul(d(a, "other")) : x.mul(y));
            case "div" -> one(y == null ? x.div(d(a, "other")) : x.div(y));
            case "pow" -> one(y == null ? x.pow(d(a, "exponent")) : x.pow(y));
            case "rsub" -> one(x.rsub(d(a, "other")));
            case "rdiv" -> one(x.rdiv(d(a, "other")));
            case "rpow" -> one(x.rpow(d(a, "other")));
            case "maximum" -> one(x.maximum(y));
            case "minimum" -> one(x.minimum(y));
            case "atan2" -> one(x.atan2(y));
            case "xlogy" -> one(x.xlogy(y));
            case "clamp" -> one(x.clamp(d(a, "min"), d(a, "max")));
            case "clampMin" -> one(x.clampMin(d(a, "min")));
            case "clampMax" -> one(x.clampMax(d(a, "max")));
            case "where" -> one(Tensor.where(in.get(0), in.get(1), in.get(2)));
            // comparisons (bool results)
            case "gt" -> one(y == null ? x.gt(d(a, "other")) : x.gt(y));
            case "lt" -> one(y == null ? x.lt(d(a, "other")) : x.lt(y));
            case "ge" -> one(y == null ? x.ge(d(a, "other")) : x.ge(y));
            case "le" -> one(y == null ? x.le(d(a, "other")) : x.le(y));
            case "eq" -> one(y == null ? x.eq(d(a, "other")) : x.eq(y));
            case "ne" -> one(y == null ? x.ne(d(a, "other")) : x.ne(y));
            // elementwise unary
            case "neg" -> one(x.neg());
            case "exp" -> one(x.exp());
            case "log" -> one(x.log());
            case "sin" -> one(x.sin());
            case "cos" -> one(x.cos());
            case "tan" -> one(x.tan());
            case "tanh" -> one(x.tanh());
            case "sigmoid" -> one(x.sigmoid());
            case "relu" -> one(x.relu());
            case "sqrt" -> one(x.sqrt());
            case "abs" -> one(x.abs());
            case "sign" -> one(x.sign());
            case "floor" -> one(x.floor());
            case "ceil" -> one(x.ceil());
            case "round" -> one(x.round());
            case "leakyRelu" -> one(x.leakyRelu(d(a, "negativeSlope")));
            case "elu" -> one(x.elu(d(a, "alpha")));
            case "gelu" -> one(a.containsKey("approximate") ? x.gelu((String) a.get("approximate")) : x.gelu());
            case "silu" -> one(x.silu());
            case "softplus" -> one(x.softplus());
            case "hardtanh" -> one(x.hardtanh());
            case "relu6" -> one(x.relu6());
            case "log1p" -> one(x.log1p());
            case "expm1" -> one(x.expm1());
            case "log2" -> one(x.log2());
            case "rsqrt" -> one(x.rsqrt());
            case "reciprocal" -> one(x.reciprocal());
            case "square" -> one(x.square());
            case "asin" -> one(x.asin());
            case "acos" -> one(x.acos());
            case "atan" -> one(x.atan());
            case "sinh" -> one(x.sinh());
            case "cosh" -> one(x.cosh());
            case "erf" -> one(x.erf());
            // reductions
            case "sum" -> one(a.containsKey("dims") ? x.sum(ints(a, "dims"), bool(a, "keepdim")) : x.sum());
            case "mean" -> one(a.containsKey("dims") ? x.mean(ints(a, "dims"), bool(a, "keepdim")) : x.mean());
            case "prod" -> one(a.containsKey("dim") ? x.prod(i(a, "dim"), bool(a, "keepdim")) : x.prod());
            case "max" -> {
                if (!a.containsKey("dim")) yield one(x.max());
                var r = x.max(i(a, "dim"), bool(a, "keepdim"));
                yield List.of(r.values(), r.indices());
            }
            case "min" -> {
                if (!a.containsKey("dim")) yield one(x.min());
                var r = x.min(i(a, "dim"), bool(a, "keepdim"));
                yield List.of(r.values(), r.indices());
            }
            case "sort" -> {
                var r = x.sort(i(a, "dim"), bool(a, "descending"));
                yield List.of(r.values(), r.indices());
            }
            case "amax" -> one(x.amax(ints(a, "dims"), bool(a, "keepdim")));
            case "amin" -> one(x.amin(ints(a, "dims"), bool(a, "keepdim")));
            case "argmax" -> one(a.containsKey("dim") ? x.argmax(i(a, "dim"), bool(a, "keepdim")) : x.argmax());
            case "argmin" -> one(a.containsKey("dim") ? x.argmin(i(a, "dim"), bool(a, "keepdim")) : x.argmin());
            case "logsumexp" -> one(x.logsumexp(ints(a, "dims"), bool(a, "keepdim")));
            case "norm" -> one(!a.containsKey("p") ? x.norm()
                    : !a.containsKey("dims") ? x.norm(d(a, "p"))
                    : x.norm(d(a, "p"), ints(a, "dims"), bool(a, "keepdim")));
            case "var" -> one(a.containsKey("dims")
                    ? x.var(ints(a, "dims"), bool(a, "unbiased"), bool(a, "keepdim")) : x.var());
            case "std" -> one(a.containsKey("dims")
                    ? x.std(ints(a, "dims"), bool(a, "unbiased"), bool(a, "keepdim")) : x.std());
            case "softmax" -> one(x.softmax(i(a, "dim")));
            case "logSoftmax" -> one(x.logSoftmax(i(a, "dim")));
            case "cumsum" -> one(x.cumsum(i(a, "dim")));
            case "cumprod" -> one(x.cumprod(i(a, "dim")));
            // linear algebra
            case "matmul" -> one(x.matmul(y));
            case "mm" -> one(x.mm(y));
            case "bmm" -> one(x.bmm(y));
            case "mv" -> one(x.mv(y));
            case "dot" -> one(x.dot(y));
            case "outer" -> one(x.outer(y));
            case "trace" -> one(x.trace());
            // shapes and views
            case "view" -> one(x.view(ints(a, "shape")));
            case "reshape" -> one(x.reshape(ints(a, "shape")));
            case "t" -> one(x.t());
            case "transpose" -> one(x.transpose(i(a, "dim0"), i(a, "dim1")));
            case "permute" -> one(x.permute(ints(a, "dims")));
            case "expand" -> one(x.expand(ints(a, "sizes")));
            case "select" -> one(x.select(i(a, "dim"), i(a, "index")));
            case "slice" -> one(x.slice(i(a, "dim"), i(a, "start"), i(a, "end"), i(a, "step")));
            case "narrow" -> one(x.narrow(i(a, "dim"), i(a, "start"), i(a, "length")));
            case "squeeze" -> one(a.containsKey("dim") ? x.squeeze(i(a, "dim")) : x.squeeze());
            case "unsqueeze" -> one(x.unsqueeze(i(a, "dim")));
            case "flatten" -> one(a.containsKey("startDim") ? x.flatten(i(a, "startDim"), i(a, "endDim")) : x.flatten());
            case "contiguous" -> one(x.contiguous());
            case "clone" -> one(x.clone());
            case "cat" -> one(Tensor.cat(in, i(a, "dim")));
            case "stack" -> one(Tensor.stack(in, i(a, "dim")));
            case "repeat" -> one(x.repeat(ints(a, "repeats")));
            case "flip" -> one(x.flip(ints(a, "dims")));
            case "roll" -> one(x.roll(i(a, "shift"), i(a, "dim")));
            case "tril" -> one(x.tril(i(a, "diagonal")));
            case "triu" -> one(x.triu(i(a, "diagonal")));
            case "diagonal" -> one(x.diagonal());
            case "chunk" -> List.copyOf(x.chunk(i(a, "chunks"), i(a, "dim")));
            case "split" -> List.copyOf(x.split(i(a, "size"), i(a, "dim")));
            case "unbind" -> List.copyOf(x.unbind(i(a, "dim")));
            // indexing
            case "gather" -> one(x.gather(i(a, "dim"), y));
            case "indexSelect" -> one(x.indexSelect(i(a, "dim"), y));
            case "index" -> one(x.index(y));
            case "maskedFill" -> one(x.maskedFill(y, d(a, "value")));
            // composites of edge.json (documented in tools/golden/gen_edge.py)
            case "expr" -> one(expr((String) a.get("expr"), in));
            default -> throw new AssertionError("golden fixture uses an op this test does not know: " + op);
        };
    }

    private static Tensor expr(String name, List<Tensor> in) {
        Tensor x = in.get(0);
        return switch (name) {
            case "mulSelf" -> x.mul(x);
            case "divSelf" -> x.div(x);
            case "subSelf" -> x.sub(x);
            case "powSelf" -> x.pow(x);
            case "xlogySelf" -> x.xlogy(x);
            case "mulLog" -> x.mul(x.log());
            case "expLog" -> x.log().exp();
            case "logExp" -> x.exp().log();
            case "sqrtSumSquares" -> x.mul(x).sum().sqrt();
            case "sumTimesX" -> x.sum().mul(x);
            case "addOneSubSelf" -> x.add(1.0).sub(x);
            case "whereGt0Log" -> Tensor.where(x.gt(0.0), x.log(), in.get(1));
            case "whereGt0Sqrt" -> Tensor.where(x.gt(0.0), x.sqrt(), in.get(1));
            case "doubleWhereSqrt" -> {
                Tensor safe = Tensor.where(x.gt(0.0), x, in.get(1));
                yield Tensor.where(x.gt(0.0), safe.sqrt(), in.get(2));
            }
            default -> throw new AssertionError("unknown golden expr " + name);
        };
    }

    // ------------------------------------------------------------------------------------------------------
    // building tensors from fixture data
    // ------------------------------------------------------------------------------------------------------

    static Tensor build(TensorData t) {
        return build(t, dtypeOf(t.dtype()));
    }

    static Tensor build(TensorData t, DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> Tensor.of(t.floats(), t.shape());
            case FLOAT64 -> Tensor.of(t.doubles(), t.shape());
            case INT64 -> Tensor.of(t.longs(), t.shape());
            case BOOL -> {
                // The API has no boolean factory: build 0/1 floats and compare.
                boolean[] b = t.bools();
                float[] f = new float[b.length];
                for (int k = 0; k < b.length; k++) f[k] = b[k] ? 1f : 0f;
                yield Tensor.of(f, t.shape()).gt(0.5);
            }
        };
    }

    static Tensor applyView(Tensor t, List<Object> chain) {
        for (Object o : chain) {
            List<Object> v = GoldenFixture.asList(o);
            String kind = (String) v.get(0);
            t = switch (kind) {
                case "t" -> t.t();
                case "slice" -> t.slice(n(v, 1), n(v, 2), n(v, 3), n(v, 4));
                case "expand" -> t.expand(GoldenFixture.toInts(v.get(1)));
                case "transpose" -> t.transpose(n(v, 1), n(v, 2));
                case "select" -> t.select(n(v, 1), n(v, 2));
                case "permute" -> t.permute(GoldenFixture.toInts(v.get(1)));
                default -> throw new AssertionError("unknown view step " + kind);
            };
        }
        return t;
    }

    private static DType dtypeOf(String name) {
        return switch (name) {
            case "float32" -> DType.FLOAT32;
            case "float64" -> DType.FLOAT64;
            case "int64" -> DType.INT64;
            case "bool" -> DType.BOOL;
            default -> throw new AssertionError("unknown dtype " + name);
        };
    }

    // ------------------------------------------------------------------------------------------------------
    // comparison
    // ------------------------------------------------------------------------------------------------------

    /** Relative and absolute tolerance: |actual - expected| <= atol + rtol * |expected|. */
    record Tol(double rtol, double atol) { }

    /** Ops whose float32 results go through exp/log/trig/sqrt/pow or long reductions of them. */
    private static final Set<String> TRANSCENDENTAL = Set.of(
            "exp", "log", "sin", "cos", "tan", "tanh", "sigmoid", "sqrt", "rsqrt", "pow", "rpow", "log1p", "expm1",
            "log2", "asin", "acos", "atan", "atan2", "sinh", "cosh", "erf", "gelu", "silu", "softplus", "elu",
            "softmax", "logSoftmax", "logsumexp", "norm", "var", "std", "xlogy", "expr");

    /** Ops that accumulate (summation order may differ from PyTorch's). */
    private static final Set<String> ACCUMULATING = Set.of(
            "sum", "mean", "prod", "cumsum", "cumprod", "matmul", "mm", "bmm", "mv", "dot", "trace",
            "div", "rdiv", "reciprocal");

    /**
     * float32: rtol 1e-5 / atol 1e-6, looser for transcendental ops (rtol 1e-4, atol 1e-5, in the range of
     * PyTorch's OpInfo overrides) and a larger atol where summation order matters; float64: 1e-7 / 1e-7
     * (torch.testing's float64 default). Chosen per compared tensor, so a float32 grad of a mixed-dtype op
     * is held to float32 tolerances.
     */
    private static Tol tolerance(String op, DType dtype) {
        if (dtype == DType.FLOAT64) return new Tol(1e-7, 1e-7);
        if (TRANSCENDENTAL.contains(op)) return new Tol(1e-4, 1e-5);
        if (ACCUMULATING.contains(op)) return new Tol(1e-5, 1e-5);
        return new Tol(1e-5, 1e-6);
    }

    static void assertTensor(String what, TensorData expected, Tensor actual, String op) {
        assertNotNull(actual, what + " is null");
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        if (expected.dtype() != null) {
            assertEquals(dtypeOf(expected.dtype()), actual.dtype(), what + ": dtype");
        }
        switch (actual.dtype()) {
            case FLOAT32 -> {
                float[] got = actual.toFloatArray();
                double[] g = new double[got.length];
                for (int k = 0; k < got.length; k++) g[k] = got[k];
                assertClose(what, expected.doubles(), g, tolerance(op, DType.FLOAT32));
            }
            case FLOAT64 -> assertClose(what, expected.doubles(), actual.toDoubleArray(), tolerance(op, DType.FLOAT64));
            case INT64 -> assertArrayEquals(expected.longs(), actual.toLongArray(), what + ": values");
            case BOOL -> assertArrayEquals(expected.bools(), boolValues(actual), what + ": values");
        }
    }

    /** Reads a bool tensor through where(mask, 1, 0), which needs nothing beyond the op list. */
    private static boolean[] boolValues(Tensor mask) {
        int[] shape = mask.shape();
        int n = 1;
        for (int s : shape) n *= s;
        float[] ones = new float[n];
        Arrays.fill(ones, 1f);
        float[] f = Tensor.where(mask, Tensor.of(ones, shape), Tensor.of(new float[n], shape)).toFloatArray();
        boolean[] out = new boolean[n];
        for (int k = 0; k < n; k++) out[k] = f[k] != 0f;
        return out;
    }

    private static void assertClose(String what, double[] expected, double[] actual, Tol tol) {
        assertEquals(expected.length, actual.length, what + ": number of elements");
        for (int k = 0; k < expected.length; k++) {
            double e = expected[k];
            double g = actual[k];
            boolean ok;
            if (Double.isNaN(e)) ok = Double.isNaN(g);
            else if (Double.isInfinite(e)) ok = e == g;
            else ok = !Double.isNaN(g) && Math.abs(g - e) <= tol.atol() + tol.rtol() * Math.abs(e);
            if (!ok) {
                fail(what + ": element " + k + " expected " + e + " but was " + g
                        + " (rtol " + tol.rtol() + ", atol " + tol.atol() + ")\n  expected " + Arrays.toString(expected)
                        + "\n  actual   " + Arrays.toString(actual));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // argument helpers
    // ------------------------------------------------------------------------------------------------------

    private static List<Tensor> one(Tensor t) { return List.of(t); }

    private static double d(Map<String, Object> a, String k) { return GoldenFixture.toDouble(req(a, k)); }

    private static int i(Map<String, Object> a, String k) { return ((Number) req(a, k)).intValue(); }

    private static boolean bool(Map<String, Object> a, String k) { return (Boolean) req(a, k); }

    private static int[] ints(Map<String, Object> a, String k) { return GoldenFixture.toInts(req(a, k)); }

    private static int n(List<Object> v, int idx) { return ((Number) v.get(idx)).intValue(); }

    private static Object req(Map<String, Object> a, String k) {
        Object v = a.get(k);
        if (v == null) throw new AssertionError("golden case is missing argument '" + k + "' in " + a);
        return v;
    }
}
