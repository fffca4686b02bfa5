package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The dense float32 paths of where and of comparing with a scalar give what the general strided paths give: each
 * case is run once on contiguous tensors (dense path) and once on transposed copies (general path).
 */
class DenseWhereCompareTest {

    private static float[] values(Tensor t) { return t.contiguous().toFloatArray(); }

    /** The same values as {@code t} ([r, c]), held as a transposed view (not contiguous). */
    private static Tensor strided(Tensor t) { return t.t().contiguous().t(); }

    @Test
    void whereMatchesTheGeneralPathForEveryOperandShape() {
        Tensor.manualSeed(7);
        Tensor x = Tensor.randn(6, 5);
        Tensor y = Tensor.randn(6, 5);
        Tensor cond = x.le(0);
        Tensor condS = strided(x).le(0);
        Tensor zero = Tensor.scalar(0, DType.FLOAT32), two = Tensor.scalar(2, DType.FLOAT32);
        Tensor[][] pairs = {{x, y}, {zero, y}, {x, two}, {zero, two}};
        for (Tensor[] p : pairs) {
            Tensor a = p[0], b = p[1];
            Tensor aS = a.numel() == 1 ? a : strided(a), bS = b.numel() == 1 ? b : strided(b);
            assertArrayEquals(values(Tensor.where(condS, aS, bS)), values(Tensor.where(cond, a, b)));
        }
    }

    @Test
    void compareWithAScalarMatchesTheGeneralPathIncludingNaN() {
        Tensor x = Tensor.of(new float[] {-1, 0, 1, Float.NaN, 2, -0f}, new int[] {2, 3});
        Tensor xs = strided(x);
        for (double s : new double[] {0, 1}) {
            assertArrayEquals(xs.le(s).contiguous().toBooleanArray(), x.le(s).toBooleanArray());
            assertArrayEquals(xs.gt(s).contiguous().toBooleanArray(), x.gt(s).toBooleanArray());
            assertArrayEquals(xs.eq(s).contiguous().toBooleanArray(), x.eq(s).toBooleanArray());
            assertArrayEquals(xs.ne(s).contiguous().toBooleanArray(), x.ne(s).toBooleanArray());
        }
        assertArrayEquals(new boolean[] {true, true, false, false, false, true}, x.le(0).toBooleanArray());
    }
}
