package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@code nonzero} lists the multi-index of each nonzero element, one row each, as int64 (torch.nonzero). */
class NonzeroTest {
    @Test
    void nonzeroOfAMatrixGivesOneRowPerNonzeroElementInRowMajorOrder() {
        Tensor r = Tensor.of(new float[][]{{0, 1}, {2, 0}}).nonzero();
        assertEquals(DType.INT64, r.dtype());
        assertArrayEquals(new int[]{2, 2}, r.shape());
        assertArrayEquals(new long[]{0, 1, 1, 0}, r.toLongArray());
    }

    @Test
    void nonzeroFollowsTheLogicalOrderOfATransposedView() {
        Tensor r = Tensor.of(new float[][]{{0, 1}, {2, 0}}).t().nonzero();   // t() = [[0, 2], [1, 0]]
        assertArrayEquals(new long[]{0, 1, 1, 0}, r.toLongArray());
    }

    @Test
    void nonzeroCountsNanAndNeverRequiresGrad() {
        Tensor x = Tensor.of(0f, Float.NaN, 3f).requiresGrad_();
        Tensor r = x.nonzero();
        assertArrayEquals(new int[]{2, 1}, r.shape());
        assertArrayEquals(new long[]{1, 2}, r.toLongArray());
        assertFalse(r.requiresGrad());
        assertNull(r.gradFn());
    }

    @Test
    void nonzeroOfAllZerosIsEmptyWithOneColumnPerDimension() {
        assertArrayEquals(new int[]{0, 3}, Tensor.zeros(2, 2, 2).nonzero().shape());
    }
}
