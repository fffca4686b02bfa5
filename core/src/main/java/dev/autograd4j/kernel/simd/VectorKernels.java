package dev.autograd4j.kernel.simd;

import dev.autograd4j.kernel.Kernels;
import dev.autograd4j.kernel.ScalarKernels;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels (Lucene's pattern): a vector loop up to {@code species.loopBound(n)} and a scalar tail.
 *
 * <p>Ops whose lanewise form is exact (arithmetic, min/max, sqrt, comparisons) give bit-identical results to
 * {@link ScalarKernels}; transcendental ones use the JDK's vector math (Intel SVML on x86), within a few ulp of
 * the scalar kernels; ops with no accurate lanewise form (floor, ceil, round, erf, log2, pow, atan2, ...) run the
 * scalar loop. Loaded reflectively by {@link dev.autograd4j.kernel.KernelProvider}.
 *
 * <pre>{@code Kernels k = new VectorKernels(); k.gemm(false, false, m, n, kk, a, 0, kk, b, 0, n, c, 0, n, false);}</pre>
 */
public final class VectorKernels implements Kernels {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    private final ScalarKernels scalar = new ScalarKernels();

    /**
     * Creates the kernels; they hold no mutable state.
     *
     * @throws UnsupportedOperationException when the platform's vectors are narrower than 128 bits, where the Vector
     *     API is emulated and slower than the scalar loops ({@link dev.autograd4j.kernel.KernelProvider} then falls
     *     back to those)
     */
    public VectorKernels() {
        if (F.vectorBitSize() < 128) {
            throw new UnsupportedOperationException("preferred vector size is " + F.vectorBitSize() + " bits");
        }
    }

    @Override
    public String name() {
        return "Vector API, " + F.length() + " float lanes";
    }

    @Override
    public void binary(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = FloatBinary.apply(op, a, ao, b, bo, out, oo, n);
        scalar.binary(op, a, ao + i, b, bo + i, out, oo + i, n - i);
    }

    @Override
    public void binary(BinaryOp op, double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        int i = DoubleBinary.apply(op, a, ao, b, bo, out, oo, n);
        scalar.binary(op, a, ao + i, b, bo + i, out, oo + i, n - i);
    }

    @Override
    public void thresholdBackward(float[] g, int go, float[] y, int yo, float threshold, float[] out, int oo, int n) {
        int i = FloatBinary.thresholdBackward(g, go, y, yo, threshold, out, oo, n);
        scalar.thresholdBackward(g, go + i, y, yo + i, threshold, out, oo + i, n - i);
    }

    @Override
    public void binaryScalar(BinaryOp op, float[] a, int ao, float s, float[] out, int oo, int n) {
        int i = FloatBinary.applyScalarRight(op, a, ao, s, out, oo, n);
        scalar.binaryScalar(op, a, ao + i, s, out, oo + i, n - i);
    }

    @Override
    public void binaryScalar(BinaryOp op, double[] a, int ao, double s, double[] out, int oo, int n) {
        int i = DoubleBinary.applyScalarRight(op, a, ao, s, out, oo, n);
        scalar.binaryScalar(op, a, ao + i, s, out, oo + i, n - i);
    }

    @Override
    public void scalarBinary(BinaryOp op, float s, float[] b, int bo, float[] out, int oo, int n) {
        int i = FloatBinary.applyScalarLeft(op, s, b, bo, out, oo, n);
        scalar.scalarBinary(op, s, b, bo + i, out, oo + i, n - i);
    }

    @Override
    public void scalarBinary(BinaryOp op, double s, double[] b, int bo, double[] out, int oo, int n) {
        int i = DoubleBinary.applyScalarLeft(op, s, b, bo, out, oo, n);
        scalar.scalarBinary(op, s, b, bo + i, out, oo + i, n - i);
    }

    @Override
    public void unary(UnaryOp op, float[] a, int ao, float[] out, int oo, int n) {
        int done = FloatUnary.apply(op, a, ao, out, oo, n);
        scalar.unary(op, a, ao + done, out, oo + done, n - done);
    }

    @Override
    public void unary(UnaryOp op, double[] a, int ao, double[] out, int oo, int n) {
        int done = DoubleUnary.apply(op, a, ao, out, oo, n);
        scalar.unary(op, a, ao + done, out, oo + done, n - done);
    }

    @Override
    public void axpy(float alpha, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        FloatVector av = FloatVector.broadcast(F, alpha);
        int i = 0;
        // mul then add (not fma) so the result is bit-identical to the scalar kernel.
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector.fromArray(F, a, ao + i).mul(av).add(FloatVector.fromArray(F, b, bo + i)).intoArray(out, oo + i);
        }
        scalar.axpy(alpha, a, ao + i, b, bo + i, out, oo + i, n - i);
    }

    @Override
    public void axpy(double alpha, double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        DoubleVector av = DoubleVector.broadcast(D, alpha);
        int i = 0;
        for (int bound = D.loopBound(n); i < bound; i += D.length()) {
            DoubleVector.fromArray(D, a, ao + i).mul(av).add(DoubleVector.fromArray(D, b, bo + i)).intoArray(out, oo + i);
        }
        scalar.axpy(alpha, a, ao + i, b, bo + i, out, oo + i, n - i);
    }

    @Override
    public float sum(float[] a, int ao, int n) {
        return Reductions.sum(a, ao, n);
    }

    @Override
    public double sum(double[] a, int ao, int n) {
        return Reductions.sum(a, ao, n);
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        return Reductions.dot(a, ao, b, bo, n);
    }

    @Override
    public double dot(double[] a, int ao, double[] b, int bo, int n) {
        return Reductions.dot(a, ao, b, bo, n);
    }

    @Override
    public float max(float[] a, int ao, int n) {
        return Reductions.max(a, ao, n);
    }

    @Override
    public double max(double[] a, int ao, int n) {
        return Reductions.max(a, ao, n);
    }

    @Override
    public float min(float[] a, int ao, int n) {
        return Reductions.min(a, ao, n);
    }

    @Override
    public double min(double[] a, int ao, int n) {
        return Reductions.min(a, ao, n);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int ao, int lda, float[] b, int bo, int ldb,
                     float[] c, int co, int ldc, boolean accumulate) {
        if (DotGemm.fits(transA, transB, m, n, k)) {
            DotGemm.gemm(m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate);
            return;
        }
        Sgemm.gemm(transA, transB, m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double[] a, int ao, int lda, double[] b, int bo, int ldb,
                     double[] c, int co, int ldc, boolean accumulate) {
        Dgemm.gemm(transA, transB, m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate);
    }
}
