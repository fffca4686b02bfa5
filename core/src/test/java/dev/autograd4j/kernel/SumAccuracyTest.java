package dev.autograd4j.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The float32 sum is within float rounding of the exact sum for 1e7 terms, whatever their signs. */
@Tag("kernels")
class SumAccuracyTest {

    static final int N = 10_000_000;

    @Test
    void floatSumOfTenMillionTermsIsWithinFloatRounding() {
        SplittableRandom r = new SplittableRandom(7);
        float[] uniform = new float[N + 1];
        float[] mixed = new float[N + 1];
        for (int i = 0; i < uniform.length; i++) {
            uniform[i] = r.nextFloat();
            mixed[i] = r.nextFloat() * 2 - 1; // the sum cancels down to ~sqrt(N) of ~N/2 in magnitude
        }
        for (float[] x : new float[][] {uniform, mixed}) {
            double exact = exactSum(x, 1, N);
            for (Kernels k : new Kernels[] {new ScalarKernels(), KernelProvider.kernels()}) {
                float got = k.sum(x, 1, N);
                // Within one float ulp of the exact value: the correctly rounded result or its neighbour at a tie.
                assertTrue(Math.abs(got - exact) <= Math.ulp((float) exact),
                        k.name() + ": sum " + got + " exact " + exact);
            }
        }
    }

    /** Double-double (TwoSum) accumulation: exact to ~1e-30 relative, far beyond what the check needs. */
    private static double exactSum(float[] x, int off, int n) {
        double hi = 0, lo = 0;
        for (int i = 0; i < n; i++) {
            double v = x[off + i];
            double s = hi + v;
            double bp = s - hi;
            lo += (hi - (s - bp)) + (v - bp);
            hi = s;
        }
        return hi + lo;
    }
}
