package dev.autograd4j.kernel;

/**
 * The portable kernels: plain Java loops, used when the Vector API is absent or switched off
 * ({@code -Dautograd4j.simd=false}), and the reference the SIMD kernels are tested against.
 *
 * <pre>{@code Kernels k = new ScalarKernels(); k.unary(Kernels.UnaryOp.EXP, x, 0, y, 0, x.length);}</pre>
 */
public final class ScalarKernels implements Kernels {

    /** Creates the scalar kernels; they hold no state. */
    public ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void thresholdBackward(float[] g, int go, float[] y, int yo, float threshold, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = y[yo + i] <= threshold ? 0f : g[go + i];
    }

    @Override
    public void binary(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        // The common arithmetic ops get their own loops so the JIT can unroll and auto-vectorise them.
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] + b[bo + i]; }
            case SUB -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] - b[bo + i]; }
            case MUL -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] * b[bo + i]; }
            case DIV -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] / b[bo + i]; }
            default -> { for (int i = 0; i < n; i++) out[oo + i] = ScalarOps.apply(op, a[ao + i], b[bo + i]); }
        }
    }

    @Override
    public void binary(BinaryOp op, double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] + b[bo + i]; }
            case SUB -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] - b[bo + i]; }
            case MUL -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] * b[bo + i]; }
            case DIV -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] / b[bo + i]; }
            default -> { for (int i = 0; i < n; i++) out[oo + i] = ScalarOps.apply(op, a[ao + i], b[bo + i]); }
        }
    }

    @Override
    public void binaryScalar(BinaryOp op, float[] a, int ao, float s, float[] out, int oo, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] + s; }
            case MUL -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] * s; }
            default -> { for (int i = 0; i < n; i++) out[oo + i] = ScalarOps.apply(op, a[ao + i], s); }
        }
    }

    @Override
    public void binaryScalar(BinaryOp op, double[] a, int ao, double s, double[] out, int oo, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] + s; }
            case MUL -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] * s; }
            default -> { for (int i = 0; i < n; i++) out[oo + i] = ScalarOps.apply(op, a[ao + i], s); }
        }
    }

    @Override
    public void scalarBinary(BinaryOp op, float s, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = ScalarOps.apply(op, s, b[bo + i]);
    }

    @Override
    public void scalarBinary(BinaryOp op, double s, double[] b, int bo, double[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = ScalarOps.apply(op, s, b[bo + i]);
    }

    @Override
    public void unary(UnaryOp op, float[] a, int ao, float[] out, int oo, int n) {
        switch (op) {
            case NEG -> { for (int i = 0; i < n; i++) out[oo + i] = -a[ao + i]; }
            case SQUARE -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] * a[ao + i]; }
            default -> { for (int i = 0; i < n; i++) out[oo + i] = ScalarOps.apply(op, a[ao + i]); }
        }
    }

    @Override
    public void unary(UnaryOp op, double[] a, int ao, double[] out, int oo, int n) {
        switch (op) {
            case NEG -> { for (int i = 0; i < n; i++) out[oo + i] = -a[ao + i]; }
            case SQUARE -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] * a[ao + i]; }
            default -> { for (int i = 0; i < n; i++) out[oo + i] = ScalarOps.apply(op, a[ao + i]); }
        }
    }

    @Override
    public void axpy(float alpha, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] * alpha + b[bo + i];
    }

    @Override
    public void axpy(double alpha, double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] * alpha + b[bo + i];
    }

    @Override
    public float sum(float[] a, int ao, int n) {
        // Double accumulation: 1e7 float terms lose at most ~1e-9 relative, far below float rounding.
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            s0 += a[ao + i];
            s1 += a[ao + i + 1];
            s2 += a[ao + i + 2];
            s3 += a[ao + i + 3];
        }
        for (; i < n; i++) s0 += a[ao + i];
        return (float) ((s0 + s1) + (s2 + s3));
    }

    @Override
    public double sum(double[] a, int ao, int n) {
        return Summation.pairwise(a, ao, n);
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        double s0 = 0, s1 = 0;
        int i = 0;
        for (; i + 2 <= n; i += 2) {
            s0 += (double) a[ao + i] * b[bo + i];
            s1 += (double) a[ao + i + 1] * b[bo + i + 1];
        }
        for (; i < n; i++) s0 += (double) a[ao + i] * b[bo + i];
        return (float) (s0 + s1);
    }

    @Override
    public double dot(double[] a, int ao, double[] b, int bo, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            s0 += a[ao + i] * b[bo + i];
            s1 += a[ao + i + 1] * b[bo + i + 1];
            s2 += a[ao + i + 2] * b[bo + i + 2];
            s3 += a[ao + i + 3] * b[bo + i + 3];
        }
        for (; i < n; i++) s0 += a[ao + i] * b[bo + i];
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public float max(float[] a, int ao, int n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) m = Math.max(m, a[ao + i]);
        return m;
    }

    @Override
    public double max(double[] a, int ao, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) m = Math.max(m, a[ao + i]);
        return m;
    }

    @Override
    public float min(float[] a, int ao, int n) {
        float m = Float.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) m = Math.min(m, a[ao + i]);
        return m;
    }

    @Override
    public double min(double[] a, int ao, int n) {
        double m = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) m = Math.min(m, a[ao + i]);
        return m;
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int ao, int lda, float[] b, int bo, int ldb,
                     float[] c, int co, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ci = co + i * ldc;
            if (!accumulate) {
                // beta = 0 overwrites: whatever C held (even NaN) must not leak into the result.
                java.util.Arrays.fill(c, ci, ci + n, 0f);
            }
            if (transB) {
                for (int j = 0; j < n; j++) {
                    float s = 0f;
                    for (int p = 0; p < k; p++) {
                        float aip = transA ? a[ao + p * lda + i] : a[ao + i * lda + p];
                        s += aip * b[bo + j * ldb + p];
                    }
                    c[ci + j] += s;
                }
            } else {
                // i-p-j order streams rows of B and C, which keeps the inner loop contiguous.
                for (int p = 0; p < k; p++) {
                    float aip = transA ? a[ao + p * lda + i] : a[ao + i * lda + p];
                    int bp = bo + p * ldb;
                    for (int j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double[] a, int ao, int lda, double[] b, int bo, int ldb,
                     double[] c, int co, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ci = co + i * ldc;
            if (!accumulate) {
                java.util.Arrays.fill(c, ci, ci + n, 0.0);
            }
            if (transB) {
                for (int j = 0; j < n; j++) {
                    double s = 0.0;
                    for (int p = 0; p < k; p++) {
                        double aip = transA ? a[ao + p * lda + i] : a[ao + i * lda + p];
                        s += aip * b[bo + j * ldb + p];
                    }
                    c[ci + j] += s;
                }
            } else {
                for (int p = 0; p < k; p++) {
                    double aip = transA ? a[ao + p * lda + i] : a[ao + i * lda + p];
                    int bp = bo + p * ldb;
                    for (int j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }
}
