package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.nn.F;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Layouts and argument errors of the window ops (values and gradients are in Ops2GoldenTest and OpGradCheckTest). */
class WindowOpsTest {

    @Test
    void fUnfoldIsContiguousLikePyTorchsSoViewsWork() {
        Tensor x = Tensor.randn(2, 3, 4, 4);
        Tensor cols = F.unfold(x, new int[]{2, 2}, new int[]{1, 1}, new int[]{0, 0}, new int[]{1, 1});
        assertTrue(cols.isContiguous());
        assertArrayEquals(new int[]{2, 12 * 9}, cols.view(2, -1).shape());
    }

    @Test
    void theConvolutionLayoutHoldsTheSameValuesAsFUnfold() {
        Tensor x = Tensor.randn(3, 2, 5, 4).to(DType.FLOAT64);
        Tensor plain = Dispatch.apply(new Op.Im2Col(3, 2, 1, 2, 1, 0, 2, 1, false), x);
        Tensor batched = Dispatch.apply(new Op.Im2Col(3, 2, 1, 2, 1, 0, 2, 1, true), x);
        assertArrayEquals(plain.shape(), batched.shape());
        assertArrayEquals(plain.toDoubleArray(), batched.contiguous().toDoubleArray());
        // ... and its [C*K, N, L] storage is the batch as one matrix, so this reshape is a view.
        Tensor m = batched.permute(1, 0, 2).reshape(2 * 6, -1);
        assertTrue(m.viewBase() != null, "reshape of the convolution layout should not copy");
    }

    @Test
    void badArgumentsThrowClearMessagesAndLeaveInputsUnchanged() {
        Tensor x = Tensor.randn(1, 3, 4, 4);
        double[] before = x.toDoubleArray();
        Exception e = assertThrows(IllegalArgumentException.class, () -> F.conv2d(x, Tensor.randn(2, 2, 3, 3), null));
        assertTrue(e.getMessage().contains("expected input[1, 3, 4, 4] to have 2 channels, but got 3 channels instead"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.conv2d(x, Tensor.randn(2, 3, 5, 5), null));
        assertTrue(e.getMessage().contains("Kernel size can't be greater than actual input size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.maxPool2d(x, new int[]{2, 2}, new int[]{2, 2}, new int[]{2, 2}, new int[]{1, 1}));
        assertTrue(e.getMessage().contains("pad should be at most half of effective kernel size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.pad(x, new int[]{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 0));
        assertTrue(e.getMessage().contains("Padding length should be less than or equal to two times the input dimension"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.pad(x, new int[]{-3, -2}, 0));
        assertTrue(e.getMessage().contains("resulted in a negative output size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.kthvalue(5, -1, false));
        assertTrue(e.getMessage().contains("kthvalue(): selected number k out of range"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.unfold(3, 5, 1));
        assertTrue(e.getMessage().contains("maximum size for tensor at dimension 3 is 4 but size is 5"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> Tensor.einsum("...ij,jk", x, Tensor.randn(4, 2)));
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.einsum("ij,jk->ik", Tensor.randn(2, 3), Tensor.randn(4, 2)));
        assertTrue(e.getMessage().contains("subscript 'j' has size 3 for one operand and 4 for another"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.fold(Tensor.randn(1, 8, 5), new int[]{4, 4}, new int[]{2, 2},
                new int[]{1, 1}, new int[]{0, 0}, new int[]{1, 1}));
        assertTrue(e.getMessage().contains("col2im: expected input of shape [N, C*2*2, 9]"), e.getMessage());
        assertArrayEquals(before, x.toDoubleArray());
        assertEquals(0, x.version());
    }

    @Test
    void maxPoolAndConvolutionRecordPyTorchsNodeNames() {
        Tensor x = Tensor.randn(1, 2, 4, 4).requiresGrad_();
        assertEquals("MaxPool2DWithIndicesBackward0", F.maxPool2d(x, 2).gradFn().name());
        assertEquals("ConvolutionBackward0", F.conv2d(x, Tensor.randn(3, 2, 2, 2), Tensor.randn(3)).gradFn().name());
        assertEquals("ConvolutionBackward0", F.conv1d(x.select(0, 0), Tensor.randn(3, 4, 2), null, 1, 0, 1, 1).gradFn().name());
        assertEquals("ConstantPadNdBackward0", F.pad(x, new int[]{1, 1}, 0).gradFn().name());
        assertEquals("Im2ColBackward0", F.unfold(x, new int[]{2, 2}, new int[]{1, 1}, new int[]{0, 0}, new int[]{1, 1}).gradFn().name());
        assertEquals("UnfoldBackward0", x.unfold(2, 2, 1).gradFn().name());
        assertEquals("MedianBackward0", x.median().gradFn().name());
        assertEquals("KthvalueBackward0", x.kthvalue(1, 0, false).values().gradFn().name());
    }
}
