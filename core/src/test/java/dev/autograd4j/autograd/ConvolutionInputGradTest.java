package dev.autograd4j.autograd;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.nn.F;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The input gradient of a plain backward (ConvolutionInputGrad: GEMM and col2im in chunks of samples) against the
 * differentiable composite that create_graph takes, on awkward geometries, both dtypes, and batches of several chunks.
 */
class ConvolutionInputGradTest {

    @Test
    void chunkedInputGradientEqualsTheCompositeOne() {
        Tensor.manualSeed(5);
        for (DType t : new DType[]{DType.FLOAT32, DType.FLOAT64}) {
            Tensor w1 = Tensor.randn(6, 4, 3, 2).to(t).requiresGrad_();
            check(Tensor.randn(3, 4, 7, 9).to(t), x -> F.conv2d(x, w1, null, new int[]{2, 1}, new int[]{1, 2}, new int[]{1, 2}, 1));
            // 320 KB (float) of columns per sample: several 2 MB chunks, the last one short.
            Tensor w2 = Tensor.randn(4, 8, 5, 5).to(t).requiresGrad_();
            check(Tensor.randn(9, 8, 20, 20).to(t), x -> F.conv2d(x, w2, null, new int[]{1, 1}, new int[]{2, 2}, new int[]{1, 1}, 1));
            Tensor w3 = Tensor.randn(5, 3, 3, 3).to(t).requiresGrad_();
            check(Tensor.randn(2, 3, 6, 5).to(t).transpose(2, 3), x -> F.conv2d(x, w3, null, new int[]{2, 2}, new int[]{1, 0}, new int[]{1, 1}, 1));
            Tensor w4 = Tensor.randn(6, 4, 3).to(t).requiresGrad_();
            check(Tensor.randn(2, 4, 11).to(t), x -> F.conv1d(x, w4, null, 2, 1, 2, 1));
        }
    }

    private static void check(Tensor x, Function<Tensor, Tensor> conv) {
        Tensor xl = x.detach().requiresGrad_();
        Tensor y = conv.apply(xl);
        Tensor loss = y.mul(Tensor.randn(y.shape()).to(y.dtype())).sum();
        Tensor composite = Autograd.grad(List.of(loss), List.of(xl), null, true, true, false).get(0);
        Tensor chunked = Autograd.grad(List.of(loss), List.of(xl), null, false, false, false).get(0);
        assertTrue(composite.requiresGrad(), "create_graph should have taken the differentiable path (dx depends on w)");
        assertArrayEquals(x.shape(), chunked.shape());
        double tol = x.dtype() == DType.FLOAT64 ? 1e-12 : 1e-4;
        assertArrayEquals(composite.detach().toDoubleArray(), chunked.toDoubleArray(), tol);
    }
}
