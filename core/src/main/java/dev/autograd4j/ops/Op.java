package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.kernel.Kernels.UnaryOp;

/**
 * Every differentiable primitive, one record each; records carry the op's non-tensor parameters.
 *
 * <p>The type is sealed so that {@code Forward} (the forward computation) and
 * {@code dev.autograd4j.autograd.Derivatives} (THE derivative table) can switch over it exhaustively with no
 * {@code default}: an op without a derivative does not compile (ARCHITECTURE rule 1). Composites (silu, xlogy,
 * outer, matmul's batching) are written as {@link Tensor} methods over these primitives and get their gradients
 * for free; a composite becomes a primitive only for speed (sigmoid, addmm) or stability (logSoftmax, logsumexp).
 */
public sealed interface Op {

    // ---- elementwise, broadcasting ------------------------------------------------------------------
    /** {@code x + alpha * y}. */
    record Add(double alpha) implements Op {}
    /** {@code x - alpha * y}. */
    record Sub(double alpha) implements Op {}
    /** {@code x * y}. */
    record Mul() implements Op {}
    /** {@code x / y}. */
    record Div() implements Op {}
    /** {@code x ** y} with a tensor exponent. */
    record Pow() implements Op {}
    /** Elementwise max of two tensors. */
    record Maximum() implements Op {}
    /** Elementwise min of two tensors. */
    record Minimum() implements Op {}
    /** {@code atan2(x, y)}. */
    record Atan2() implements Op {}
    /** {@code x * log(y)}, and 0 where x is 0 (unless y is NaN). */
    record Xlogy() implements Op {}
    /** {@code where(cond, x, y)}; cond is not differentiable. */
    record Where(Tensor cond) implements Op {}

    /** The kinds of tensor-with-Java-scalar operations (Java scalars never promote the tensor's dtype). */
    enum ScalarKind { ADD, SUB, MUL, DIV, RSUB, RDIV, POW, RPOW }
    /** {@code x op s} (or {@code s op x} for the R kinds) with a Java scalar {@code s}. */
    record Scalar(ScalarKind kind, double s) implements Op {}

    /** A one-input elementwise function such as exp or sin. */
    record Unary(UnaryOp fn) implements Op {}
    /** {@code clamp(x, min, max)}; either bound may be null. */
    record Clamp(Double min, Double max) implements Op {}
    /** {@code leaky_relu(x, negativeSlope)}. */
    record LeakyRelu(double negativeSlope) implements Op {}
    /** {@code elu(x, alpha)}. */
    record Elu(double alpha) implements Op {}
    /** {@code gelu(x)}, exact (erf) or the tanh approximation. */
    record Gelu(boolean tanh) implements Op {}
    /** {@code softplus(x, beta, threshold)}. */
    record Softplus(double beta, double threshold) implements Op {}
    /** {@code hardtanh(x, min, max)}. */
    record Hardtanh(double min, double max) implements Op {}
    /** Casts to another dtype (PyTorch's {@code _to_copy}). */
    record ToCopy(DType dtype) implements Op {}
    /** A copy with its own storage. */
    record Clone() implements Op {}

    // ---- reductions ------------------------------------------------------------------------------------
    /** Sum over dims (null = all dims, PyTorch's SumBackward0). */
    record Sum(int[] dims, boolean keepdim) implements Op {}
    /** Mean over dims (null = all dims). */
    record Mean(int[] dims, boolean keepdim) implements Op {}
    /** Product over one dim (null = all). */
    record Prod(Integer dim, boolean keepdim) implements Op {}
    /** max() or min() over all elements; ties share the gradient evenly. */
    record ExtremumAll(boolean max) implements Op {}
    /** max(dim)/min(dim): values (output 0, differentiable) and indices (output 1). */
    record ExtremumDim(int dim, boolean keepdim, boolean max) implements Op {}
    /** amax/amin over dims; ties share the gradient evenly. */
    record Amax(int[] dims, boolean keepdim, boolean max) implements Op {}
    /** logsumexp over dims. */
    record Logsumexp(int[] dims, boolean keepdim) implements Op {}
    /** The p-norm over dims (null = all). */
    record Norm(double p, int[] dims, boolean keepdim) implements Op {}
    /** Variance (or, with std, its square root) with a correction (1 = unbiased) over dims (null = all). */
    record Var(int[] dims, int correction, boolean keepdim, boolean std) implements Op {}
    /** softmax along a dim. */
    record Softmax(int dim) implements Op {}
    /** log_softmax along a dim. */
    record LogSoftmax(int dim) implements Op {}
    /** Cumulative sum along a dim. */
    record Cumsum(int dim) implements Op {}
    /** Cumulative product along a dim. */
    record Cumprod(int dim) implements Op {}

    // ---- linear algebra -------------------------------------------------------------------------------
    /** 2-D matrix product. */
    record Mm() implements Op {}
    /** matrix @ vector. */
    record Mv() implements Op {}
    /** vector . vector. */
    record Dot() implements Op {}
    /** Batched 3-D matrix product. */
    record Bmm() implements Op {}
    /** {@code bias + x @ w} fused (what Linear records). Inputs: bias, x, w. */
    record Addmm() implements Op {}

    // ---- views (share storage with the input) -------------------------------------------------------
    /** Marker for ops whose output is a view of input 0. */
    sealed interface ViewOp extends Op {}
    /** view/reshape without copy. */
    record View(int[] shape) implements ViewOp {}
    /** reshape that had to copy: a view of a contiguous clone (PyTorch's UnsafeViewBackward0). */
    record UnsafeView(int[] shape) implements Op {}
    /** transpose(d0, d1). */
    record Transpose(int d0, int d1, boolean isT) implements ViewOp {}
    /** permute(dims). */
    record Permute(int[] dims) implements ViewOp {}
    /** expand(shape) with stride-0 dims. */
    record Expand(int[] shape) implements ViewOp {}
    /** select(dim, index) drops the dim. */
    record Select(int dim, int index) implements ViewOp {}
    /** slice(dim, start, end, step). */
    record Slice(int dim, int start, int end, int step) implements ViewOp {}
    /** squeeze (dim null = all size-1 dims). */
    record Squeeze(Integer dim) implements ViewOp {}
    /** unsqueeze(dim). */
    record Unsqueeze(int dim) implements ViewOp {}
    /** A view of a base by explicit geometry (the regenerated grad_fn of a view after an in-place write). */
    record AsStrided(int[] shape, int[] strides, int offset) implements ViewOp {}

    // ---- joining and indexing -------------------------------------------------------------------------
    /** cat(tensors, dim). */
    record Cat(int dim) implements Op {}
    /** stack(tensors, dim). */
    record Stack(int dim) implements Op {}
    /** gather(dim, index). */
    record Gather(int dim, Tensor index) implements Op {}
    /** index_select(dim, index). */
    record IndexSelect(int dim, Tensor index) implements Op {}
    /** x[indices] along dim 0 with an int64 index tensor (a bool mask is converted to indices first). */
    record Index(Tensor indices) implements Op {}
    /** masked_fill(mask, value). */
    record MaskedFill(Tensor mask, double value) implements Op {}
    /** zeros(shape) with src added at index along dim (the backward of gather, itself differentiable). */
    record ScatterAdd(int dim, Tensor index, int[] shape) implements Op {}
    /** zeros(shape) with src's slices added at index along dim (the backward of index_select). */
    record IndexAdd(int dim, Tensor index, int[] shape) implements Op {}

    // ---- windows, padding, selection (issue 4: conv as im2col + GEMM) ---------------------------------
    /**
     * F.unfold (im2col): [N, C, H, W] to [N, C*kh*kw, L], every window as a column; with {@code batchInColumns}
     * the same values are stored [C*kh*kw, N, L], so the batch reads as one [C*kh*kw, N*L] matrix (convolution).
     */
    record Im2Col(int kh, int kw, int dh, int dw, int ph, int pw, int sh, int sw, boolean batchInColumns) implements Op {}
    /** F.fold (col2im): [N, C*kh*kw, L] summed back into [N, C, h, w]; the adjoint of Im2Col. */
    record Col2Im(int h, int w, int kh, int kw, int dh, int dw, int ph, int pw, int sh, int sw) implements Op {}
    /**
     * 1-D or 2-D convolution (cross-correlation) with groups. Inputs: x, weight, and optionally bias. {@code columns}
     * (may be null) carries the forward's im2col result to the backward (NOTE [Convolution columns]).
     */
    record Convolution(int[] stride, int[] padding, int[] dilation, int groups, ConvolutionColumns columns) implements Op {
        /** A convolution whose backward rebuilds its columns. */
        public Convolution(int[] stride, int[] padding, int[] dilation, int groups) {
            this(stride, padding, dilation, groups, null);
        }
    }
    /** max_pool2d values: x's spatial plane read at precomputed argmax positions. Inputs: x, int64 indices into H*W. */
    record MaxPool2d(int[] kernel, int[] stride, int[] padding, int[] dilation) implements Op {}
    /** max_pool2d's backward (g added at the argmax positions of an [.., h, w] plane), itself differentiable. Inputs: g, indices. */
    record MaxPool2dBackward(MaxPool2d forward, int h, int w) implements Op {}
    /** Constant padding of the last dims, pairs (before, after) from the last dim backwards; negative pads crop. */
    record ConstantPad(int[] pad, double value) implements Op {}
    /** Values of x at precomputed int64 positions along dim (null: flat positions of the whole tensor). Inputs: x, indices. */
    record ValuesAt(String node, Integer dim, boolean keepdim) implements Op {}
    /** Tensor.unfold(dim, size, step): every slice of length size with the given step, as a new last dim. */
    record Unfold(int dim, int size, int step) implements ViewOp {}
}
