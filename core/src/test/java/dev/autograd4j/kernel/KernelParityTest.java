package dev.autograd4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.autograd4j.kernel.Kernels.BinaryOp;
import dev.autograd4j.kernel.Kernels.UnaryOp;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The picked kernels (SIMD, or scalar in the second surefire run) against {@link ScalarKernels}, on awkward sizes
 * around the vector width and at non-zero offsets, with NaN, infinities and signed zeros among the inputs.
 */
@Tag("kernels")
class KernelParityTest {

    static final int[] SIZES = {0, 1, 3, 7, 8, 15, 16, 17, 31, 33, 64, 100, 1023};
    static final int AO = 3, BO = 5, OO = 2, PAD = 4;
    /** Ops whose vector form is exact: results must match bit for bit. */
    static final Set<UnaryOp> EXACT_UNARY = EnumSet.of(UnaryOp.NEG, UnaryOp.ABS, UnaryOp.SQRT, UnaryOp.SQUARE,
            UnaryOp.RECIPROCAL, UnaryOp.RSQRT, UnaryOp.RELU, UnaryOp.SIGN, UnaryOp.FLOOR, UnaryOp.CEIL, UnaryOp.ROUND,
            UnaryOp.ERF, UnaryOp.LOG2);
    static final int ULPS = 4;

    final Kernels ref = new ScalarKernels();
    final Kernels k = KernelProvider.kernels();

    static float[] floats(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (r.nextInt(12)) {
                case 0 -> r.nextFloat() * 2 - 1;
                case 1 -> (float) (r.nextGaussian() * 30);
                case 2 -> new float[] {Float.NaN, 0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f, -1f, 0.5f}[r.nextInt(8)];
                default -> (float) (r.nextGaussian() * 2);
            };
        }
        return x;
    }

    static double[] doubles(Random r, int n) {
        float[] f = floats(r, n);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = f[i] + (Float.isFinite(f[i]) ? r.nextDouble() * 1e-3 : 0);
        return x;
    }

    static void assertClose(String what, float want, float got, boolean exact) {
        if (Float.isNaN(want) || Float.isNaN(got)) {
            assertTrue(Float.isNaN(want) && Float.isNaN(got), what + ": want " + want + " got " + got);
        } else if (exact || Float.isInfinite(want)) {
            assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(got), what + ": want " + want + " got " + got);
        } else {
            float tol = ULPS * Math.max(Math.ulp(want), Math.ulp(got)) + Float.MIN_NORMAL;
            if (Math.abs(want - got) > tol) {
                fail(what + ": want " + want + " got " + got);
            }
        }
    }

    static void assertClose(String what, double want, double got, boolean exact) {
        if (Double.isNaN(want) || Double.isNaN(got)) {
            assertTrue(Double.isNaN(want) && Double.isNaN(got), what + ": want " + want + " got " + got);
        } else if (exact || Double.isInfinite(want)) {
            assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(got), what + ": want " + want + " got " + got);
        } else {
            double tol = ULPS * Math.max(Math.ulp(want), Math.ulp(got)) + Double.MIN_NORMAL;
            if (Math.abs(want - got) > tol) {
                fail(what + ": want " + want + " got " + got);
            }
        }
    }

    @Test
    void unaryFloatMatchesScalar() {
        Random r = new Random(1);
        for (UnaryOp op : UnaryOp.values()) {
            for (int n : SIZES) {
                float[] a = floats(r, AO + n);
                float[] want = new float[OO + n + PAD];
                float[] got = want.clone();
                ref.unary(op, a, AO, want, OO, n);
                k.unary(op, a, AO, got, OO, n);
                for (int i = 0; i < want.length; i++) {
                    assertClose(op + " n=" + n + " i=" + i + " x=" + (i >= OO && i < OO + n ? a[AO + i - OO] : 0),
                            want[i], got[i], EXACT_UNARY.contains(op));
                }
            }
        }
    }

    @Test
    void unaryDoubleMatchesScalar() {
        Random r = new Random(2);
        for (UnaryOp op : UnaryOp.values()) {
            for (int n : SIZES) {
                double[] a = doubles(r, AO + n);
                double[] want = new double[OO + n + PAD];
                double[] got = want.clone();
                ref.unary(op, a, AO, want, OO, n);
                k.unary(op, a, AO, got, OO, n);
                for (int i = 0; i < want.length; i++) {
                    assertClose(op + " n=" + n + " i=" + i, want[i], got[i], EXACT_UNARY.contains(op));
                }
            }
        }
    }

    @Test
    void binaryFloatMatchesScalarInAllThreeForms() {
        Random r = new Random(3);
        for (BinaryOp op : BinaryOp.values()) {
            for (int n : SIZES) {
                float[] a = floats(r, AO + n);
                float[] b = floats(r, BO + n);
                float s = floats(r, 1)[0];
                float[] want = new float[OO + n + PAD];
                float[] got = want.clone();
                ref.binary(op, a, AO, b, BO, want, OO, n);
                k.binary(op, a, AO, b, BO, got, OO, n);
                assertAllExact(op + " n=" + n, want, got);
                ref.binaryScalar(op, a, AO, s, want, OO, n);
                k.binaryScalar(op, a, AO, s, got, OO, n);
                assertAllExact(op + " tensor-scalar n=" + n, want, got);
                ref.scalarBinary(op, s, b, BO, want, OO, n);
                k.scalarBinary(op, s, b, BO, got, OO, n);
                assertAllExact(op + " scalar-tensor n=" + n, want, got);
            }
        }
    }

    @Test
    void binaryDoubleMatchesScalarInAllThreeForms() {
        Random r = new Random(4);
        for (BinaryOp op : BinaryOp.values()) {
            for (int n : SIZES) {
                double[] a = doubles(r, AO + n);
                double[] b = doubles(r, BO + n);
                double s = doubles(r, 1)[0];
                double[] want = new double[OO + n + PAD];
                double[] got = want.clone();
                ref.binary(op, a, AO, b, BO, want, OO, n);
                k.binary(op, a, AO, b, BO, got, OO, n);
                assertAllExact(op + " n=" + n, want, got);
                ref.binaryScalar(op, a, AO, s, want, OO, n);
                k.binaryScalar(op, a, AO, s, got, OO, n);
                assertAllExact(op + " tensor-scalar n=" + n, want, got);
                ref.scalarBinary(op, s, b, BO, want, OO, n);
                k.scalarBinary(op, s, b, BO, got, OO, n);
                assertAllExact(op + " scalar-tensor n=" + n, want, got);
            }
        }
    }

    @Test
    void thresholdBackwardMatchesScalarExactly() {
        Random r = new Random(6);
        for (int n : SIZES) {
            float[] g = floats(r, AO + n), y = floats(r, BO + n);
            for (float threshold : new float[] {0f, -0f, 0.5f}) {
                float[] want = new float[OO + n + PAD], got = want.clone();
                ref.thresholdBackward(g, AO, y, BO, threshold, want, OO, n);
                k.thresholdBackward(g, AO, y, BO, threshold, got, OO, n);
                assertAllExact("thresholdBackward n=" + n + " threshold " + threshold, want, got);
                for (int i = 0; i < n; i++) {
                    float expect = y[BO + i] <= threshold ? 0f : g[AO + i];
                    assertEquals(Float.floatToIntBits(expect), Float.floatToIntBits(want[OO + i]), "scalar loop at " + i);
                }
            }
        }
    }

    @Test
    void axpyMatchesScalarExactly() {
        Random r = new Random(5);
        for (int n : SIZES) {
            float[] a = floats(r, AO + n), b = floats(r, BO + n);
            float[] want = new float[OO + n + PAD], got = want.clone();
            ref.axpy(0.75f, a, AO, b, BO, want, OO, n);
            k.axpy(0.75f, a, AO, b, BO, got, OO, n);
            assertAllExact("axpy float n=" + n, want, got);
            double[] da = doubles(r, AO + n), db = doubles(r, BO + n);
            double[] dwant = new double[OO + n + PAD], dgot = dwant.clone();
            ref.axpy(-1.25, da, AO, db, BO, dwant, OO, n);
            k.axpy(-1.25, da, AO, db, BO, dgot, OO, n);
            assertAllExact("axpy double n=" + n, dwant, dgot);
        }
    }

    @Test
    void reductionsMatchScalar() {
        Random r = new Random(6);
        for (int n : SIZES) {
            float[] a = new float[AO + n], b = new float[BO + n];
            double[] da = new double[AO + n], db = new double[BO + n];
            double absSum = 0, absDot = 0, dAbsSum = 0, dAbsDot = 0;
            for (int i = 0; i < n; i++) {
                a[AO + i] = (float) r.nextGaussian();
                b[BO + i] = (float) r.nextGaussian();
                da[AO + i] = r.nextGaussian();
                db[BO + i] = r.nextGaussian();
                absSum += Math.abs(a[AO + i]);
                absDot += Math.abs(a[AO + i] * b[BO + i]);
                dAbsSum += Math.abs(da[AO + i]);
                dAbsDot += Math.abs(da[AO + i] * db[BO + i]);
            }
            String w = " n=" + n;
            assertEquals(ref.sum(a, AO, n), k.sum(a, AO, n), 1e-7 * absSum + Float.MIN_NORMAL, "sum float" + w);
            assertEquals(ref.dot(a, AO, b, BO, n), k.dot(a, AO, b, BO, n), 1e-6 * absDot + Float.MIN_NORMAL, "dot float" + w);
            assertEquals(ref.sum(da, AO, n), k.sum(da, AO, n), 1e-15 * dAbsSum, "sum double" + w);
            assertEquals(ref.dot(da, AO, db, BO, n), k.dot(da, AO, db, BO, n), 1e-15 * dAbsDot, "dot double" + w);
            assertEquals(ref.max(a, AO, n), k.max(a, AO, n), "max float" + w);
            assertEquals(ref.min(a, AO, n), k.min(a, AO, n), "min float" + w);
            assertEquals(ref.max(da, AO, n), k.max(da, AO, n), "max double" + w);
            assertEquals(ref.min(da, AO, n), k.min(da, AO, n), "min double" + w);
            if (n > 0) {
                a[AO + n - 1] = Float.NaN;
                da[AO] = Double.NaN;
                assertTrue(Float.isNaN(k.max(a, AO, n)) && Float.isNaN(k.min(a, AO, n)), "NaN max/min float" + w);
                assertTrue(Double.isNaN(k.max(da, AO, n)) && Double.isNaN(k.min(da, AO, n)), "NaN max/min double" + w);
            }
        }
    }

    private static void assertAllExact(String what, float[] want, float[] got) {
        for (int i = 0; i < want.length; i++) assertClose(what + " i=" + i, want[i], got[i], true);
    }

    private static void assertAllExact(String what, double[] want, double[] got) {
        for (int i = 0; i < want.length; i++) assertClose(what + " i=" + i, want[i], got[i], true);
    }
}
