package dev.autograd4j.autograd;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.nn.F;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The weight gradient from the forward's kept im2col columns (NOTE [Convolution columns]) against the one from
 * rebuilt columns: the first backward of a retained graph takes the columns, the second rebuilds them.
 */
class ConvolutionColumnsTest {

    @Test
    void keptColumnsGiveTheRebuiltColumnsWeightGradient() {
        Tensor.manualSeed(3);
        for (DType t : new DType[]{DType.FLOAT32, DType.FLOAT64}) {
            check(Tensor.randn(2, 4, 7, 9).to(t), Tensor.randn(6, 2, 3, 2).to(t),
                    (x, w) -> F.conv2d(x, w, null, new int[]{2, 1}, new int[]{1, 2}, new int[]{1, 2}, 2));
            check(Tensor.randn(3, 3, 8, 6).to(t), Tensor.randn(5, 3, 5, 5).to(t),
                    (x, w) -> F.conv2d(x, w, null, new int[]{1, 1}, new int[]{2, 2}, new int[]{1, 1}, 1));
            // Non-contiguous input, and a 1-D convolution.
            check(Tensor.randn(2, 3, 6, 5).to(t).transpose(2, 3), Tensor.randn(4, 3, 3, 3).to(t),
                    (x, w) -> F.conv2d(x, w, null, new int[]{2, 2}, new int[]{1, 0}, new int[]{1, 1}, 1));
            check(Tensor.randn(2, 4, 11).to(t), Tensor.randn(6, 2, 3).to(t), (x, w) -> F.conv1d(x, w, null, 2, 1, 2, 2));
        }
    }

    @Test
    void anInPlaceChangeOfTheInputStillFailsTheBackward() {
        Tensor x = Tensor.randn(1, 2, 5, 5);
        Tensor w = Tensor.randn(3, 2, 3, 3).requiresGrad_();
        Tensor y = F.conv2d(x, w, null).sum();
        x.mul_(2);
        Exception e = assertThrows(RuntimeException.class, y::backward);
        assertTrue(e.getMessage().contains("modified by an inplace operation"), e.getMessage());
    }

    @Test
    void forwardADOnTheSameOpKeepsThePrimalColumns() {
        Tensor x = Tensor.randn(2, 2, 5, 6);
        Tensor w = Tensor.randn(3, 2, 3, 3).requiresGrad_();
        Tensor r = Tensor.randn(2, 3, 5, 6);
        Tensor want = Autograd.grad(List.of(F.conv2d(x, w, null, new int[]{1, 1}, new int[]{1, 1}, new int[]{1, 1}, 1).mul(r).sum()),
                List.of(w)).get(0);
        Tensor got;
        try (DualLevel level = ForwardAD.dualLevel()) {
            // The jvp reruns the op on the tangent of x: its columns must not replace x's.
            Tensor xd = ForwardAD.makeDual(x, Tensor.randn(2, 2, 5, 6).mul(100));
            Tensor y = F.conv2d(xd, w, null, new int[]{1, 1}, new int[]{1, 1}, new int[]{1, 1}, 1);
            got = Autograd.grad(List.of(y.mul(r).sum()), List.of(w)).get(0);
        }
        assertArrayEquals(want.toDoubleArray(), got.toDoubleArray(), 1e-4);
    }

    private static void check(Tensor x, Tensor w, BiFunction<Tensor, Tensor, Tensor> conv) {
        Tensor wl = w.detach().requiresGrad_();
        Tensor y = conv.apply(x, wl);
        Tensor r = Tensor.randn(y.shape()).to(y.dtype());
        Tensor loss = y.mul(r).sum();
        Tensor kept = Autograd.grad(List.of(loss), List.of(wl), null, true, false, false).get(0);
        Tensor rebuilt = Autograd.grad(List.of(loss), List.of(wl), null, false, false, false).get(0);
        assertArrayEquals(rebuilt.toDoubleArray(), kept.toDoubleArray(), 0.0);
        // With x differentiable and a graph built, the columns are rebuilt by the Im2Col op (double backward).
        Tensor xl = x.detach().requiresGrad_();
        Tensor lx = conv.apply(xl, wl).mul(r).sum();
        Tensor gw = Autograd.grad(List.of(lx), List.of(wl), null, true, true, false).get(0);
        assertArrayEquals(rebuilt.toDoubleArray(), gw.toDoubleArray(), 0.0);
        assertTrue(gw.requiresGrad(), "the weight gradient should depend on x under create_graph");
    }
}
