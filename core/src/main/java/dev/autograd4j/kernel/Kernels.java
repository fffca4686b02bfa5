package dev.autograd4j.kernel;

/**
 * The verbs the tensor core computes with: loops over heap arrays plus offsets, nothing else.
 *
 * <p>One scalar implementation ({@code ScalarKernels}) and one SIMD implementation ({@code simd.VectorKernels},
 * Vector API) exist; {@link KernelProvider#kernels()} picks one once at start-up (the Lucene pattern). Ops never
 * know which one runs. Every method works on {@code n} contiguous elements starting at the given offsets;
 * strided and broadcast layouts are reduced to these contiguous runs by the caller.
 *
 * <pre>{@code KernelProvider.kernels().binary(BinaryOp.ADD, a, 0, b, 0, out, 0, n);}</pre>
 */
public interface Kernels {

    /** Elementwise binary operations. */
    enum BinaryOp { ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM, ATAN2 }

    /** Elementwise unary operations. */
    enum UnaryOp {
        NEG, EXP, LOG, SIN, COS, TAN, TANH, SIGMOID, RELU, SQRT, ABS, SIGN, FLOOR, CEIL, ROUND, TRUNC,
        RECIPROCAL, SQUARE, RSQRT, LOG1P, EXPM1, LOG2, ASIN, ACOS, ATAN, SINH, COSH, ERF
    }

    /** A short description for logs, e.g. {@code "scalar"} or {@code "Vector API, 16 float lanes"}. */
    String name();

    /** {@code out[oo+i] = a[ao+i] op b[bo+i]} for {@code i < n}. */
    void binary(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);

    /** {@code out[oo+i] = a[ao+i] op b[bo+i]} for {@code i < n}. */
    void binary(BinaryOp op, double[] a, int ao, double[] b, int bo, double[] out, int oo, int n);

    /** {@code out[oo+i] = a[ao+i] op s} (tensor op scalar) for {@code i < n}. */
    void binaryScalar(BinaryOp op, float[] a, int ao, float s, float[] out, int oo, int n);

    /** {@code out[oo+i] = a[ao+i] op s} (tensor op scalar) for {@code i < n}. */
    void binaryScalar(BinaryOp op, double[] a, int ao, double s, double[] out, int oo, int n);

    /** {@code out[oo+i] = s op b[bo+i]} (scalar op tensor) for {@code i < n}. */
    void scalarBinary(BinaryOp op, float s, float[] b, int bo, float[] out, int oo, int n);

    /** {@code out[oo+i] = s op b[bo+i]} (scalar op tensor) for {@code i < n}. */
    void scalarBinary(BinaryOp op, double s, double[] b, int bo, double[] out, int oo, int n);

    /** {@code out[oo+i] = op(a[ao+i])} for {@code i < n}. */
    void unary(UnaryOp op, float[] a, int ao, float[] out, int oo, int n);

    /**
     * {@code out[oo+i] = y[yo+i] <= threshold ? 0 : g[go+i]} for {@code i < n}: ReLU's backward in one pass
     * (PyTorch's threshold_backward); a NaN in y lets the gradient through.
     */
    void thresholdBackward(float[] g, int go, float[] y, int yo, float threshold, float[] out, int oo, int n);

    /** {@code out[oo+i] = op(a[ao+i])} for {@code i < n}. */
    void unary(UnaryOp op, double[] a, int ao, double[] out, int oo, int n);

    /** {@code out[oo+i] = a[ao+i] * alpha + b[bo+i]} (axpy into a separate output) for {@code i < n}. */
    void axpy(float alpha, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);

    /** {@code out[oo+i] = a[ao+i] * alpha + b[bo+i]} for {@code i < n}. */
    void axpy(double alpha, double[] a, int ao, double[] b, int bo, double[] out, int oo, int n);

    /**
     * Sum of {@code a[ao..ao+n)}, accumulated in double and rounded once, so the result is within float32 rounding
     * of the exact sum (PyTorch's CPU kernel sums float32 pairwise in float, which is less accurate).
     */
    float sum(float[] a, int ao, int n);

    /** Sum of {@code a[ao..ao+n)}, pairwise, so the error grows with log(n) rather than n. */
    double sum(double[] a, int ao, int n);

    /** Dot product of two contiguous runs (the order of accumulation is the implementation's). */
    float dot(float[] a, int ao, float[] b, int bo, int n);

    /** Dot product of two contiguous runs. */
    double dot(double[] a, int ao, double[] b, int bo, int n);

    /** Largest element of {@code a[ao..ao+n)}; NaN if any element is NaN; {@code -inf} when {@code n == 0}. */
    float max(float[] a, int ao, int n);

    /** Largest element of {@code a[ao..ao+n)}; NaN if any element is NaN; {@code -inf} when {@code n == 0}. */
    double max(double[] a, int ao, int n);

    /** Smallest element of {@code a[ao..ao+n)}; NaN if any element is NaN; {@code +inf} when {@code n == 0}. */
    float min(float[] a, int ao, int n);

    /** Smallest element of {@code a[ao..ao+n)}; NaN if any element is NaN; {@code +inf} when {@code n == 0}. */
    double min(double[] a, int ao, int n);

    /**
     * General matrix multiply {@code C = op(A) * op(B) (+ C if accumulate)}, row-major, with leading dimensions.
     *
     * <p>{@code op(A)} is {@code m x k}: when {@code transA} is false, element (i, p) is {@code a[ao + i*lda + p]};
     * when true it is {@code a[ao + p*lda + i]} (a transposed view, read without copying). Likewise {@code op(B)}
     * is {@code k x n}. C is {@code m x n} with element (i, j) at {@code c[co + i*ldc + j]}.
     * Without {@code accumulate} C is overwritten and its old contents (even NaN) are never read.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              float[] a, int ao, int lda, float[] b, int bo, int ldb,
              float[] c, int co, int ldc, boolean accumulate);

    /** Double precision {@link #gemm(boolean, boolean, int, int, int, float[], int, int, float[], int, int, float[], int, int, boolean)}. */
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              double[] a, int ao, int lda, double[] b, int bo, int ldb,
              double[] c, int co, int ldc, boolean accumulate);
}
