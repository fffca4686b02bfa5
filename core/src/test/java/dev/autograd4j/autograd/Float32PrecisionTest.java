package dev.autograd4j.autograd;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Float32 results stay within stated tolerances of float64 over the whole op table ({@link OpSpecs}): the same
 * inputs, rounded to float32, give a forward value and input gradients close to the float64 ones.
 *
 * <p>Tolerances (docs/reliability.md): forward {@code |f32 - f64| <= 1e-5 * max(1, max|f64|)}, gradients
 * {@code <= 1e-4 * max(1, max|grad f64|)}, both measured against the largest magnitude of the whole output, since a
 * single element can lose all its relative precision to cancellation (a - b with a ≈ b) in either dtype.
 */
class Float32PrecisionTest {
    static final double FORWARD_TOL = 1e-5;
    static final double GRAD_TOL = 1e-4;

    static List<OpSpecs.OpSpec> specs() { return OpSpecs.all(); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void float32IsWithinToleranceOfFloat64(OpSpecs.OpSpec spec) {
        List<Tensor> in64 = spec.inputs(spec.name().hashCode());
        List<Tensor> in32 = new ArrayList<>();
        List<Tensor> in64r = new ArrayList<>();
        for (Tensor t : in64) {
            // Round the float64 inputs to float32 first, so both runs see the same input values.
            Tensor rounded = t.detach().to(DType.FLOAT32);
            in32.add(rounded.clone().requiresGrad_());
            in64r.add(rounded.to(DType.FLOAT64).requiresGrad_());
        }
        Tensor.manualSeed(7);
        Tensor out64 = spec.fn().apply(in64r);
        Tensor.manualSeed(7);
        Tensor out32 = spec.fn().apply(in32);
        // A few rows produce float64 by construction (a cast to float64, or a float64 constant operand such as a
        // weight or running statistics, which type promotion makes the result dtype, as in PyTorch); their forward
        // is then at least as precise, and their input gradients are still float32 and checked below.
        assertTrue(out32.dtype() == DType.FLOAT32 || out32.dtype() == DType.FLOAT64, spec.name() + " result dtype");
        double[] o64 = out64.toDoubleArray(), o32 = out32.toDoubleArray();
        assertClose(o64, o32, FORWARD_TOL, spec.name() + " forward");

        Random r = new Random(1);
        double[] gv = new double[out64.numel()];
        for (int i = 0; i < gv.length; i++) gv[i] = (r.nextInt(16) - 8) / 4.0; // exact in float32
        Tensor g64 = Tensor.of(gv, out64.shape());
        List<Tensor> grads64 = Autograd.grad(List.of(out64), in64r, List.of(g64), false, false, true);
        List<Tensor> grads32 = Autograd.grad(List.of(out32), in32, List.of(g64.to(DType.FLOAT32)), false, false, true);
        for (int k = 0; k < in64r.size(); k++) {
            Tensor a = grads64.get(k), b = grads32.get(k);
            assertEquals(a == null, b == null, spec.name() + " input " + k + " gets a gradient in both dtypes");
            if (a == null) continue;
            assertEquals(DType.FLOAT32, b.dtype());
            assertClose(a.toDoubleArray(), b.toDoubleArray(), GRAD_TOL, spec.name() + " grad of input " + k);
        }
    }

    static void assertClose(double[] ref, double[] got, double tol, String what) {
        assertEquals(ref.length, got.length, what + " size");
        double scale = 1;
        for (double v : ref) if (Double.isFinite(v)) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < ref.length; i++) {
            if (Double.isNaN(ref[i]) || Double.isInfinite(ref[i])) {
                assertEquals(ref[i], got[i], what + " element " + i);
                continue;
            }
            double err = Math.abs(ref[i] - got[i]);
            if (!(err <= tol * scale)) {
                fail(what + " element " + i + ": float64 " + ref[i] + ", float32 " + got[i] + ", error " + err
                        + " > " + tol + " * " + scale);
            }
        }
    }
}
