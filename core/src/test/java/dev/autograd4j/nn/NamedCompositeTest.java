package dev.autograd4j.nn;

import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.Autograd;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * NOTE [Named composites]: a loss records one node with PyTorch's name, its gradient is the composite's, and with
 * createGraph it stays differentiable. Expected values: L = mean((x - y)²) has dL/dx = 2(x - y)/N and
 * d/dx sum(dL/dx) = 2/N per element.
 */
class NamedCompositeTest {

    @Test
    void aLossRecordsOneNamedNodeWithTheCompositesGradient() {
        Tensor x = Tensor.of(1f, 2f, 4f, 8f).requiresGrad_();
        Tensor y = Tensor.of(0f, 0f, 0f, 0f);
        Tensor loss = F.mseLoss(x, y);
        assertEquals("MseLossBackward0", loss.gradFn().name());
        assertEquals(2, loss.gradFn().nextFunctions().size());
        loss.backward();
        assertArrayEquals(new float[]{0.5f, 1f, 2f, 4f}, x.grad().toFloatArray(), 1e-6f);
    }

    @Test
    void aLossStaysDifferentiableWithCreateGraph() {
        Tensor x = Tensor.of(1.0, 2.0, 4.0, 8.0).requiresGrad_();
        Tensor y = Tensor.of(0.0, 1.0, 0.0, 1.0);
        Tensor g = Autograd.grad(List.of(F.mseLoss(x, y)), List.of(x), null, false, true, false).get(0);
        Tensor gg = Autograd.grad(List.of(g.sum()), List.of(x)).get(0);
        assertArrayEquals(new double[]{0.5, 0.5, 0.5, 0.5}, gg.toDoubleArray(), 1e-12);
    }

    @Test
    void withoutGradTheLossIsAPlainTensor() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Tensor loss = Autograd.noGrad(() -> F.l1Loss(x, Tensor.zeros(2)));
        assertFalse(loss.requiresGrad());
        assertEquals(1.5, loss.item(), 1e-7);
    }
}
