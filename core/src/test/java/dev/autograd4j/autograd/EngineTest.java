package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The engine: diamonds, reuse, broadcast reduction, depth, accumulation and release of saved tensors. */
class EngineTest {
    @Test
    void diamondSumsBothPaths() {
        Tensor x = Tensor.of(3.0).requiresGrad_();
        Tensor a = x.mul(2), b = x.mul(x);            // d/dx (2x * x^2) = 6x^2 = 54
        a.mul(b).sum().backward();
        assertEquals(54.0, x.grad().item(), 1e-12);
    }

    @Test
    void aLeafUsedManyTimesSharesOneAccumulateGradNode() {
        Tensor x = Tensor.of(2f).requiresGrad_();
        Tensor y = x.mul(x);
        assertSame(y.gradFn().nextFunctions().get(0).node(), y.gradFn().nextFunctions().get(1).node());
        y.add(x.mul(2)).add(x).sum().backward();      // 2x + 3 = 7
        assertEquals(7.0, x.grad().item());
    }

    @Test
    void broadcastInputsReceiveGradientsSummedToTheirShape() {
        Tensor a = Tensor.ones(3, 1).requiresGrad_(), b = Tensor.full(2.0, 1, 4).requiresGrad_();
        a.mul(b).sum().backward();
        assertArrayEquals(new int[]{3, 1}, a.grad().shape());
        assertArrayEquals(new float[]{8, 8, 8}, a.grad().toFloatArray());
        assertArrayEquals(new float[]{3, 3, 3, 3}, b.grad().toFloatArray());
    }

    @Test
    void savedTensorsAreReleasedAfterBackwardUnlessRetained() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Tensor y = x.exp().sum();
        y.backward(null, true, false);
        y.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().startsWith("Trying to backward through the graph a second time"));
    }

    @Test
    void gradReturnsOneGradientPerInputWithoutTouchingDotGrad() {
        Tensor x = Tensor.of(4f).requiresGrad_(), w = Tensor.of(2f).requiresGrad_();
        Tensor z = x.pow(2).add(w.pow(2));
        List<Tensor> g = Autograd.grad(List.of(z), List.of(x, w));
        assertEquals(8.0, g.get(0).item());
        assertEquals(4.0, g.get(1).item());
        assertNull(x.grad());
    }

    @Test
    void secondOrderGradientsThroughCreateGraph() {
        Tensor x = Tensor.scalar(2.0).requiresGrad_();
        Tensor y = x.pow(3);
        Tensor g1 = Autograd.grad(List.of(y), List.of(x), null, false, true, false).get(0);
        Tensor g2 = Autograd.grad(List.of(g1), List.of(x), null, false, true, false).get(0);
        Tensor g3 = Autograd.grad(List.of(g2), List.of(x)).get(0);
        assertEquals(12.0, g1.item());
        assertEquals(12.0, g2.item());
        assertEquals(6.0, g3.item());
    }

    @Test
    void threadsSharingALeafAccumulateTheSumOfTheirGradients() throws Exception {
        Tensor w = Tensor.ones(4).requiresGrad_();
        int threads = 4, iters = 200;
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            final int k = t + 1;
            ts[t] = new Thread(() -> {
                for (int i = 0; i < iters; i++) w.mul(k).sum().backward();
            });
            ts[t].start();
        }
        for (Thread t : ts) t.join();
        // each thread k adds k per step: iters * (1 + 2 + 3 + 4)
        for (float v : w.grad().toFloatArray()) assertEquals(iters * 10f, v);
    }
}
