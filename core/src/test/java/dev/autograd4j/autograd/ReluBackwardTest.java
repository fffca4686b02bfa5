package dev.autograd4j.autograd;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ReLU's backward takes one fused pass when it is not recorded; it must give what the recorded form
 * {@code where(out <= 0, 0, g)} gives: 0 at 0 and below, the gradient through at NaN, for any layout and dtype.
 */
class ReluBackwardTest {

    private static final float[] X = {-2f, -0f, 0f, 1.5f, Float.NaN, 3f, -1f, 7f, Float.POSITIVE_INFINITY, -0.5f, 2f, 0.25f};

    private static Tensor gradOf(Tensor x, Tensor g, boolean createGraph) {
        Tensor leaf = x.detach().requiresGrad_();
        Tensor y = leaf.relu();
        return Autograd.grad(java.util.List.of(y), java.util.List.of(leaf), java.util.List.of(g), createGraph, createGraph,
                false).get(0);
    }

    @Test
    void fusedAndRecordedFormsAgreeBitForBit() {
        Tensor x = Tensor.of(X).reshape(3, 4);
        Tensor g = Tensor.arange(12).to(DType.FLOAT32).sub(5.0).reshape(3, 4);
        float[] fused = gradOf(x, g, false).contiguous().toFloatArray();
        float[] recorded = gradOf(x, g, true).detach().contiguous().toFloatArray();
        assertArrayEquals(recorded, fused);
        assertEquals(0f, fused[2]);                 // relu'(0) = 0
        assertEquals(g.toFloatArray()[4], fused[4]); // relu'(NaN) = 1
    }

    @Test
    void aTransposedGradientOrFloat64TakesTheGeneralPath() {
        Tensor x = Tensor.of(X).reshape(3, 4);
        Tensor gt = Tensor.arange(12).to(DType.FLOAT32).reshape(4, 3).t();
        assertArrayEquals(gradOf(x, gt, true).detach().contiguous().toFloatArray(),
                gradOf(x, gt, false).contiguous().toFloatArray());
        Tensor xd = x.to(DType.FLOAT64), gd = gt.to(DType.FLOAT64);
        assertArrayEquals(gradOf(xd, gd, true).detach().contiguous().toDoubleArray(),
                gradOf(xd, gd, false).contiguous().toDoubleArray());
    }
}
