package dev.autograd4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autograd4j.kernel.Kernels.BinaryOp;
import dev.autograd4j.kernel.Kernels.UnaryOp;
import org.junit.jupiter.api.Test;

/** Semantics checked against torch 1.13 (Debian python3-torch) by hand, e.g. torch.sign(torch.tensor(nan)). */
class ScalarOpsTest {

    @Test
    void roundIsHalfToEven() {
        assertEquals(0f, ScalarOps.apply(UnaryOp.ROUND, 0.5f));
        assertEquals(2f, ScalarOps.apply(UnaryOp.ROUND, 1.5f));
        assertEquals(2f, ScalarOps.apply(UnaryOp.ROUND, 2.5f));
        assertEquals(-2.0, ScalarOps.apply(UnaryOp.ROUND, -2.5));
    }

    @Test
    void signIsZeroForZeroAndNaNLikeTorch() {
        assertEquals(0f, ScalarOps.apply(UnaryOp.SIGN, 0f));
        assertEquals(0f, ScalarOps.apply(UnaryOp.SIGN, Float.NaN));
        assertEquals(0.0, ScalarOps.apply(UnaryOp.SIGN, Double.NaN));
        assertEquals(-1f, ScalarOps.apply(UnaryOp.SIGN, -3f));
        assertEquals(1.0, ScalarOps.apply(UnaryOp.SIGN, 1e-300));
    }

    @Test
    void reluPassesNaNAndNegativeZeroThrough() {
        assertTrue(Float.isNaN(ScalarOps.apply(UnaryOp.RELU, Float.NaN)));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(ScalarOps.apply(UnaryOp.RELU, -0f)));
        assertEquals(0f, ScalarOps.apply(UnaryOp.RELU, -2f));
        assertEquals(3.0, ScalarOps.apply(UnaryOp.RELU, 3.0));
    }

    @Test
    void maximumAndMinimumPropagateNaN() {
        assertTrue(Float.isNaN(ScalarOps.apply(BinaryOp.MAXIMUM, Float.NaN, 1f)));
        assertTrue(Float.isNaN(ScalarOps.apply(BinaryOp.MAXIMUM, 1f, Float.NaN)));
        assertTrue(Double.isNaN(ScalarOps.apply(BinaryOp.MINIMUM, 1.0, Double.NaN)));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(ScalarOps.apply(BinaryOp.MINIMUM, -0f, 0f)));
    }

    @Test
    void elementaryFunctionsMatchTheirDefinitions() {
        assertEquals(0.5, ScalarOps.apply(UnaryOp.SIGMOID, 0.0));
        assertEquals(0.5f, ScalarOps.apply(UnaryOp.RSQRT, 4f));
        assertEquals(0.25, ScalarOps.apply(UnaryOp.RECIPROCAL, 4.0));
        assertEquals(3f, ScalarOps.apply(UnaryOp.LOG2, 8f));
        assertEquals(1024.0, ScalarOps.apply(BinaryOp.POW, 2.0, 10.0));
        assertEquals(Math.atan2(1.0, -2.0), ScalarOps.apply(BinaryOp.ATAN2, 1.0, -2.0));
    }
}
