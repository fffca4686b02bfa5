package dev.autograd4j.tensor;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Views share storage and the version counter with their base; their strides describe the view. */
class ViewsTest {
    private static Tensor range(int... shape) {
        int n = Shapes.numel(shape);
        float[] d = new float[n];
        for (int i = 0; i < n; i++) d[i] = i;
        return Tensor.of(d, shape);
    }

    @Test
    void everyViewOpSharesStorageAndWritesThroughToTheBase() {
        Tensor base = range(2, 3, 4);
        Tensor[] views = {
            base.view(6, 4), base.reshape(4, 6), base.transpose(0, 2), base.permute(2, 0, 1),
            base.select(1, 2), base.slice(2, 1, 3), base.narrow(0, 1, 1), base.unsqueeze(1),
            base.slice(0, 0, 1).squeeze(0), base.flatten(), base.select(0, 0).t(),
            base.select(0, 0).select(0, 0).unsqueeze(0).expand(5, 4)
        };
        for (Tensor v : views) {
            assertSame(base.storage(), v.storage(), "view shares storage");
            assertSame(base.versionCounter(), v.versionCounter(), "view shares the version counter");
        }
        Tensor v = base.transpose(0, 2);          // element (k, j, i) of v is (i, j, k) of base
        v.select(0, 3).select(0, 1).select(0, 1).fill_(-7);
        assertEquals(-7, base.get(1, 1, 3));
        assertEquals(1, base.version());
    }

    @Test
    void nonContiguousResultsHaveTheExpectedStrides() {
        Tensor x = range(2, 3, 4);
        assertArrayEquals(new int[]{12, 4, 1}, x.stride());
        assertArrayEquals(new int[]{1, 4, 12}, x.transpose(0, 2).stride());
        assertArrayEquals(new int[]{1, 12, 4}, x.permute(2, 0, 1).stride());
        assertArrayEquals(new int[]{12, 4, 2}, x.slice(2, 0, 4, 2).stride());
        assertArrayEquals(new int[]{0, 12, 4, 1}, x.expand(5, 2, 3, 4).stride());
        assertFalse(x.transpose(0, 2).isContiguous());
        assertTrue(x.transpose(0, 2).contiguous().isContiguous());
        assertEquals(4, x.select(0, 0).slice(0, 1, 3).storageOffset());
        assertEquals(13, x.select(0, 1).select(1, 1).storageOffset());
    }

    @Test
    void reshapeViewsWhenPossibleAndCopiesOtherwise() {
        Tensor x = range(2, 3);
        assertSame(x.storage(), x.reshape(3, 2).storage());
        Tensor t = x.t();
        assertNotSame(x.storage(), t.reshape(6).storage());
        assertArrayEquals(new float[]{0, 3, 1, 4, 2, 5}, t.reshape(6).toFloatArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.view(6));
        assertEquals("view size is not compatible with input tensor's size and stride (at least one dimension spans "
                + "across two contiguous subspaces). Use .reshape(...) instead.", e.getMessage());
    }

    @Test
    void detachSharesStorageAndVersionButDataDoesNotShareTheVersion() {
        Tensor x = range(3);
        Tensor d = x.detach();
        d.add_(1);
        assertEquals(1, x.version());
        assertArrayEquals(new float[]{1, 2, 3}, x.toFloatArray());
        x.data().add_(1);
        assertEquals(1, x.version(), ".data is not tracked by the version counter");
        assertArrayEquals(new float[]{2, 3, 4}, x.toFloatArray());
    }

    @Test
    void broadcastingFollowsNumpyRulesIncludingZeroSizeDims() {
        assertArrayEquals(new int[]{2, 3, 4}, Tensor.zeros(4).add(Tensor.zeros(2, 3, 4)).shape());
        assertArrayEquals(new int[]{3, 4}, Tensor.zeros(3, 1).mul(Tensor.zeros(1, 4)).shape());
        assertArrayEquals(new int[]{0, 4}, Tensor.zeros(0, 1).add(Tensor.zeros(4)).shape());
        assertArrayEquals(new int[]{2, 0}, Tensor.zeros(2, 1).add(Tensor.zeros(0)).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3).add(Tensor.zeros(2, 4)));
        assertEquals("The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1", e.getMessage());
    }

    @Test
    void typePromotionFollowsPyTorch() {
        Tensor f32 = Tensor.of(1f, 2f), f64 = Tensor.of(1.0, 2.0), i64 = Tensor.of(new long[]{1, 2});
        assertEquals(DType.FLOAT64, f32.add(f64).dtype());
        assertEquals(DType.FLOAT32, f32.mul(2.5).dtype(), "Java scalars do not promote");
        assertEquals(DType.FLOAT32, i64.add(f32).dtype());
        assertEquals(DType.INT64, i64.add(i64).dtype());
        assertEquals(DType.FLOAT32, i64.div(i64).dtype(), "true division gives float");
        assertEquals(DType.FLOAT32, f32.add(Tensor.scalar(1, DType.FLOAT64)).dtype(), "0-dim does not promote a dimensioned tensor");
        assertEquals(DType.BOOL, f32.gt(1).dtype());
        assertEquals(DType.FLOAT64, f32.to(DType.FLOAT64).dtype());
    }

    @Test
    void badInputNamesTheProblemAndLeavesOperandsUnchanged() {
        Tensor a = range(2, 3);
        Tensor b = range(3, 2);
        assertThrows(IllegalArgumentException.class, () -> a.add_(b));
        assertArrayEquals(new float[]{0, 1, 2, 3, 4, 5}, a.toFloatArray());
        assertEquals(0, a.version());
        IllegalArgumentException mm = assertThrows(IllegalArgumentException.class, () -> a.mm(a));
        assertEquals("mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)", mm.getMessage());
        IndexOutOfBoundsException dim = assertThrows(IndexOutOfBoundsException.class, () -> a.sum(2));
        assertEquals("Dimension out of range (expected to be in range of [-2, 1], but got 2)", dim.getMessage());
        IndexOutOfBoundsException idx = assertThrows(IndexOutOfBoundsException.class, () -> a.select(0, 5));
        assertEquals("index 5 is out of bounds for dimension 0 with size 2", idx.getMessage());
        IllegalArgumentException inplaceShape = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(3).add_(Tensor.zeros(2, 3)));
        assertEquals("output with shape [3] doesn't match the broadcast shape [2, 3]", inplaceShape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new long[]{1}).add_(Tensor.of(0.5f)));
    }
}
