package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code trunc} rounds toward zero (torch.trunc); its derivative is zero, as for floor and ceil (spec case 24). */
class TruncTest {
    @Test
    void truncRoundsTowardZeroKeepingTheSignOfZero() {
        float[] r = Tensor.of(-1.7f, -0.5f, 0.5f, 1.7f, 2f).trunc().toFloatArray();
        assertArrayEquals(new float[]{-1f, -0f, 0f, 1f, 2f}, r);
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(r[1]), "trunc(-0.5) is -0");
    }

    @Test
    void truncOfDoublesStaysDoubleAndPassesNanThrough() {
        Tensor r = Tensor.of(-2.5, Double.NaN).trunc();
        assertEquals(DType.FLOAT64, r.dtype());
        assertEquals(-2.0, r.toDoubleArray()[0]);
        assertTrue(Double.isNaN(r.toDoubleArray()[1]));
    }

    @Test
    void truncIsRecordedAsTruncBackward0WithZeroGradient() {
        Tensor x = Tensor.of(1.5f, -0.5f, 3f).requiresGrad_();
        Tensor y = x.trunc();
        assertEquals("TruncBackward0", y.gradFn().name());
        y.sum().backward();
        assertArrayEquals(new float[]{0f, 0f, 0f}, x.grad().toFloatArray());
    }
}
