package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;
import dev.autograd4j.ops.Op;
import dev.autograd4j.ops.Reduce;

import java.util.Arrays;

/**
 * THE derivative table: for every {@link Op}, its PyTorch node name, what it saves, and its backward rule.
 *
 * <p>Every rule is written in differentiable tensor ops (ARCHITECTURE rule 2), so with {@code createGraph} the
 * backward pass is itself recorded and can be differentiated again. Variables follow derivatives.yaml:
 * {@code g} is the output's gradient, {@code x}, {@code y} the inputs, {@code out} the result. Gradients may come
 * back with the broadcast shape and the computation dtype; {@link OpNode} sums and casts them back
 * (NOTE [Broadcast gradients]).
 */
public final class Derivatives {
    private Derivatives() {}

    /** Save-mask bit: the node keeps its result. */
    public static final int SAVE_RESULT = 1 << 30;
    /** Save-mask bit: the node keeps every input. */
    public static final int SAVE_ALL_INPUTS = 1 << 29;
    /** Save-mask bit: the node keeps a Java scalar (so, like PyTorch, a second backward fails after release). */
    public static final int SAVE_SCALAR = 1 << 28;
    private static final int X = 1, Y = 2, XY = 3, Z = 4;

    /** PyTorch's name of the node recording {@code op}, e.g. "MulBackward0". */
    public static String name(Op op) {
        return switch (op) {
            case Op.Add a -> "AddBackward0";
            case Op.Sub s -> "SubBackward0";
            case Op.Mul m -> "MulBackward0";
            case Op.Div d -> "DivBackward0";
            case Op.Pow p -> "PowBackward1";
            case Op.Maximum m -> "MaximumBackward0";
            case Op.Minimum m -> "MinimumBackward0";
            case Op.Atan2 a -> "Atan2Backward0";
            case Op.Xlogy a -> "XlogyBackward0";
            case Op.Where w -> "WhereBackward0";
            case Op.Scalar s -> switch (s.kind()) {
                case ADD -> "AddBackward0";
                case SUB -> "SubBackward0";
                case MUL -> "MulBackward0";
                case DIV, RDIV -> "DivBackward0";
                case RSUB -> "RsubBackward1";
                case POW -> "PowBackward0";
                case RPOW -> "PowBackward2";
            };
            case Op.Unary u -> switch (u.fn()) {
                case SQUARE -> "PowBackward0";
                case LOG1P -> "Log1PBackward0";
                default -> camel(u.fn().name()) + "Backward0";
            };
            case Op.Clamp c -> c.min() != null && c.max() != null ? "ClampBackward1"
                    : c.min() != null ? "ClampMinBackward0" : "ClampMaxBackward0";
            case Op.LeakyRelu l -> "LeakyReluBackward0";
            case Op.Elu e -> "EluBackward0";
            case Op.Gelu g -> "GeluBackward0";
            case Op.Softplus s -> "SoftplusBackward0";
            case Op.Hardtanh h -> "HardtanhBackward0";
            case Op.ToCopy t -> "ToCopyBackward0";
            case Op.Clone c -> "CloneBackward0";
            case Op.Sum s -> s.dims() == null ? "SumBackward0" : "SumBackward1";
            case Op.Mean m -> m.dims() == null ? "MeanBackward0" : "MeanBackward1";
            case Op.Prod p -> p.dim() == null ? "ProdBackward0" : "ProdBackward1";
            case Op.ExtremumAll e -> e.max() ? "MaxBackward1" : "MinBackward1";
            case Op.ExtremumDim e -> e.max() ? "MaxBackward0" : "MinBackward0";
            case Op.Amax a -> a.max() ? "AmaxBackward0" : "AminBackward0";
            case Op.Logsumexp l -> "LogsumexpBackward0";
            case Op.Norm n -> "LinalgVectorNormBackward0";
            case Op.Var v -> v.std() ? "StdBackward0" : "VarBackward0";
            case Op.Softmax s -> "SoftmaxBackward0";
            case Op.LogSoftmax s -> "LogSoftmaxBackward0";
            case Op.Cumsum c -> "CumsumBackward0";
            case Op.Cumprod c -> "CumprodBackward0";
            case Op.Mm m -> "MmBackward0";
            case Op.Mv m -> "MvBackward0";
            case Op.Dot d -> "DotBackward0";
            case Op.Bmm b -> "BmmBackward0";
            case Op.Addmm a -> "AddmmBackward0";
            case Op.View v -> "ViewBackward0";
            case Op.UnsafeView u -> "UnsafeViewBackward0";
            case Op.Transpose t -> t.isT() ? "TBackward0" : "TransposeBackward0";
            case Op.Permute p -> "PermuteBackward0";
            case Op.Expand e -> "ExpandBackward0";
            case Op.Select s -> "SelectBackward0";
            case Op.Slice s -> "SliceBackward0";
            case Op.Squeeze s -> s.dim() == null ? "SqueezeBackward0" : "SqueezeBackward1";
            case Op.Unsqueeze u -> "UnsqueezeBackward0";
            case Op.AsStrided a -> "AsStridedBackward0";
            case Op.Cat c -> "CatBackward0";
            case Op.Stack s -> "StackBackward0";
            case Op.Gather g -> "GatherBackward0";
            case Op.IndexSelect s -> "IndexSelectBackward0";
            case Op.Index i -> "IndexBackward0";
            case Op.MaskedFill m -> "MaskedFillBackward0";
            case Op.ScatterAdd s -> "ScatterAddBackward0";
            case Op.IndexAdd a -> "IndexAddBackward0";
            // ---- windows, padding, selection (issue 4) ----
            case Op.Im2Col i -> "Im2ColBackward0";
            case Op.Col2Im c -> "Col2ImBackward0";
            case Op.Convolution c -> "ConvolutionBackward0";
            case Op.MaxPool2d m -> "MaxPool2DWithIndicesBackward0";
            case Op.MaxPool2dBackward m -> "MaxPool2DWithIndicesBackwardBackward0";
            case Op.ConstantPad p -> "ConstantPadNdBackward0";
            case Op.ValuesAt v -> v.node();
            case Op.Unfold u -> "UnfoldBackward0";
        };
    }

    private static String camel(String enumName) {
        return enumName.charAt(0) + enumName.substring(1).toLowerCase();
    }

    /** What the node of {@code op} keeps for backward: bit i = input i, plus SAVE_RESULT / SAVE_SCALAR. */
    public static int saves(Op op) {
        return switch (op) {
            case Op.Add a -> 0;
            case Op.Sub s -> 0;
            case Op.Mul m -> XY;
            case Op.Div d -> XY;
            case Op.Pow p -> XY | SAVE_RESULT;
            case Op.Maximum m -> XY;
            case Op.Minimum m -> XY;
            case Op.Atan2 a -> XY;
            case Op.Xlogy a -> XY;
            case Op.Where w -> 0;
            case Op.Scalar s -> switch (s.kind()) {
                case ADD, SUB, RSUB -> 0;
                case MUL, DIV -> SAVE_SCALAR;
                case RDIV, POW -> X;
                case RPOW -> X | SAVE_RESULT;
            };
            case Op.Unary u -> switch (u.fn()) {
                case NEG, SIGN, FLOOR, CEIL, ROUND, TRUNC -> 0;
                case EXP, TAN, TANH, SIGMOID, RELU, SQRT, RECIPROCAL, RSQRT, EXPM1 -> SAVE_RESULT;
                case LOG, SIN, COS, ABS, SQUARE, LOG1P, LOG2, ASIN, ACOS, ATAN, SINH, COSH, ERF -> X;
            };
            case Op.Clamp c -> X;
            case Op.LeakyRelu l -> X;
            case Op.Elu e -> X;
            case Op.Gelu g -> X;
            case Op.Softplus s -> X;
            case Op.Hardtanh h -> X;
            case Op.ToCopy t -> 0;
            case Op.Clone c -> 0;
            case Op.Sum s -> 0;
            case Op.Mean m -> 0;
            case Op.Prod p -> X | SAVE_RESULT;
            case Op.ExtremumAll e -> X | SAVE_RESULT;
            case Op.ExtremumDim e -> Y;
            case Op.Amax a -> X | SAVE_RESULT;
            case Op.Logsumexp l -> X | SAVE_RESULT;
            case Op.Norm n -> X | SAVE_RESULT;
            case Op.Var v -> v.std() ? X | SAVE_RESULT : X;
            case Op.Softmax s -> SAVE_RESULT;
            case Op.LogSoftmax s -> SAVE_RESULT;
            case Op.Cumsum c -> 0;
            case Op.Cumprod c -> X | SAVE_RESULT;
            case Op.Mm m -> XY;
            case Op.Mv m -> XY;
            case Op.Dot d -> XY;
            case Op.Bmm b -> XY;
            case Op.Addmm a -> Y | Z;
            case Op.ViewOp v -> 0;
            case Op.UnsafeView u -> 0;
            case Op.Cat c -> 0;
            case Op.Stack s -> 0;
            case Op.Gather g -> 0;
            case Op.IndexSelect s -> 0;
            case Op.Index i -> 0;
            case Op.MaskedFill m -> 0;
            case Op.ScatterAdd s -> 0;
            case Op.IndexAdd a -> 0;
            // ---- windows, padding, selection (issue 4) ----
            case Op.Im2Col i -> 0;
            case Op.Col2Im c -> 0;
            case Op.Convolution c -> XY;
            case Op.MaxPool2d m -> Y;
            case Op.MaxPool2dBackward m -> Y;
            case Op.ConstantPad p -> 0;
            case Op.ValuesAt v -> v.dim() == null ? X | Y | SAVE_RESULT : Y;
        };
    }

    /** The backward rule: the gradient of each input given the output's gradient {@code g}. */
    static Tensor[] backward(Op op, OpNode n, Tensor g) {
        int[] xs = n.inputShape(0);
        return switch (op) {
            // d(x + a y) = dx + a dy
            case Op.Add a -> grads(g, a.alpha() == 1 ? g : g.mul(a.alpha()));
            // d(x - a y) = dx - a dy
            case Op.Sub s -> grads(g, s.alpha() == 1 ? g.neg() : g.mul(-s.alpha()));
            // d(x y) = y dx + x dy
            case Op.Mul m -> grads(n.needsGrad(0) ? g.mul(n.input(1)) : null, n.needsGrad(1) ? g.mul(n.input(0)) : null);
            // d(x / y) = dx / y - x / y^2 dy
            case Op.Div d -> {
                Tensor x = n.input(0), y = n.input(1);
                yield grads(n.needsGrad(0) ? g.div(y) : null, n.needsGrad(1) ? g.neg().mul(x).div(y.mul(y)) : null);
            }
            // d(x^y) = y x^(y-1) dx + x^y log(x) dy   (0 where the exponent is 0 / the base is 0 with y >= 0)
            case Op.Pow p -> {
                Tensor x = n.input(0), y = n.input(1), out = n.result();
                Tensor gx = n.needsGrad(0) ? Tensor.where(y.eq(0), Tensor.scalar(0, g.dtype()), g.mul(y).mul(x.pow(y.sub(1)))) : null;
                Tensor gy = n.needsGrad(1) ? Tensor.where(x.eq(0).logicalAnd(y.ge(0)), Tensor.scalar(0, g.dtype()), g.mul(out).mul(x.log())) : null;
                yield grads(gx, gy);
            }
            // max(x, y): the larger input gets g; a tie gives each half (NaN: both get g, as PyTorch)
            case Op.Maximum m -> extremumPair(n, g, true);
            case Op.Minimum m -> extremumPair(n, g, false);
            // atan2(x, y): dx y / (x^2 + y^2) - dy x / (x^2 + y^2)
            case Op.Atan2 a -> {
                Tensor x = n.input(0), y = n.input(1);
                Tensor r = x.mul(x).add(y.mul(y));
                yield grads(g.mul(y).div(r), g.mul(x).neg().div(r));
            }
            // xlogy(x, y) = x log y: dx = log(y) g (0 where x = y = 0), dy = x / y g
            case Op.Xlogy xl -> {
                Tensor x = n.input(0), y = n.input(1);
                Tensor gx = Tensor.where(x.eq(0).logicalAnd(y.eq(0)), Tensor.scalar(0, g.dtype()), g.mul(y.log()));
                yield grads(n.needsGrad(0) ? gx : null, n.needsGrad(1) ? g.mul(x).div(y) : null);
            }
            // where(c, x, y): g flows to x where c holds, to y elsewhere
            case Op.Where w -> {
                Tensor zero = Tensor.scalar(0, g.dtype());
                yield grads(Tensor.where(w.cond(), g, zero), Tensor.where(w.cond(), zero, g));
            }
            case Op.Scalar s -> grads(switch (s.kind()) {
                case ADD, SUB -> g;                                    // d(x + s) = dx
                case RSUB -> g.neg();                                  // d(s - x) = -dx
                case MUL -> g.mul(s.s());                              // d(x s) = s dx
                case DIV -> g.div(s.s());                              // d(x / s) = dx / s
                case RDIV -> g.mul(-s.s()).div(n.input(0).pow(2));     // d(s / x) = -s / x^2 dx
                case POW -> s.s() == 0 ? g.mul(0.0)                    // d(x^s) = s x^(s-1) dx, and 0 for s = 0
                        : g.mul(n.input(0).pow(s.s() - 1).mul(s.s()));
                case RPOW -> {                                         // d(s^x) = s^x log(s) dx, 0 where s = 0, x >= 0
                    Tensor r = g.mul(n.result()).mul(Math.log(s.s()));
                    yield s.s() == 0 ? Tensor.where(n.input(0).ge(0), Tensor.scalar(0, g.dtype()), r) : r;
                }
            });
            case Op.Unary u -> grads(unary(u, n, g));
            // clamp: g inside [min, max], boundaries included; 0 outside and at NaN
            case Op.Clamp c -> {
                Tensor x = n.input(0);
                Tensor keep = null;
                if (c.min() != null) keep = x.ge(c.min());
                if (c.max() != null) keep = keep == null ? x.le(c.max()) : keep.logicalAnd(x.le(c.max()));
                yield grads(Tensor.where(keep, g, Tensor.scalar(0, g.dtype())));
            }
            // leaky_relu: g for x > 0, slope g otherwise (so slope at 0)
            case Op.LeakyRelu l -> grads(Tensor.where(n.input(0).gt(0), g, g.mul(l.negativeSlope())));
            // elu: g for x > 0, alpha e^x g otherwise
            case Op.Elu e -> {
                Tensor x = n.input(0);
                yield grads(Tensor.where(x.gt(0), g, g.mul(x.exp().mul(e.alpha()))));
            }
            case Op.Gelu ge -> grads(g.mul(geluDerivative(n.input(0), ge.tanh())));
            // softplus: sigmoid(beta x) g, and g above the threshold where it is linear
            case Op.Softplus s -> {
                Tensor x = n.input(0);
                yield grads(Tensor.where(x.mul(s.beta()).gt(s.threshold()), g, g.mul(x.mul(s.beta()).sigmoid())));
            }
            // hardtanh: g strictly inside (min, max), boundaries excluded
            case Op.Hardtanh h -> {
                Tensor x = n.input(0);
                yield grads(Tensor.where(x.gt(h.min()).logicalAnd(x.lt(h.max())), g, Tensor.scalar(0, g.dtype())));
            }
            case Op.ToCopy t -> grads(g);   // the cast back to x's dtype happens in OpNode
            case Op.Clone c -> grads(g);
            // sum: every element gets g
            case Op.Sum s -> grads(expandReduced(g, xs, s.dims(), s.keepdim()));
            // mean: every element gets g / N
            case Op.Mean m -> grads(expandReduced(g, xs, m.dims(), m.keepdim())
                    .div(Math.max(1, countReduced(xs, m.dims()))));
            case Op.Prod p -> grads(prodBackward(n.input(0), n.result(), g, p));
            // max()/min(): ties share g evenly; a NaN maximum sends g to the NaN elements
            case Op.ExtremumAll e -> grads(evenlyDistributed(n.input(0), n.result(), g, null, false));
            // max(dim): g goes to the one reported index
            case Op.ExtremumDim e -> {
                Tensor idx = n.input(1);                       // indices with the dim kept
                Tensor gk = e.keepdim() || xs.length == 0 ? g : g.unsqueeze(e.dim());
                yield grads(Tensor.where(positions(xs, e.dim()).eq(idx), gk, Tensor.scalar(0, g.dtype())), null);
            }
            // amax/amin: g / count over the tied elements (a NaN extremum makes every gradient NaN, as PyTorch)
            case Op.Amax a -> {
                Tensor x = n.input(0);
                Tensor mask = x.eq(expandReduced(n.result(), xs, a.dims(), a.keepdim())).to(g.dtype());
                yield grads(expandReduced(g, xs, a.dims(), a.keepdim()).div(mask.sum(a.dims(), true)).mul(mask));
            }
            // logsumexp: g exp(x - out)
            case Op.Logsumexp l -> grads(expandReduced(g, xs, l.dims(), l.keepdim())
                    .mul(n.input(0).sub(expandReduced(n.result(), xs, l.dims(), l.keepdim())).exp()));
            case Op.Norm nm -> grads(normBackward(n.input(0), n.result(), g, nm));
            // var: 2 (x - mean) / (N - correction) g;  std: (x - mean) / ((N - correction) std) g
            case Op.Var v -> {
                Tensor x = n.input(0);
                int[] dims = v.dims() == null ? null : v.dims();
                Tensor dev = x.sub(dims == null ? x.mean() : x.mean(dims, true));
                double denom = Math.max(0, countReduced(xs, dims) - v.correction());
                Tensor gk = expandReduced(g, xs, dims, v.keepdim());
                if (!v.std()) yield grads(gk.mul(dev).mul(2.0 / denom));
                Tensor sk = expandReduced(n.result(), xs, dims, v.keepdim());   // std 0: gradient 0, not 0/0
                yield grads(Tensor.where(sk.eq(0), Tensor.scalar(0, g.dtype()), gk.mul(dev).div(sk.mul(denom))));
            }
            // softmax: out (g - sum(g out))
            case Op.Softmax s -> {
                Tensor out = n.result();
                int d = s.dim();
                yield grads(out.mul(g.sub(g.mul(out).sum(new int[]{d}, true))));
            }
            // log_softmax: g - exp(out) sum(g)
            case Op.LogSoftmax s -> {
                Tensor out = n.result();
                yield grads(g.sub(out.exp().mul(g.sum(new int[]{s.dim()}, true))));
            }
            // cumsum: the reversed cumulative sum of g
            case Op.Cumsum c -> grads(xs.length == 0 ? g : flip(flip(g, c.dim()).cumsum(c.dim()), c.dim()));
            // cumprod: dx_i = sum_{j>=i} g_j out_j / x_i (inputs without zeros; a zero takes the exact product path)
            case Op.Cumprod c -> grads(xs.length == 0 ? g : cumprodBackward(n.input(0), n.result(), g, c.dim()));
            // mm: dx = g y^T, dy = x^T g
            case Op.Mm m -> grads(n.needsGrad(0) ? mmGradSelf(g, n.input(0), n.input(1)) : null,
                    n.needsGrad(1) ? mmGradOther(g, n.input(0), n.input(1)) : null);
            // mv: dx = g v^T (outer), dv = x^T g
            case Op.Mv m -> grads(n.needsGrad(0) ? g.unsqueeze(1).mul(n.input(1).unsqueeze(0)) : null,
                    n.needsGrad(1) ? n.input(0).t().mv(g) : null);
            // dot: dx = g y, dy = g x
            case Op.Dot d -> grads(n.needsGrad(0) ? g.mul(n.input(1)) : null, n.needsGrad(1) ? g.mul(n.input(0)) : null);
            // bmm: dx = g y^T, dy = x^T g per batch
            case Op.Bmm b -> grads(n.needsGrad(0) ? g.bmm(n.input(1).transpose(1, 2)) : null,
                    n.needsGrad(1) ? n.input(0).transpose(1, 2).bmm(g) : null);
            // addmm(b, x, w) = b + x w: db = g (summed over rows), dx = g w^T, dw = x^T g
            case Op.Addmm a -> grads(g, n.needsGrad(1) ? mmGradSelf(g, n.input(1), n.input(2)) : null,
                    n.needsGrad(2) ? mmGradOther(g, n.input(1), n.input(2)) : null);
            // views: the gradient is g put back into the input's geometry
            case Op.View v -> grads(g.reshape(xs));
            case Op.UnsafeView u -> grads(g.reshape(xs));
            case Op.Transpose t -> grads(t.isT() ? g.t() : g.transpose(t.d0(), t.d1()));
            case Op.Permute p -> grads(g.permute(inversePermutation(p.dims(), xs.length)));
            case Op.Expand e -> grads(g);   // summed back to x's shape in OpNode
            case Op.Select s -> grads(selectBackward(g, xs, s.dim(), s.index()));
            case Op.Slice s -> grads(sliceBackward(g, xs, s));
            case Op.Squeeze s -> grads(g.reshape(xs));
            case Op.Unsqueeze u -> grads(g.reshape(xs));
            case Op.AsStrided a -> grads(asStridedBackward(g, xs, a));
            // cat: each input gets its slice of g
            case Op.Cat c -> {
                Tensor[] r = new Tensor[n.numInputs()];
                int d = c.dim(), pos = 0;
                for (int i = 0; i < r.length; i++) {
                    int[] s = n.inputShape(i);
                    if (s.length == 1 && s[0] == 0) continue;
                    int dd = dev.autograd4j.tensor.Shapes.wrapDim(d, s.length);
                    r[i] = g.narrow(dd, pos, s[dd]);
                    pos += s[dd];
                }
                yield r;
            }
            // stack: input i gets g[i] along the new dim
            case Op.Stack s -> {
                Tensor[] r = new Tensor[n.numInputs()];
                for (int i = 0; i < r.length; i++) r[i] = g.select(s.dim() < 0 ? s.dim() + g.dim() : s.dim(), i);
                yield r;
            }
            // gather: scatter-add g back to the gathered positions (duplicates accumulate)
            case Op.Gather ga -> grads(dev.autograd4j.ops.Dispatch.apply(new Op.ScatterAdd(ga.dim(), ga.index(), xs), g));
            case Op.IndexSelect s -> grads(dev.autograd4j.ops.Dispatch.apply(new Op.IndexAdd(s.dim(), s.index(), xs), g));
            // x[idx]: index-add g's rows back (duplicates accumulate)
            case Op.Index i -> {
                Tensor flatIdx = i.indices().reshape(-1);
                int[] rows = new int[xs.length];
                rows[0] = flatIdx.numel();
                System.arraycopy(xs, 1, rows, 1, xs.length - 1);
                yield grads(dev.autograd4j.ops.Dispatch.apply(new Op.IndexAdd(0, flatIdx, xs), g.reshape(rows)));
            }
            // masked_fill: nothing flows to the filled positions
            case Op.MaskedFill m -> grads(Tensor.where(m.mask(), Tensor.scalar(0, g.dtype()), g));
            // scatter_add's gradient is a gather, index_add's an index_select (so these stay differentiable)
            case Op.ScatterAdd s -> grads(g.gather(s.dim(), s.index()));
            case Op.IndexAdd a -> grads(g.indexSelect(a.dim(), a.index()));
            // ---- windows, padding, selection (issue 4) ----
            // im2col and col2im are each other's adjoint
            case Op.Im2Col i -> grads(dev.autograd4j.ops.Dispatch.apply(new Op.Col2Im(xs[2], xs[3], i.kh(), i.kw(), i.dh(), i.dw(),
                    i.ph(), i.pw(), i.sh(), i.sw()), g));
            case Op.Col2Im c -> grads(dev.autograd4j.ops.Dispatch.apply(new Op.Im2Col(c.kh(), c.kw(), c.dh(), c.dw(), c.ph(), c.pw(),
                    c.sh(), c.sw(), false), g));
            case Op.Convolution c -> ConvolutionBackward.grads(c, n, g);
            // max_pool2d: g goes to each window's argmax; its backward is linear in g, so its own gradient is the gather again
            case Op.MaxPool2d m -> grads(dev.autograd4j.ops.Dispatch.apply(new Op.MaxPool2dBackward(m, xs[xs.length - 2],
                    xs[xs.length - 1]), g, n.input(1)), null);
            case Op.MaxPool2dBackward m -> grads(dev.autograd4j.ops.Dispatch.apply(m.forward(), g, n.input(1)), null);
            // constant_pad_nd: the gradient is g cropped back, i.e. padded by the negated pads
            case Op.ConstantPad p -> grads(dev.autograd4j.ops.Dispatch.apply(new Op.ConstantPad(negated(p.pad()), 0), g));
            // sort/topk/kthvalue/median values: g goes back to the positions the values came from
            // (median() of the whole tensor shares g evenly among the tied elements, like max(): SPEC section 3, case 54)
            case Op.ValuesAt v -> grads(v.dim() == null ? evenlyDistributed(n.input(0), n.result(), g, null, false)
                    : valuesAtBackward(v, g, xs, n.input(1)), null);
            case Op.Unfold u -> grads(unfoldBackward(g, xs, u));
        };
    }

    /**
     * The JVP rule (forward mode): the tangent of {@code op}'s output from its inputs {@code in}, their tangents
     * {@code t} (null for an input without one: at least one is non-null) and the result {@code out}. Written in
     * tensor ops like the backward rules; a term may keep an input's (broadcastable) shape, {@link ForwardAD}
     * expands it to the output's. Linear ops (sums, views, indexing) are their own JVP: the op applied to the tangent.
     *
     * <p>An absent tangent contributes no term at all, as PyTorch's undefined tangents do, rather than a zero
     * tangent: {@code 0 * inf} would turn the other input's exact term into NaN (x dual at inf times a plain y).
     * Single-input rules below may use {@code t[0]} freely, since a rule runs only when some tangent exists.
     */
    static Tensor jvp(Op op, Tensor[] in, Tensor[] t, Tensor out) {
        Tensor x = in[0], tx = t[0];
        return switch (op) {
            // d(x + a y) = dx + a dy
            case Op.Add a -> plus(tx, t[1] == null || a.alpha() == 1 ? t[1] : t[1].mul(a.alpha()));
            // d(x - a y) = dx - a dy
            case Op.Sub s -> plus(tx, t[1] == null ? null : t[1].mul(-s.alpha()));
            // d(x y) = y dx + x dy
            case Op.Mul m -> plus(tx == null ? null : tx.mul(in[1]), t[1] == null ? null : x.mul(t[1]));
            // d(x / y) = (dx - out dy) / y
            case Op.Div d -> (t[1] == null ? tx : tx == null ? out.mul(t[1]).neg() : tx.sub(out.mul(t[1]))).div(in[1]);
            // d(x^y) = y x^(y-1) dx + x^y log(x) dy, with the backward rule's zero cases
            case Op.Pow p -> {
                Tensor y = in[1], zero = Tensor.scalar(0, out.dtype());
                Tensor dx = tx == null ? null : Tensor.where(y.eq(0), zero, tx.mul(y).mul(x.pow(y.sub(1))));
                Tensor dy = t[1] == null ? null : Tensor.where(x.eq(0).logicalAnd(y.ge(0)), zero, t[1].mul(out).mul(x.log()));
                yield plus(dx, dy);
            }
            // max/min(x, y): the winner's tangent; the mean of both at a tie
            case Op.Maximum m -> extremumPairJvp(x, in[1], orZeros(tx, x), orZeros(t[1], in[1]), true);
            case Op.Minimum m -> extremumPairJvp(x, in[1], orZeros(tx, x), orZeros(t[1], in[1]), false);
            // d atan2(x, y) = (y dx - x dy) / (x^2 + y^2)
            case Op.Atan2 a -> {
                Tensor y = in[1];
                yield plus(tx == null ? null : tx.mul(y), t[1] == null ? null : t[1].mul(x).neg()).div(x.mul(x).add(y.mul(y)));
            }
            // d(x log y) = log(y) dx (0 where x = y = 0) + x / y dy
            case Op.Xlogy xl -> {
                Tensor y = in[1];
                Tensor dx = tx == null ? null
                        : Tensor.where(x.eq(0).logicalAnd(y.eq(0)), Tensor.scalar(0, out.dtype()), tx.mul(y.log()));
                yield plus(dx, t[1] == null ? null : t[1].mul(x).div(y));
            }
            // where(c, x, y): the tangent of the chosen input
            case Op.Where w -> Tensor.where(w.cond(), orZeros(tx, x), orZeros(t[1], in[1]));
            case Op.Scalar s -> switch (s.kind()) {
                case ADD, SUB -> tx;                                     // d(x + s) = dx
                case RSUB -> tx.neg();                                   // d(s - x) = -dx
                case MUL -> tx.mul(s.s());                               // d(x s) = s dx
                case DIV -> tx.div(s.s());                               // d(x / s) = dx / s
                case RDIV -> tx.mul(-s.s()).div(x.pow(2));               // d(s / x) = -s / x^2 dx
                case POW -> s.s() == 0 ? tx.mul(0.0)                     // d(x^s) = s x^(s-1) dx
                        : tx.mul(x.pow(s.s() - 1).mul(s.s()));
                case RPOW -> {                                           // d(s^x) = s^x log(s) dx
                    Tensor r = tx.mul(out).mul(Math.log(s.s()));
                    yield s.s() == 0 ? Tensor.where(x.ge(0), Tensor.scalar(0, out.dtype()), r) : r;
                }
            };
            case Op.Unary u -> unaryJvp(u, x, tx, out);
            // clamp: the tangent inside [min, max], boundaries included
            case Op.Clamp c -> {
                Tensor keep = null;
                if (c.min() != null) keep = x.ge(c.min());
                if (c.max() != null) keep = keep == null ? x.le(c.max()) : keep.logicalAnd(x.le(c.max()));
                yield Tensor.where(keep, tx, Tensor.scalar(0, out.dtype()));
            }
            case Op.LeakyRelu l -> Tensor.where(x.gt(0), tx, tx.mul(l.negativeSlope()));
            case Op.Elu e -> Tensor.where(x.gt(0), tx, tx.mul(x.exp().mul(e.alpha())));
            case Op.Gelu ge -> tx.mul(geluDerivative(x, ge.tanh()));
            case Op.Softplus s -> Tensor.where(x.mul(s.beta()).gt(s.threshold()), tx, tx.mul(x.mul(s.beta()).sigmoid()));
            case Op.Hardtanh h -> Tensor.where(x.gt(h.min()).logicalAnd(x.lt(h.max())), tx, Tensor.scalar(0, out.dtype()));
            case Op.ToCopy c -> tx.to(c.dtype());
            case Op.Clone c -> tx.clone();
            // linear reductions: the same reduction of the tangent
            case Op.Sum s -> linear(op, tx);
            case Op.Mean m -> linear(op, tx);
            // prod: sum_i dx_i prod_{j != i} x_j  (the backward rule with g = 1 gives the products)
            case Op.Prod p -> {
                Tensor partials = prodBackward(x, out, Tensor.onesLike(out), p);
                yield p.dim() == null ? tx.mul(partials).sum() : tx.mul(partials).sum(p.dim(), p.keepdim());
            }
            // max()/min(): the mean tangent over the tied elements
            case Op.ExtremumAll e -> tx.mul(evenlyDistributed(x, out, Tensor.onesLike(out), null, false)).sum();
            // max(dim): the tangent at the reported index
            case Op.ExtremumDim e -> {
                if (x.dim() == 0) yield tx;
                Tensor v = tx.gather(e.dim(), in[1]);
                yield e.keepdim() ? v : v.squeeze(e.dim());
            }
            // amax/amin: the mean tangent over the tied elements of each reduced slice
            case Op.Amax a -> {
                Tensor mask = x.eq(expandReduced(out, x.shape(), a.dims(), a.keepdim())).to(out.dtype());
                yield linear(new Op.Sum(a.dims(), a.keepdim()), tx.mul(mask)).div(linear(new Op.Sum(a.dims(), a.keepdim()), mask));
            }
            // logsumexp: sum(dx exp(x - out))
            case Op.Logsumexp l -> linear(new Op.Sum(l.dims(), l.keepdim()),
                    tx.mul(x.sub(expandReduced(out, x.shape(), l.dims(), l.keepdim())).exp()));
            // p-norm: sum(dx * d norm / dx)
            case Op.Norm nm -> linear(new Op.Sum(nm.dims(), nm.keepdim()), tx.mul(normBackward(x, out, Tensor.onesLike(out), nm)));
            // var: 2 sum((x - mean) dx) / (N - correction);  std: that / (2 std), 0 where std = 0
            case Op.Var v -> {
                int[] dims = v.dims();
                Tensor dev = x.sub(dims == null ? x.mean() : x.mean(dims, true));
                double denom = Math.max(0, countReduced(x.shape(), dims) - v.correction());
                Tensor s = linear(new Op.Sum(dims, v.keepdim()), dev.mul(tx));
                if (!v.std()) yield s.mul(2.0 / denom);
                yield Tensor.where(out.eq(0), Tensor.scalar(0, out.dtype()), s.div(out.mul(denom)));
            }
            // softmax: out (dx - sum(out dx))
            case Op.Softmax s -> out.mul(tx.sub(out.mul(tx).sum(new int[]{s.dim()}, true)));
            // log_softmax: dx - sum(exp(out) dx)
            case Op.LogSoftmax s -> tx.sub(out.exp().mul(tx).sum(new int[]{s.dim()}, true));
            case Op.Cumsum c -> linear(op, tx);
            case Op.Cumprod c -> cumprodJvp(x, out, tx, c.dim());
            // bilinear products: d(x y) = dx y + x dy
            case Op.Mm m -> plus(tx == null ? null : tx.mm(in[1]), t[1] == null ? null : x.mm(t[1]));
            case Op.Mv m -> plus(tx == null ? null : tx.mv(in[1]), t[1] == null ? null : x.mv(t[1]));
            case Op.Dot d -> plus(tx == null ? null : tx.dot(in[1]), t[1] == null ? null : x.dot(t[1]));
            case Op.Bmm b -> plus(tx == null ? null : tx.bmm(in[1]), t[1] == null ? null : x.bmm(t[1]));
            // addmm(b, x, w): db + dx w + x dw
            case Op.Addmm a -> plus(plus(t[1] == null ? null : t[1].mm(in[2]), t[2] == null ? null : in[1].mm(t[2])), tx);
            // views, joins and indexing are linear: the same op on the tangents
            case Op.ViewOp v -> linear(op, tx);
            case Op.UnsafeView u -> linear(op, tx);
            case Op.Cat c -> linear(op, allOrZeros(t, in));
            case Op.Stack s -> linear(op, allOrZeros(t, in));
            case Op.Gather g -> linear(op, tx);
            case Op.IndexSelect s -> linear(op, tx);
            case Op.Index i -> linear(op, tx);
            case Op.MaskedFill m -> linear(new Op.MaskedFill(m.mask(), 0), tx);
            case Op.ScatterAdd s -> linear(op, tx);
            case Op.IndexAdd a -> linear(op, tx);
            // ---- windows, padding, selection (issue 4): all linear in x except the bilinear convolution ----
            case Op.Im2Col i -> linear(op, tx);
            case Op.Col2Im c -> linear(op, tx);
            case Op.Convolution c -> {
                // bilinear in (x, w), plus the bias's tangent broadcast over the channel dim; absent tangents add nothing
                Tensor r = plus(tx == null ? null : linear(op, tx, in[1]), t[1] == null ? null : linear(op, x, t[1]));
                if (in.length < 3 || t[2] == null) yield r;
                int[] bshape = new int[out.dim() - 1];
                java.util.Arrays.fill(bshape, 1);
                bshape[0] = -1;
                Tensor tb = t[2].reshape(bshape);
                yield r == null ? tb.expand(out.shape()).contiguous() : r.add(tb);
            }
            case Op.MaxPool2d m -> linear(op, tx, in[1]);
            case Op.MaxPool2dBackward m -> linear(op, tx, in[1]);
            case Op.ConstantPad p -> linear(new Op.ConstantPad(p.pad(), 0), tx);
            case Op.ValuesAt v -> v.dim() == null ? tx.mul(evenlyDistributed(x, out, Tensor.onesLike(out), null, false)).sum()
                    : linear(op, tx, in[1]);
        };
    }

    private static int[] negated(int[] pad) {
        int[] r = new int[pad.length];
        for (int i = 0; i < pad.length; i++) r[i] = -pad[i];
        return r;
    }

    /** ValuesAt's gradient along a dim: g added at the recorded positions. */
    private static Tensor valuesAtBackward(Op.ValuesAt v, Tensor g, int[] xs, Tensor idx) {
        if (xs.length == 0) return g;
        Tensor gk = v.keepdim() ? g : g.unsqueeze(v.dim());
        return dev.autograd4j.ops.Dispatch.apply(new Op.ScatterAdd(v.dim(), idx, xs), gk);
    }

    /** Tensor.unfold's gradient: every window element of g added back at position i * step + j along dim. */
    private static Tensor unfoldBackward(Tensor g, int[] xs, Op.Unfold u) {
        int rank = xs.length;
        if (rank == 0) return g.reshape(xs);
        int d = dev.autograd4j.tensor.Shapes.wrapDim(u.dim(), rank);
        int windows = g.size(d), size = u.size();
        int[] perm = new int[rank + 1];
        for (int i = 0, k = 0; i <= rank; i++) {
            if (i == d + 1) perm[i] = rank;
            else perm[i] = k++ ;
        }
        int[] merged = xs.clone();
        merged[d] = windows * size;
        Tensor moved = g.permute(perm).reshape(merged);
        long[] idx = new long[windows * size];
        for (int i = 0; i < windows; i++) for (int j = 0; j < size; j++) idx[i * size + j] = (long) i * u.step() + j;
        return dev.autograd4j.ops.Dispatch.apply(new Op.IndexAdd(d, Tensor.of(idx), xs), moved);
    }

    /** The sum of two JVP terms, either of which may be absent (null); not both. */
    private static Tensor plus(Tensor a, Tensor b) {
        return a == null ? b : b == null ? a : a.add(b);
    }

    /** An absent tangent as zeros, where a rule must pick between tangents elementwise (where, maximum, joins). */
    private static Tensor orZeros(Tensor tangent, Tensor primal) {
        return tangent != null ? tangent : Tensor.zerosLike(primal);
    }

    private static Tensor[] allOrZeros(Tensor[] tangents, Tensor[] primals) {
        Tensor[] r = new Tensor[tangents.length];
        for (int i = 0; i < r.length; i++) r[i] = orZeros(tangents[i], primals[i]);
        return r;
    }

    /** A linear op's JVP: the op itself applied to the tangents. */
    private static Tensor linear(Op op, Tensor... tangents) {
        return dev.autograd4j.ops.Dispatch.apply(op, tangents);
    }

    private static Tensor unaryJvp(Op.Unary u, Tensor x, Tensor t, Tensor out) {
        return switch (u.fn()) {
            case NEG -> t.neg();                                                  // d(-x) = -dx
            case EXP -> t.mul(out);                                               // d e^x = e^x dx
            case LOG -> t.div(x);                                                 // d log x = dx / x
            case SIN -> t.mul(x.cos());                                           // d sin x = cos x dx
            case COS -> t.mul(x.sin()).neg();                                     // d cos x = -sin x dx
            case TAN -> t.mul(out.mul(out).add(1));                               // d tan x = (1 + tan^2 x) dx
            case TANH -> t.mul(out.mul(out).rsub(1));                             // d tanh x = (1 - tanh^2 x) dx
            case SIGMOID -> t.mul(out.mul(out.rsub(1)));                          // d s(x) = s (1 - s) dx
            case RELU -> Tensor.where(out.le(0), Tensor.scalar(0, out.dtype()), t); // relu'(0) = 0
            case SQRT -> t.div(out.mul(2));                                       // d sqrt x = dx / (2 sqrt x)
            case ABS -> t.mul(x.sign());                                          // d |x| = sgn(x) dx
            case SIGN, FLOOR, CEIL, ROUND, TRUNC -> t.mul(0.0);                          // piecewise constant: 0
            case RECIPROCAL -> t.mul(out.mul(out)).neg();                         // d (1/x) = -1/x^2 dx
            case SQUARE -> t.mul(x.mul(2));                                       // d x^2 = 2x dx
            case RSQRT -> t.mul(out.pow(3)).mul(-0.5);                            // d x^-1/2 = -x^-3/2 / 2 dx
            case LOG1P -> t.div(x.add(1));                                        // d log(1+x) = dx / (1+x)
            case EXPM1 -> t.mul(out.add(1));                                      // d (e^x - 1) = e^x dx
            case LOG2 -> t.div(x.mul(Math.log(2)));                               // d log2 x = dx / (x ln 2)
            case ASIN -> t.div(x.pow(2).rsub(1).sqrt());                          // d asin x = dx / sqrt(1 - x^2)
            case ACOS -> t.div(x.pow(2).rsub(1).sqrt()).neg();                    // d acos x = -dx / sqrt(1 - x^2)
            case ATAN -> t.div(x.pow(2).add(1));                                  // d atan x = dx / (1 + x^2)
            case SINH -> t.mul(x.cosh());                                         // d sinh x = cosh x dx
            case COSH -> t.mul(x.sinh());                                         // d cosh x = sinh x dx
            case ERF -> t.mul(x.pow(2).neg().exp().mul(2 / Math.sqrt(Math.PI)));  // d erf x = 2/sqrt(pi) e^-x^2 dx
        };
    }

    /** max(x, y)/min(x, y): the winning input's tangent; at a tie the mean of both (as the backward splits g). */
    private static Tensor extremumPairJvp(Tensor x, Tensor y, Tensor tx, Tensor ty, boolean max) {
        Tensor mean = tx.add(ty).mul(0.5);
        return Tensor.where(max ? x.gt(y) : x.lt(y), tx, Tensor.where(max ? x.lt(y) : x.gt(y), ty, mean));
    }

    /**
     * cumprod's JVP by its recurrence d out_i = d out_{i-1} x_i + out_{i-1} dx_i, exact when x has zeros
     * (out / x would divide by them).
     */
    private static Tensor cumprodJvp(Tensor x, Tensor out, Tensor t, int dim) {
        if (x.dim() == 0) return t;
        int d = dev.autograd4j.tensor.Shapes.wrapDim(dim, x.dim());
        int n = x.size(d);
        if (n == 0) return t;
        java.util.List<Tensor> cols = new java.util.ArrayList<>(n);
        Tensor prev = t.narrow(d, 0, 1);
        cols.add(prev);
        for (int i = 1; i < n; i++) {
            prev = prev.mul(x.narrow(d, i, 1)).add(out.narrow(d, i - 1, 1).mul(t.narrow(d, i, 1)));
            cols.add(prev);
        }
        return Tensor.cat(cols, d);
    }

    /**
     * {@code where(out <= 0, 0, g)}; when this backward is not itself recorded (no createGraph, no forward AD) one
     * fused pass instead of a bool mask and a select, as PyTorch's threshold_backward.
     */
    private static Tensor reluBackward(Tensor g, Tensor out) {
        if (!GradMode.isEnabled() && !ForwardAD.isActive()) {
            Tensor r = dev.autograd4j.ops.Elementwise.thresholdBackward(g, out, 0f);
            if (r != null) return r;
        }
        return Tensor.where(out.le(0), Tensor.scalar(0, g.dtype()), g);
    }

    private static Tensor unary(Op.Unary u, OpNode n, Tensor g) {
        return switch (u.fn()) {
            case NEG -> g.neg();                                                 // d(-x) = -dx
            case EXP -> g.mul(n.result());                                       // d e^x = e^x dx
            case LOG -> g.div(n.input(0));                                       // d log x = dx / x
            case SIN -> g.mul(n.input(0).cos());                                 // d sin x = cos x dx
            case COS -> g.mul(n.input(0).sin()).neg();                           // d cos x = -sin x dx
            case TAN -> { Tensor o = n.result(); yield g.mul(o.mul(o).add(1)); } // d tan x = (1 + tan^2 x) dx
            case TANH -> { Tensor o = n.result(); yield g.mul(o.mul(o).rsub(1)); } // d tanh x = (1 - tanh^2 x) dx
            case SIGMOID -> { Tensor o = n.result(); yield g.mul(o.mul(o.rsub(1))); } // d s(x) = s (1 - s) dx
            case RELU -> reluBackward(g, n.result());                            // relu'(0) = 0, relu'(NaN) = 1
            case SQRT -> g.div(n.result().mul(2));                               // d sqrt x = dx / (2 sqrt x)
            case ABS -> g.mul(n.input(0).sign());                                // d |x| = sgn(x) dx, sgn(0) = 0
            case SIGN, FLOOR, CEIL, ROUND, TRUNC -> g.mul(0.0);                   // piecewise constant: 0
            case RECIPROCAL -> { Tensor o = n.result(); yield g.mul(o.mul(o)).neg(); } // d (1/x) = -1/x^2 dx
            case SQUARE -> g.mul(n.input(0).mul(2));                             // d x^2 = 2x dx
            case RSQRT -> { Tensor o = n.result(); yield g.mul(o.pow(3)).mul(-0.5); } // d x^-1/2 = -x^-3/2 / 2 dx
            case LOG1P -> g.div(n.input(0).add(1));                              // d log(1+x) = dx / (1+x)
            case EXPM1 -> g.mul(n.result().add(1));                              // d (e^x - 1) = e^x dx
            case LOG2 -> g.div(n.input(0).mul(Math.log(2)));                     // d log2 x = dx / (x ln 2)
            case ASIN -> g.div(n.input(0).pow(2).rsub(1).sqrt());                // d asin x = dx / sqrt(1 - x^2)
            case ACOS -> g.div(n.input(0).pow(2).rsub(1).sqrt()).neg();          // d acos x = -dx / sqrt(1 - x^2)
            case ATAN -> g.div(n.input(0).pow(2).add(1));                        // d atan x = dx / (1 + x^2)
            case SINH -> g.mul(n.input(0).cosh());                               // d sinh x = cosh x dx
            case COSH -> g.mul(n.input(0).sinh());                               // d cosh x = sinh x dx
            case ERF -> g.mul(n.input(0).pow(2).neg().exp().mul(2 / Math.sqrt(Math.PI))); // d erf x = 2/sqrt(pi) e^-x^2 dx
        };
    }

    private static Tensor[] grads(Tensor... gs) { return gs; }

    /**
     * NOTE [Broadcast gradients]: an input that was broadcast in the forward receives the sum of g over the
     * broadcast dims: leading dims g has and the input lacks, and dims where the input had size 1.
     */
    public static Tensor sumTo(Tensor g, int[] shape) {
        int[] gs = g.shapeView();
        if (Arrays.equals(gs, shape)) return g;
        int lead = gs.length - shape.length;
        if (lead < 0) return g.reshape(shape);
        int count = 0;
        int[] dims = new int[gs.length];
        for (int i = 0; i < gs.length; i++) {
            if (i < lead || (shape[i - lead] == 1 && gs[i] != 1)) dims[count++] = i;
        }
        Tensor r = count == 0 ? g : g.sum(Arrays.copyOf(dims, count), true);
        return r.reshape(shape);
    }

    /** g of a reduction over dims, brought back to the input's shape (unsqueezed where keepdim was false, expanded). */
    static Tensor expandReduced(Tensor g, int[] xs, int[] dims, boolean keepdim) {
        if (xs.length == 0) return g.reshape();
        boolean[] mask = Reduce.mask(dims, xs.length);
        Tensor r = g;
        if (!keepdim) {
            int[] keep = Reduce.outShape(xs, mask, true);
            r = r.reshape(keep);
        }
        return r.expand(xs);
    }

    static int countReduced(int[] xs, int[] dims) {
        boolean[] mask = Reduce.mask(dims, xs.length);
        int c = 1;
        for (int i = 0; i < xs.length; i++) if (mask[i]) c *= xs[i];
        return c;
    }

    /** Spreads g evenly over the elements equal to the extremum (PyTorch's evenly_distribute_backward). */
    private static Tensor evenlyDistributed(Tensor x, Tensor out, Tensor g, int[] dims, boolean keepdim) {
        int[] xs = x.shape();
        Tensor outK = expandReduced(out, xs, dims, keepdim);
        Tensor mask = Tensor.where(outK.isnan(), x.isnan(), x.eq(outK));
        Tensor maskF = mask.to(g.dtype());
        Tensor count = dims == null ? maskF.sum() : maskF.sum(dims, true);   // broadcasts against x
        Tensor share = expandReduced(g, xs, dims, keepdim).div(count);
        return Tensor.where(mask, share, Tensor.scalar(0, g.dtype()));
    }

    /** For max(a, b)/min(a, b): the winning input gets g; ties split it in half. */
    private static Tensor[] extremumPair(OpNode n, Tensor g, boolean max) {
        Tensor x = n.input(0), y = n.input(1);
        Tensor zero = Tensor.scalar(0, g.dtype());
        Tensor tie = x.eq(y);
        Tensor half = Tensor.where(tie, g.mul(0.5), g);
        Tensor gx = Tensor.where(max ? x.lt(y) : x.gt(y), zero, half);
        Tensor gy = Tensor.where(max ? x.gt(y) : x.lt(y), zero, half);
        return grads(gx, gy);
    }

    /** prod: g times the product of the other elements; handles zeros without dividing by them. */
    private static Tensor prodBackward(Tensor x, Tensor out, Tensor g, Op.Prod p) {
        int[] xs = x.shape();
        int[] dims = p.dim() == null ? null : new int[]{p.dim()};
        Tensor zero = Tensor.scalar(0, g.dtype());
        Tensor isZero = x.eq(0);
        Tensor zeros = dims == null ? isZero.sum() : isZero.sum(dims, true);           // int64 count of zeros
        Tensor nonzero = Tensor.where(isZero, Tensor.scalar(1, x.dtype()), x);
        Tensor prodNz = dims == null ? nonzero.prod() : nonzero.prod(p.dim(), true);
        Tensor gk = expandReduced(g, xs, dims, p.keepdim());
        Tensor outK = expandReduced(out, xs, dims, p.keepdim());
        Tensor noZeros = gk.mul(outK).div(nonzero);                                   // no zero: out / x
        Tensor oneZero = Tensor.where(isZero, gk.mul(prodNz), zero);                   // one zero: only its slot
        return Tensor.where(zeros.eq(0), noZeros, Tensor.where(zeros.eq(1), oneZero, zero));
    }

    /**
     * cumprod's gradient. Where no element of a line is zero it is the reversed cumsum of g out, divided by x;
     * otherwise each position i gets sum_{j>=i} g_j prod_{k<=j, k!=i} x_k, built from exclusive products.
     */
    private static Tensor cumprodBackward(Tensor x, Tensor out, Tensor g, int dim) {
        int d = dev.autograd4j.tensor.Shapes.wrapDim(dim, x.dim());
        if (!x.eq(0).any()) return flip(flip(g.mul(out), d).cumsum(d), d).div(x);
        int n = x.size(d);
        java.util.List<Tensor> cols = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            // prod_{k<=j, k!=i} x_k for j >= i equals cumprod of x with x_i replaced by 1, from i on.
            Tensor ones = Tensor.onesLike(x.narrow(d, i, 1));
            Tensor replaced = Tensor.cat(java.util.List.of(x.narrow(d, 0, i), ones, x.narrow(d, i + 1, n - i - 1)), d);
            Tensor partial = replaced.cumprod(d).narrow(d, i, n - i);
            cols.add(g.narrow(d, i, n - i).mul(partial).sum(new int[]{d}, true));
        }
        return Tensor.cat(cols, d);
    }

    /** p-norm: g x |x|^(p-2) / out^(p-1); the subgradient 0 where the norm is 0. */
    private static Tensor normBackward(Tensor x, Tensor out, Tensor g, Op.Norm nm) {
        int[] xs = x.shape();
        Tensor gk = expandReduced(g, xs, nm.dims(), nm.keepdim());
        Tensor ok = expandReduced(out, xs, nm.dims(), nm.keepdim());
        Tensor zero = Tensor.scalar(0, g.dtype());
        double p = nm.p();
        if (p == 1) return gk.mul(x.sign());
        if (p == 0) return gk.mul(0.0);
        if (Double.isInfinite(p)) {
            Tensor absx = x.abs();
            Tensor mask = absx.eq(ok);
            Tensor count = nm.dims() == null ? mask.to(g.dtype()).sum() : mask.to(g.dtype()).sum(nm.dims(), true);
            return Tensor.where(mask, gk.mul(x.sign()).div(count.expand(xs)), zero);
        }
        Tensor r = p == 2 ? gk.mul(x).div(ok) : gk.mul(x).mul(x.abs().pow(p - 2)).div(ok.pow(p - 1));
        return Tensor.where(ok.eq(0), zero, r);
    }

    private static Tensor geluDerivative(Tensor x, boolean tanh) {
        if (tanh) {
            double k = Math.sqrt(2 / Math.PI), c = 0.044715;
            Tensor inner = x.add(x.pow(3).mul(c)).mul(k);
            Tensor t = inner.tanh();
            Tensor dInner = x.pow(2).mul(3 * c).add(1).mul(k);
            return t.add(1).mul(0.5).add(x.mul(0.5).mul(t.mul(t).rsub(1)).mul(dInner));
        }
        Tensor cdf = x.div(Math.sqrt(2)).erf().add(1).mul(0.5);
        Tensor pdf = x.pow(2).mul(-0.5).exp().div(Math.sqrt(2 * Math.PI));
        return cdf.add(x.mul(pdf));
    }

    /** The index along dim of every position of a tensor of shape xs, broadcastable against xs. */
    private static Tensor positions(int[] xs, int dim) {
        if (xs.length == 0) return Tensor.of(new long[]{0}, new int[0]);
        int d = dev.autograd4j.tensor.Shapes.wrapDim(dim, xs.length);
        int[] shape = new int[xs.length];
        Arrays.fill(shape, 1);
        shape[d] = xs[d];
        return Tensor.arange(xs[d]).reshape(shape);
    }

    private static int[] inversePermutation(int[] dims, int rank) {
        int[] inv = new int[rank];
        for (int i = 0; i < rank; i++) inv[dev.autograd4j.tensor.Shapes.wrapDim(dims[i], rank)] = i;
        return inv;
    }

    private static Tensor flip(Tensor g, int dim) {
        int d = dev.autograd4j.tensor.Shapes.wrapDim(dim, g.dim());
        int size = g.size(d);
        long[] idx = new long[size];
        for (int i = 0; i < size; i++) idx[i] = size - 1 - i;
        return g.indexSelect(d, Tensor.of(idx));
    }

    /** select's gradient: g placed at index along dim, zeros elsewhere. */
    private static Tensor selectBackward(Tensor g, int[] xs, int dim, int index) {
        int d = dev.autograd4j.tensor.Shapes.wrapDim(dim, xs.length);
        int i = index < 0 ? index + xs[d] : index;
        Tensor gu = g.unsqueeze(d);
        return pad(gu, xs, d, i, xs[d] - i - 1);
    }

    /** slice's gradient: g placed at start, start+step, ... along dim, zeros elsewhere. */
    private static Tensor sliceBackward(Tensor g, int[] xs, Op.Slice s) {
        int d = dev.autograd4j.tensor.Shapes.wrapDim(s.dim(), xs.length);
        int n = xs[d];
        int start = Math.max(0, Math.min(s.start() < 0 ? s.start() + n : s.start(), n));
        int len = g.size(d);
        if (len == 0) return Tensor.zeros(g.dtype(), xs);
        Tensor spread = g;
        if (s.step() > 1) {
            // Interleave step-1 zero rows after each row, then cut to the span the slice covered.
            int[] zs = g.shape();
            int[] zshape = Arrays.copyOf(zs, zs.length + 1);
            System.arraycopy(zs, d + 1, zshape, d + 2, zs.length - d - 1);
            zshape[d] = len;
            zshape[d + 1] = s.step() - 1;
            Tensor z = Tensor.zeros(g.dtype(), zshape);
            Tensor joined = Tensor.cat(java.util.List.of(g.unsqueeze(d + 1), z), d + 1);
            int[] merged = g.shape();
            merged[d] = len * s.step();
            spread = joined.reshape(merged).narrow(d, 0, Math.min(len * s.step(), n - start));
        }
        return pad(spread, xs, d, start, n - start - spread.size(d));
    }

    /** t with {@code before} and {@code after} zero slices added along dim d. */
    private static Tensor pad(Tensor t, int[] xs, int d, int before, int after) {
        java.util.List<Tensor> parts = new java.util.ArrayList<>(3);
        if (before > 0) {
            int[] s = xs.clone();
            s[d] = before;
            parts.add(Tensor.zeros(t.dtype(), s));
        }
        parts.add(t);
        if (after > 0) {
            int[] s = xs.clone();
            s[d] = after;
            parts.add(Tensor.zeros(t.dtype(), s));
        }
        return parts.size() == 1 ? t : Tensor.cat(parts, d);
    }

    /** as_strided's gradient: g scatter-added into a contiguous tensor of the input's shape at the view's positions. */
    private static Tensor asStridedBackward(Tensor g, int[] xs, Op.AsStrided a) {
        int n = g.numel();
        int[] shape = a.shape();
        long[] pos = new long[n];
        int[] idx = new int[shape.length];
        for (int i = 0; i < n; i++) {
            int rem = i, p = a.offset();
            for (int k = shape.length - 1; k >= 0; k--) { idx[k] = rem % shape[k]; rem /= shape[k]; p += idx[k] * a.strides()[k]; }
            pos[i] = p;
        }
        int total = dev.autograd4j.tensor.Shapes.numel(xs);
        Tensor flat = dev.autograd4j.ops.Dispatch.apply(new Op.IndexAdd(0, Tensor.of(pos), new int[]{total}), g.reshape(-1));
        return flat.reshape(xs);
    }

    // ---- issue 7 (perf): mm gradients in their operand's layout, as PyTorch's mm_mat1_backward/mm_mat2_backward ----

    /**
     * dX = g Y^T for X Y, computed as (Y g^T)^T when X is column-major (a transposed view such as Linear's
     * {@code weight.t()}), so the gradient comes out in X's layout and the leaf's gradient is a plain contiguous copy.
     */
    private static Tensor mmGradSelf(Tensor g, Tensor x, Tensor y) {
        return columnMajor(x) ? y.mm(g.t()).t() : g.mm(y.t());
    }

    /** dY = X^T g for X Y, computed as (g^T X)^T when Y is column-major; see {@link #mmGradSelf}. */
    private static Tensor mmGradOther(Tensor g, Tensor x, Tensor y) {
        return columnMajor(y) ? g.t().mm(x).t() : x.t().mm(g);
    }

    private static boolean columnMajor(Tensor t) {
        return t.size(0) > 1 && t.size(1) > 1 && t.stride()[0] == 1 && t.stride()[1] == t.size(0);
    }
}
