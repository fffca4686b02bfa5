package dev.autograd4j.ops;

import dev.autograd4j.Tensor;
import dev.autograd4j.kernel.Kernels.BinaryOp;
import dev.autograd4j.kernel.ScalarMath;
import dev.autograd4j.tensor.Shapes;

/** The forward computation of every {@link Op}, one exhaustive switch. Records nothing: see {@link Dispatch}. */
final class Forward {
    private Forward() {}

    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

    static Tensor compute(Op op, Tensor[] in) {
        Tensor x = in[0];
        return switch (op) {
            case Op.Add a -> a.alpha() == 1 ? Elementwise.binary(BinaryOp.ADD, x, in[1])
                    : Elementwise.binary(BinaryOp.ADD, x, Elementwise.scalar(Op.ScalarKind.MUL, in[1], a.alpha()));
            case Op.Sub s -> s.alpha() == 1 ? Elementwise.binary(BinaryOp.SUB, x, in[1])
                    : Elementwise.binary(BinaryOp.SUB, x, Elementwise.scalar(Op.ScalarKind.MUL, in[1], s.alpha()));
            case Op.Mul m -> Elementwise.binary(BinaryOp.MUL, x, in[1]);
            case Op.Div d -> Elementwise.binary(BinaryOp.DIV, x, in[1]);
            case Op.Pow p -> Elementwise.binary(BinaryOp.POW, x, in[1]);
            case Op.Maximum m -> Elementwise.binary(BinaryOp.MAXIMUM, x, in[1]);
            case Op.Minimum m -> Elementwise.binary(BinaryOp.MINIMUM, x, in[1]);
            case Op.Atan2 a -> Elementwise.binary(BinaryOp.ATAN2, x, in[1]);
            case Op.Xlogy l -> Elementwise.zip(x, in[1], Elementwise.floatResultType(x, in[1]),
                    (a, b) -> a == 0 && !Double.isNaN(b) ? 0 : a * Math.log(b));
            case Op.Where w -> Elementwise.where(w.cond(), x, in[1]);
            case Op.Scalar s -> Elementwise.scalar(s.kind(), x, s.s());
            case Op.Unary u -> Elementwise.unary(u.fn(), x);
            case Op.Clamp c -> {
                double lo = c.min() == null ? Double.NEGATIVE_INFINITY : c.min();
                double hi = c.max() == null ? Double.POSITIVE_INFINITY : c.max();
                yield Elementwise.map(x, v -> Double.isNaN(v) ? v : Math.min(Math.max(v, lo), hi));
            }
            case Op.LeakyRelu l -> Elementwise.map(x, v -> v > 0 ? v : v * l.negativeSlope());
            case Op.Elu e -> Elementwise.map(x, v -> v > 0 ? v : e.alpha() * Math.expm1(v));
            case Op.Gelu g -> g.tanh()
                    ? Elementwise.map(x, v -> 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v))))
                    : Elementwise.map(x, v -> 0.5 * v * (1 + ScalarMath.erf(v / Math.sqrt(2))));
            case Op.Softplus s -> Elementwise.map(x, v -> v * s.beta() > s.threshold() ? v : Math.log1p(Math.exp(v * s.beta())) / s.beta());
            case Op.Hardtanh h -> Elementwise.map(x, v -> Double.isNaN(v) ? v : Math.min(Math.max(v, h.min()), h.max()));
            case Op.ToCopy t -> x.dtype() == t.dtype() ? Elementwise.contiguousCopy(x) : Elementwise.cast(x, t.dtype());
            case Op.Clone c -> Elementwise.contiguousCopy(x);
            case Op.Sum s -> Reduce.reduce(x, s.dims(), s.keepdim(), Reduce.Kind.SUM);
            case Op.Mean m -> Reduce.mean(x, m.dims(), m.keepdim());
            case Op.Prod p -> Reduce.reduce(x, p.dim() == null ? null : new int[]{p.dim()}, p.keepdim(), Reduce.Kind.PROD);
            case Op.ExtremumAll e -> Reduce.reduce(x, null, false, e.max() ? Reduce.Kind.MAX : Reduce.Kind.MIN);
            case Op.ExtremumDim e -> {
                Tensor v = Indexing.gather(x.dim() == 0 ? x.viewOf(new int[]{1}, new int[]{1}, x.storageOffset()) : x, e.dim(), in[1]);
                if (x.dim() == 0) yield v.viewOf(new int[0], new int[0], 0);
                yield e.keepdim() ? v : v.viewOf(Views.remove(v.shape(), e.dim()), Views.remove(v.stride(), e.dim()), 0);
            }
            case Op.Amax a -> Reduce.reduce(x, a.dims(), a.keepdim(), a.max() ? Reduce.Kind.MAX : Reduce.Kind.MIN);
            case Op.Logsumexp l -> Reduce.logsumexp(x, l.dims(), l.keepdim());
            case Op.Norm n -> Reduce.norm(x, n.p(), n.dims(), n.keepdim());
            case Op.Var v -> {
                Tensor var = Reduce.var(x, v.dims(), v.correction(), v.keepdim());
                yield v.std() ? Elementwise.unary(dev.autograd4j.kernel.Kernels.UnaryOp.SQRT, var) : var;
            }
            case Op.Softmax s -> Reduce.softmax(x, s.dim(), false);
            case Op.LogSoftmax s -> Reduce.softmax(x, s.dim(), true);
            case Op.Cumsum c -> Reduce.cumsum(x, c.dim(), false);
            case Op.Cumprod c -> Reduce.cumsum(x, c.dim(), true);
            case Op.Mm m -> LinAlg.mm(x, in[1]);
            case Op.Mv m -> LinAlg.mv(x, in[1]);
            case Op.Dot d -> LinAlg.dot(x, in[1]);
            case Op.Bmm b -> LinAlg.bmm(x, in[1]);
            case Op.Addmm a -> LinAlg.addmm(x, in[1], in[2]);
            case Op.ViewOp v -> Views.compute(v, x);
            case Op.UnsafeView u -> {
                Tensor c = Elementwise.contiguousCopy(x);
                int[] shape = Shapes.inferSize(u.shape(), c.numel());
                yield c.viewOf(shape, Shapes.contiguousStrides(shape), 0);
            }
            case Op.Cat c -> Indexing.cat(in, c.dim());
            case Op.Stack s -> Indexing.stack(in, s.dim());
            case Op.Gather g -> Indexing.gather(x, g.dim(), g.index());
            case Op.IndexSelect s -> Indexing.indexSelect(x, s.dim(), s.index());
            case Op.Index i -> Indexing.index(x, i.indices());
            case Op.MaskedFill m -> Indexing.maskedFill(x, m.mask(), m.value());
            case Op.ScatterAdd s -> Indexing.scatterAdd(x, s.dim(), s.index(), s.shape());
            case Op.IndexAdd a -> Indexing.indexAdd(x, a.dim(), a.index(), a.shape());
            // ---- windows, padding, selection (issue 4) ----
            case Op.Im2Col g -> Windowed.im2col(x, g);
            case Op.Col2Im g -> Windowed.col2im(x, g);
            case Op.Convolution c -> Windowed.convolution(c, x, in[1], in.length > 2 ? in[2] : null);
            case Op.MaxPool2d m -> Windowed.gatherPlanes(x, in[1]);
            case Op.MaxPool2dBackward m -> Windowed.scatterPlanes(x, in[1], m.h(), m.w());
            case Op.ConstantPad p -> Windowed.constantPad(x, p.pad(), p.value());
            case Op.ValuesAt v -> Windowed.valuesAt(v, x, in[1]);
        };
    }
}
