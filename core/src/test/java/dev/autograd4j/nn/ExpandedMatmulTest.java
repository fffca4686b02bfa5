package dev.autograd4j.nn;

import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * mm with an expanded (stride-0) operand, as the gradient of {@code sum()} flowing into a Linear layer is. The
 * expected products follow from multiplying by a matrix of ones.
 */
class ExpandedMatmulTest {

    @Test
    void mmWithAFullyExpandedRowMultipliesCorrectly() {
        Tensor g = Tensor.ones(1).expand(1, 2);                        // shape [1, 2], strides [0, 0]
        Tensor w = Tensor.of(new float[][]{{1, 2, 3}, {4, 5, 6}});
        assertArrayEquals(new float[]{5f, 7f, 9f}, g.mm(w).toFloatArray());
    }

    @Test
    void mmWithExpandedRowsMultipliesCorrectly() {
        Tensor g = Tensor.of(1f, 2f).expand(3, 2);                     // strides [0, 1]
        Tensor w = Tensor.of(new float[][]{{1, 0}, {0, 1}});
        assertArrayEquals(new float[]{1f, 2f, 1f, 2f, 1f, 2f}, g.mm(w).toFloatArray());
        Tensor x = Tensor.of(new float[][]{{1, 1}, {2, 2}, {3, 3}});
        assertArrayEquals(new float[]{6f, 6f, 12f, 12f}, g.t().mm(x).toFloatArray());
    }
}
