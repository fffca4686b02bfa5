package dev.autograd4j.autograd;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.kernel.Kernels.UnaryOp;
import dev.autograd4j.ops.Dispatch;
import dev.autograd4j.ops.Op;
import dev.autograd4j.nn.F;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The op table that {@link OpGradCheckTest} gradchecks (first and second order, float64): one spec per way an
 * {@link Op} is reached, with the input shapes and the input domain where the op is smooth.
 */
final class OpSpecs {
    private OpSpecs() {}

    /** Where the inputs are drawn from so the op is smooth near each of them (eps is 1e-6). */
    enum Domain {
        /** Standard normal. */
        ANY,
        /** In [0.5, 2]: log, sqrt, pow with a tensor exponent, division by the input. */
        POSITIVE,
        /** In [-0.8, 0.8]: asin, acos. */
        UNIT,
        /** At least 0.1 away from every multiple of 0.5: kinks of relu, abs, clamp, hardtanh, round, floor. */
        AWAY_FROM_HALVES,
        /** All values of all inputs at least 0.2 apart: max, min, sort-like ops need no ties. */
        DISTINCT,
        /** Distinct and positive (so |x| is distinct too): the infinity norm. */
        DISTINCT_POSITIVE;

        double[] sample(Random r, int n) {
            double[] v = new double[n];
            int[] perm = permutation(r, n);
            for (int i = 0; i < n; i++) {
                v[i] = switch (this) {
                    case ANY -> r.nextGaussian();
                    case POSITIVE -> 0.5 + 1.5 * r.nextDouble();
                    case UNIT -> -0.8 + 1.6 * r.nextDouble();
                    case AWAY_FROM_HALVES -> 0.5 * (r.nextInt(7) - 3 + 0.2 + 0.6 * r.nextDouble());
                    case DISTINCT -> 0.3 * perm[i] - 0.15 * n + 0.1 * r.nextDouble();
                    case DISTINCT_POSITIVE -> 0.3 * perm[i] + 0.5 + 0.1 * r.nextDouble();
                };
            }
            return v;
        }

        private static int[] permutation(Random r, int n) {
            int[] p = new int[n];
            for (int i = 0; i < n; i++) p[i] = i;
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = p[i]; p[i] = p[j]; p[j] = t;
            }
            return p;
        }
    }

    /** One row of the table: gradcheck {@code fn} at float64 inputs of these shapes drawn from the domain. */
    record OpSpec(String name, List<int[]> shapes, Domain domain, Function<List<Tensor>, Tensor> fn) {
        /** Fresh float64 leaves requiring grad (the domain is sampled jointly over all inputs). */
        List<Tensor> inputs(long seed) {
            Random r = new Random(seed);
            int total = 0;
            for (int[] s : shapes) total += numel(s);
            double[] all = domain.sample(r, total);
            List<Tensor> ins = new ArrayList<>();
            int at = 0;
            for (int[] s : shapes) {
                double[] v = new double[numel(s)];
                System.arraycopy(all, at, v, 0, v.length);
                at += v.length;
                ins.add(Tensor.of(v, s).requiresGrad_());
            }
            return ins;
        }

        @Override public String toString() { return name; }

        private static int numel(int[] s) {
            int n = 1;
            for (int d : s) n *= d;
            return n;
        }
    }

    private static int[] s(int... shape) { return shape; }

    private static OpSpec spec(String name, Domain d, Function<List<Tensor>, Tensor> fn, int[]... shapes) {
        return new OpSpec(name, List.of(shapes), d, fn);
    }

    private static Tensor idx(long... v) { return Tensor.of(v); }

    private static Tensor mask(int rows, int cols, boolean... v) { return Tensor.of(v).reshape(rows, cols); }

    /** The whole table. */
    static List<OpSpec> all() {
        List<OpSpec> t = new ArrayList<>();
        Domain any = Domain.ANY, pos = Domain.POSITIVE, halves = Domain.AWAY_FROM_HALVES, distinct = Domain.DISTINCT;

        // ---- binary elementwise (with broadcasting) ----
        t.add(spec("add alpha broadcast", any, x -> x.get(0).add(x.get(1), 2.0), s(2, 3), s(3)));
        t.add(spec("sub alpha broadcast", any, x -> x.get(0).sub(x.get(1), 0.5), s(2, 1), s(3)));
        t.add(spec("mul broadcast", any, x -> x.get(0).mul(x.get(1)), s(2, 3), s(2, 1)));
        t.add(spec("div", pos, x -> x.get(0).div(x.get(1)), s(2, 3), s(3)));
        t.add(spec("pow tensor exponent", pos, x -> x.get(0).pow(x.get(1)), s(2, 2), s(2, 2)));
        t.add(spec("maximum", distinct, x -> x.get(0).maximum(x.get(1)), s(2, 3), s(2, 3)));
        t.add(spec("minimum", distinct, x -> x.get(0).minimum(x.get(1)), s(2, 3), s(3)));
        t.add(spec("clamp with tensor bounds", distinct, x -> x.get(0).clamp(x.get(1), x.get(2)), s(4), s(4), s(4)));
        t.add(spec("atan2", pos, x -> x.get(0).atan2(x.get(1).neg()), s(2, 2), s(2, 2)));
        t.add(spec("xlogy", pos, x -> x.get(0).xlogy(x.get(1)), s(2, 2), s(2, 2)));
        t.add(spec("where", any, x -> Tensor.where(mask(2, 2, true, false, false, true), x.get(0), x.get(1)), s(2, 2), s(2)));

        // ---- tensor with Java scalar: one per ScalarKind ----
        t.add(spec("add scalar", any, x -> x.get(0).add(2.5), s(2, 3)));
        t.add(spec("sub scalar", any, x -> x.get(0).sub(2.5), s(2, 3)));
        t.add(spec("mul scalar", any, x -> x.get(0).mul(2.5), s(2, 3)));
        t.add(spec("div scalar", any, x -> x.get(0).div(2.5), s(2, 3)));
        t.add(spec("rsub scalar", any, x -> x.get(0).rsub(2.5), s(2, 3)));
        t.add(spec("rdiv scalar (reciprocal times s)", pos, x -> x.get(0).rdiv(2.5), s(2, 3)));
        t.add(spec("rdiv scalar primitive", pos, x -> Dispatch.apply(new Op.Scalar(Op.ScalarKind.RDIV, 2.5), x.get(0)), s(2, 3)));
        t.add(spec("pow scalar 3", any, x -> x.get(0).pow(3), s(2, 3)));
        t.add(spec("pow scalar 2.5", pos, x -> x.get(0).pow(2.5), s(2, 3)));
        t.add(spec("pow scalar 0", any, x -> x.get(0).pow(0), s(2, 3)));
        t.add(spec("rpow scalar", any, x -> x.get(0).rpow(2), s(2, 3)));

        // ---- unary: one per UnaryOp ----
        for (UnaryOp u : UnaryOp.values()) {
            Domain d = switch (u) {
                case LOG, SQRT, RSQRT, LOG2, RECIPROCAL, LOG1P -> pos;
                case ASIN, ACOS -> Domain.UNIT;
                case RELU, ABS, SIGN, FLOOR, CEIL, ROUND -> halves;
                default -> any;
            };
            t.add(spec("unary " + u.name().toLowerCase(), d, x -> Dispatch.apply(new Op.Unary(u), x.get(0)), s(2, 3)));
        }
        t.add(spec("silu", any, x -> x.get(0).silu(), s(5)));

        // ---- activations with parameters ----
        t.add(spec("clamp", halves, x -> x.get(0).clamp(-0.5, 0.5), s(2, 4)));
        t.add(spec("clampMin", halves, x -> x.get(0).clampMin(-0.5), s(2, 4)));
        t.add(spec("clampMax", halves, x -> x.get(0).clampMax(0.5), s(2, 4)));
        t.add(spec("leakyRelu", halves, x -> x.get(0).leakyRelu(0.1), s(2, 4)));
        t.add(spec("elu", halves, x -> x.get(0).elu(1.5), s(2, 4)));
        t.add(spec("gelu exact", any, x -> x.get(0).gelu(), s(2, 3)));
        t.add(spec("gelu tanh", any, x -> x.get(0).gelu("tanh"), s(2, 3)));
        t.add(spec("softplus", any, x -> x.get(0).softplus(2, 20), s(2, 3)));
        t.add(spec("softplus linear region", halves, x -> x.get(0).softplus(1, 0.25), s(2, 4)));
        t.add(spec("hardtanh", halves, x -> x.get(0).hardtanh(), s(2, 4)));
        t.add(spec("toCopy", any, x -> Dispatch.apply(new Op.ToCopy(DType.FLOAT64), x.get(0)), s(2, 3)));
        t.add(spec("clone", any, x -> x.get(0).clone(), s(2, 3)));

        // ---- reductions ----
        t.add(spec("sum all", any, x -> x.get(0).sum(), s(2, 3)));
        t.add(spec("sum dims", any, x -> x.get(0).sum(new int[]{0, 2}, false), s(2, 2, 2)));
        t.add(spec("mean all", any, x -> x.get(0).mean(), s(2, 3)));
        t.add(spec("mean dim keepdim", any, x -> x.get(0).mean(1, true), s(2, 3)));
        t.add(spec("prod all", any, x -> x.get(0).prod(), s(2, 3)));
        t.add(spec("prod dim", any, x -> x.get(0).prod(1, false), s(2, 3)));
        t.add(spec("prod with a zero", any, x -> x.get(0).mul(Tensor.of(1.0, 0.0, 1.0)).prod(), s(3)));
        t.add(spec("max all", distinct, x -> x.get(0).max(), s(2, 3)));
        t.add(spec("min all", distinct, x -> x.get(0).min(), s(2, 3)));
        t.add(spec("max dim", distinct, x -> x.get(0).max(1).values(), s(2, 3)));
        t.add(spec("min dim keepdim", distinct, x -> x.get(0).min(0, true).values(), s(2, 3)));
        t.add(spec("amax", distinct, x -> x.get(0).amax(1), s(2, 3)));
        t.add(spec("amin", distinct, x -> x.get(0).amin(new int[]{0, 1}, true), s(2, 3)));
        t.add(spec("logsumexp", any, x -> x.get(0).logsumexp(1), s(2, 3)));
        t.add(spec("norm 2", any, x -> x.get(0).norm(), s(2, 3)));
        t.add(spec("norm 1 dim", halves, x -> x.get(0).norm(1, new int[]{1}, false), s(2, 3)));
        t.add(spec("norm 3", any, x -> x.get(0).norm(3), s(2, 3)));
        t.add(spec("norm inf", Domain.DISTINCT_POSITIVE, x -> x.get(0).norm(Double.POSITIVE_INFINITY), s(2, 3)));
        t.add(spec("var unbiased", any, x -> x.get(0).var(), s(2, 3)));
        t.add(spec("var biased dim", any, x -> x.get(0).var(new int[]{1}, false, true), s(2, 3)));
        t.add(spec("std", any, x -> x.get(0).std(), s(2, 3)));
        t.add(spec("std dim", any, x -> x.get(0).std(new int[]{0}, true, false), s(3, 2)));
        t.add(spec("softmax", any, x -> x.get(0).softmax(1), s(2, 3)));
        t.add(spec("logSoftmax", any, x -> x.get(0).logSoftmax(0), s(2, 3)));
        t.add(spec("cumsum", any, x -> x.get(0).cumsum(1), s(2, 3)));
        t.add(spec("cumprod", any, x -> x.get(0).cumprod(1), s(2, 3)));
        t.add(spec("cumprod with a zero", any, x -> x.get(0).mul(Tensor.of(1.0, 0.0, 1.0, 1.0)).cumprod(0), s(4)));

        // ---- linear algebra ----
        t.add(spec("mm", any, x -> x.get(0).mm(x.get(1)), s(2, 3), s(3, 2)));
        t.add(spec("mv", any, x -> x.get(0).mv(x.get(1)), s(2, 3), s(3)));
        t.add(spec("dot", any, x -> x.get(0).dot(x.get(1)), s(3), s(3)));
        t.add(spec("bmm", any, x -> x.get(0).bmm(x.get(1)), s(2, 2, 3), s(2, 3, 2)));
        t.add(spec("addmm", any, x -> x.get(0).addmm(x.get(1), x.get(2)), s(2), s(3, 2), s(2, 2)));
        t.add(spec("matmul batched broadcast", any, x -> x.get(0).matmul(x.get(1)), s(2, 2, 3), s(3, 2)));

        // ---- views ----
        t.add(spec("view", any, x -> x.get(0).view(3, 2), s(2, 3)));
        t.add(spec("reshape copy (unsafe view)", any, x -> x.get(0).t().reshape(-1), s(2, 3)));
        t.add(spec("transpose", any, x -> x.get(0).transpose(0, 2), s(2, 1, 3)));
        t.add(spec("t", any, x -> x.get(0).t(), s(2, 3)));
        t.add(spec("permute", any, x -> x.get(0).permute(2, 0, 1), s(2, 1, 3)));
        t.add(spec("expand", any, x -> x.get(0).expand(2, 3, 3), s(3, 1)));
        t.add(spec("select", any, x -> x.get(0).select(1, -1), s(2, 3)));
        t.add(spec("slice step 2", any, x -> x.get(0).slice(1, 0, 5, 2), s(2, 5)));
        t.add(spec("squeeze all", any, x -> x.get(0).squeeze(), s(2, 1, 3)));
        t.add(spec("squeeze dim", any, x -> x.get(0).squeeze(1), s(2, 1, 3)));
        t.add(spec("unsqueeze", any, x -> x.get(0).unsqueeze(1), s(2, 3)));
        t.add(spec("asStrided overlapping", any, x -> x.get(0).asStrided(new int[]{2, 2}, new int[]{1, 2}, 1), s(2, 3)));
        t.add(spec("in-place write through a view of a clone (CopySlices)", any, x -> {
            Tensor y = x.get(0).clone();
            y.select(0, 1).mul_(x.get(1));
            return y;
        }, s(2, 3), s(3)));

        // ---- joining and indexing ----
        t.add(spec("cat", any, x -> Tensor.cat(List.of(x.get(0), x.get(1)), 1), s(2, 1), s(2, 3)));
        t.add(spec("stack", any, x -> Tensor.stack(List.of(x.get(0), x.get(1)), 1), s(2, 3), s(2, 3)));
        t.add(spec("gather", any, x -> x.get(0).gather(1, Tensor.of(new long[]{0, 0, 2, 1}, new int[]{2, 2})), s(2, 3)));
        t.add(spec("indexSelect duplicates", any, x -> x.get(0).indexSelect(1, idx(2, 0, 2)), s(2, 3)));
        t.add(spec("index duplicates", any, x -> x.get(0).index(idx(1, 1, 0)), s(2, 3)));
        t.add(spec("index bool mask", any, x -> x.get(0).index(mask(2, 2, true, false, true, true)), s(2, 2)));
        t.add(spec("maskedFill", any, x -> x.get(0).maskedFill(mask(2, 2, true, false, false, true), 3.0), s(2, 2)));
        t.add(spec("scatterAdd", any, x -> Dispatch.apply(
                new Op.ScatterAdd(1, Tensor.of(new long[]{0, 0, 2, 1}, new int[]{2, 2}), new int[]{2, 3}), x.get(0)), s(2, 2)));
        t.add(spec("indexAdd", any, x -> Dispatch.apply(new Op.IndexAdd(0, idx(1, 1, 0), new int[]{2, 3}), x.get(0)), s(3, 3)));

        // ---- composites of the primitives above (issue 4's list): checked too, as users call them ----
        t.add(spec("relu6", halves, x -> x.get(0).relu6(), s(2, 4)));
        t.add(spec("outer", any, x -> x.get(0).outer(x.get(1)), s(3), s(2)));
        t.add(spec("trace", any, x -> x.get(0).trace(), s(3, 3)));
        t.add(spec("flip", any, x -> x.get(0).flip(0, 1), s(2, 3)));
        t.add(spec("roll", any, x -> x.get(0).roll(1, 1), s(2, 3)));
        t.add(spec("repeat", any, x -> x.get(0).repeat(2, 1, 2), s(2, 3)));
        t.add(spec("tile", any, x -> x.get(0).tile(2), s(2, 3)));
        t.add(spec("chunk", any, x -> x.get(0).chunk(2, 1).get(1), s(2, 4)));
        t.add(spec("split", any, x -> x.get(0).split(2, 0).get(0).mul(x.get(0).split(2, 0).get(1).sum()), s(4, 2)));
        t.add(spec("unbind", any, x -> x.get(0).unbind(1).get(2), s(2, 3)));
        t.add(spec("tril", any, x -> x.get(0).tril(0), s(3, 3)));
        t.add(spec("triu", any, x -> x.get(0).triu(1), s(3, 3)));
        t.add(spec("diagonal", any, x -> x.get(0).diagonal(), s(3, 3)));
        t.add(spec("sort values", distinct, x -> x.get(0).sort(1, true).values(), s(2, 3)));
        t.add(spec("topk values", distinct, x -> x.get(0).topk(2, 1, true).values(), s(2, 4)));
        t.add(spec("maskedSelect", any, x -> x.get(0).maskedSelect(x.get(0).detach().gt(0)), s(2, 3)));
        t.add(spec("flatten", any, x -> x.get(0).flatten(0, 1), s(2, 3, 1)));
        addWindowsAndLayers(t);
        return t;
    }

    // ---- issue 4: windows (im2col / col2im / convolution / pooling), padding, order statistics, einsum, nn layers, losses ----
    private static void addWindowsAndLayers(List<OpSpec> t) {
        Domain any = Domain.ANY, halves = Domain.AWAY_FROM_HALVES, distinct = Domain.DISTINCT;
        t.add(spec("unfold F (im2col) stride padding dilation", any,
                x -> F.unfold(x.get(0), new int[]{2, 3}, new int[]{1, 2}, new int[]{1, 1}, new int[]{2, 1}), s(2, 2, 4, 5)));
        t.add(spec("fold F (col2im) overlapping", any,
                x -> F.fold(x.get(0), new int[]{4, 4}, new int[]{2, 2}, new int[]{1, 1}, new int[]{0, 0}, new int[]{1, 1}), s(1, 8, 9)));
        t.add(spec("conv2d stride padding dilation bias", any, x -> F.conv2d(x.get(0), x.get(1), x.get(2),
                new int[]{2, 1}, new int[]{1, 0}, new int[]{1, 2}, 1), s(2, 2, 5, 5), s(3, 2, 3, 2), s(3)));
        t.add(spec("conv2d groups no bias", any, x -> F.conv2d(x.get(0), x.get(1), null,
                new int[]{1, 1}, new int[]{1, 1}, new int[]{1, 1}, 2), s(1, 4, 3, 3), s(4, 2, 2, 2)));
        t.add(spec("conv2d unbatched", any, x -> F.conv2d(x.get(0), x.get(1), x.get(2)), s(1, 4, 4), s(2, 1, 3, 3), s(2)));
        t.add(spec("conv1d stride padding dilation groups", any, x -> F.conv1d(x.get(0), x.get(1), x.get(2), 2, 1, 2, 2),
                s(2, 4, 7), s(2, 2, 2), s(2)));
        t.add(spec("maxPool2d padding stride", distinct, x -> F.maxPool2d(x.get(0), new int[]{3, 3}, new int[]{2, 2},
                new int[]{1, 1}, new int[]{1, 1}), s(1, 2, 5, 5)));
        t.add(spec("maxPool2d dilation unbatched", distinct, x -> F.maxPool2d(x.get(0), new int[]{2, 2}, new int[]{1, 2},
                new int[]{0, 0}, new int[]{2, 1}), s(2, 4, 5)));
        t.add(spec("maxPool2d backward node (double backward)", any, x -> Dispatch.apply(new Op.MaxPool2dBackward(
                new Op.MaxPool2d(new int[]{2, 2}, new int[]{2, 2}, new int[]{0, 0}, new int[]{1, 1}), 4, 4), x.get(0),
                Tensor.of(new long[]{0, 3, 9, 15, 4, 6, 13, 10}, new int[]{1, 2, 2, 2})), s(1, 2, 2, 2)));
        t.add(spec("avgPool2d padding stride", any, x -> F.avgPool2d(x.get(0), new int[]{3, 2}, new int[]{2, 1},
                new int[]{1, 1}), s(2, 2, 5, 4)));
        t.add(spec("adaptiveAvgPool2d", any, x -> F.adaptiveAvgPool2d(x.get(0), 2, 3), s(1, 2, 5, 4)));
        t.add(spec("pad constant with crop", any, x -> F.pad(x.get(0), new int[]{1, 2, -1, 1}, 0.5), s(2, 3, 4)));
        t.add(spec("pad constant non-contiguous", any, x -> F.pad(x.get(0).t(), new int[]{2, 0}, 0), s(3, 2)));
        t.add(spec("median all", distinct, x -> x.get(0).median(), s(2, 3)));
        t.add(spec("median dim", distinct, x -> x.get(0).median(1, false).values(), s(3, 4)));
        t.add(spec("kthvalue keepdim", distinct, x -> x.get(0).kthvalue(2, 0, true).values(), s(3, 4)));
        t.add(spec("sort descending", distinct, x -> x.get(0).sort(0, true).values(), s(3, 2)));
        t.add(spec("unfold Tensor overlapping", any, x -> x.get(0).unfold(1, 3, 1), s(2, 5)));
        t.add(spec("unfold Tensor step", any, x -> x.get(0).unfold(0, 2, 2), s(5, 2)));
        t.add(spec("einsum bmm", any, x -> Tensor.einsum("bij,bjk->bik", x.get(0), x.get(1)), s(2, 2, 3), s(2, 3, 2)));
        t.add(spec("einsum transposed contraction", any, x -> Tensor.einsum("ij,kj->ik", x.get(0), x.get(1)), s(2, 3), s(4, 3)));
        t.add(spec("einsum outer", any, x -> Tensor.einsum("i,j->ij", x.get(0), x.get(1)), s(3), s(2)));
        t.add(spec("einsum rowwise dot", any, x -> Tensor.einsum("ij,ij->i", x.get(0), x.get(1)), s(2, 3), s(2, 3)));
        t.add(spec("einsum transpose and sum", any, x -> Tensor.einsum("ijk->kj", x.get(0)), s(2, 3, 2)));
        t.add(spec("diag of vector", any, x -> x.get(0).diag(), s(3)));
        t.add(spec("diag of matrix", any, x -> x.get(0).diag(), s(3, 4)));

        // ---- nn functional layers and losses (composites; their gradients come from the primitives above) ----
        t.add(spec("linear 3-D input", any, x -> F.linear(x.get(0), x.get(1), x.get(2)), s(2, 2, 3), s(4, 3), s(4)));
        t.add(spec("batchNorm train", any, x -> F.batchNorm(x.get(0), null, null, x.get(1), x.get(2), true, 0.1, 1e-5),
                s(4, 3), s(3), s(3)));
        t.add(spec("batchNorm eval", any, x -> F.batchNorm(x.get(0), Tensor.of(0.1, -0.2, 0.3).to(DType.FLOAT64),
                Tensor.of(1.5, 0.5, 2.0).to(DType.FLOAT64), x.get(1), x.get(2), false, 0.1, 1e-5), s(2, 3, 2), s(3), s(3)));
        t.add(spec("layerNorm", any, x -> F.layerNorm(x.get(0), new int[]{4}, x.get(1), x.get(2), 1e-5), s(2, 3, 4), s(4), s(4)));
        t.add(spec("groupNorm", any, x -> F.groupNorm(x.get(0), 2, x.get(1), x.get(2), 1e-5), s(2, 4, 3), s(4), s(4)));
        t.add(spec("dropout (fixed seed)", any, x -> {
            Tensor.manualSeed(3);
            return F.dropout(x.get(0), 0.4, true);
        }, s(3, 4)));
        // (paddingIdx is left out: its zero gradient for the padding row is by definition not the finite difference)
        t.add(spec("embedding repeated ids", any, x -> F.embedding(Tensor.of(new long[]{1, 4, 1, 0}, new int[]{2, 2}), x.get(0), null),
                s(5, 3)));
        t.add(spec("mseLoss", any, x -> F.mseLoss(x.get(0), x.get(1)), s(2, 3), s(2, 3)));
        t.add(spec("l1Loss sum", any, x -> F.l1Loss(x.get(0), x.get(1), "sum"), s(2, 3), s(2, 3)));
        t.add(spec("smoothL1Loss beta", any, x -> F.smoothL1Loss(x.get(0), x.get(1), "mean", 0.5), s(2, 3), s(2, 3)));
        t.add(spec("huberLoss delta", any, x -> F.huberLoss(x.get(0), x.get(1), "none", 0.7), s(2, 3), s(2, 3)));
        t.add(spec("nllLoss weight ignoreIndex", any, x -> F.nllLoss(x.get(0).logSoftmax(1), idx(0, 2, 1),
                Tensor.of(0.5, 1.0, 2.0, 1.5).to(DType.FLOAT64), 1, "mean"), s(3, 4)));
        t.add(spec("crossEntropy weight ignoreIndex labelSmoothing", any, x -> F.crossEntropy(x.get(0), idx(0, 2, 1, 3),
                Tensor.of(0.5, 1.0, 2.0, 1.5).to(DType.FLOAT64), 2, "mean", 0.1), s(4, 4)));
        t.add(spec("crossEntropy spatial sum", any, x -> F.crossEntropy(x.get(0),
                Tensor.of(new long[]{0, 2, 1, 1}, new int[]{1, 2, 2}), "sum"), s(1, 3, 2, 2)));
        t.add(spec("binaryCrossEntropy weight", any, x -> F.binaryCrossEntropy(x.get(0).sigmoid(),
                Tensor.of(0.0, 1.0, 0.3, 0.8).to(DType.FLOAT64), Tensor.of(1.0, 2.0, 0.5, 1.0).to(DType.FLOAT64), "mean"), s(4)));
        t.add(spec("binaryCrossEntropyWithLogits posWeight", any, x -> F.binaryCrossEntropyWithLogits(x.get(0),
                Tensor.of(0.0, 1.0, 0.3, 0.8, 1.0, 0.0).to(DType.FLOAT64).reshape(2, 3), null,
                x.get(1).exp(), "mean"), s(2, 3), s(3)));
        t.add(spec("klDiv batchmean", any, x -> F.klDiv(x.get(0).logSoftmax(1), x.get(1).softmax(1), "batchmean", false),
                s(2, 3), s(2, 3)));
        t.add(spec("klDiv logTarget", any, x -> F.klDiv(x.get(0), x.get(1).logSoftmax(1), "sum", true), s(2, 3), s(2, 3)));
    }
}
