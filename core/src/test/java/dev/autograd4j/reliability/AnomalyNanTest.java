package dev.autograd4j.reliability;

import dev.autograd4j.Tensor;
import dev.autograd4j.Warnings;
import dev.autograd4j.autograd.Autograd;
import dev.autograd4j.autograd.Function;
import dev.autograd4j.autograd.FunctionCtx;
import dev.autograd4j.nn.F;
import dev.autograd4j.nn.Linear;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Anomaly mode finds the node whose backward first produced a NaN, deep inside a larger graph, and names it. */
class AnomalyNanTest {
    /** Identity forward whose backward poisons the gradient: a stand-in for a user rule with a bug. */
    static final class Poison extends Function {
        @Override
        protected Tensor forward(FunctionCtx ctx, Tensor... in) { return in[0].clone(); }

        @Override
        protected Tensor[] backward(FunctionCtx ctx, Tensor... g) { return new Tensor[]{g[0].mul(Double.NaN)}; }
    }

    private static RuntimeException backwardUnderAnomaly(Tensor loss, boolean checkNan) {
        RuntimeException[] thrown = new RuntimeException[1];
        Warnings.capture(() -> {
            try (var a = Autograd.detectAnomaly(checkNan)) {
                loss.backward();
            } catch (RuntimeException e) {
                thrown[0] = e;
            }
        });
        return thrown[0];
    }

    @Test
    void aNanFromAUserFunctionInTheMiddleOfAModelIsNamed() {
        Tensor.manualSeed(1);
        Linear a = new Linear(4, 4), b = new Linear(4, 1);
        Tensor loss = F.mseLoss(b.call(new Poison().apply(a.call(Tensor.randn(8, 4))).relu()), Tensor.zeros(8, 1));
        RuntimeException e = backwardUnderAnomaly(loss, true);
        assertNotNull(e, "anomaly mode must stop the backward");
        assertEquals("Function 'PoisonBackward' returned nan values in its 0th output.", e.getMessage());
        assertNull(a.weight().grad(), "nothing reached the layer before the poisoned node");
        assertNotNull(b.weight().grad(), "the layer after it already got its gradient");
    }

    @Test
    void aNanFromADivisionByZeroNamesDivBackward() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_(), y = Tensor.of(0f, 1f).requiresGrad_();
        Tensor loss = x.div(y).mul(0).sum(); // forward: 0 * inf = nan would also appear; backward: -x/y² * 0 = nan
        RuntimeException e = backwardUnderAnomaly(loss, true);
        assertNotNull(e);
        assertTrue(e.getMessage().startsWith("Function 'DivBackward0' returned nan values in its"), e.getMessage());
    }

    @Test
    void withoutTheNanCheckTheNanReachesTheLeaves() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Tensor loss = new Poison().apply(x).sum();
        assertNull(backwardUnderAnomaly(loss, false));
        assertTrue(Float.isNaN(x.grad().toFloatArray()[0]));
        Tensor x2 = Tensor.of(1f, 2f).requiresGrad_();
        new Poison().apply(x2).sum().backward();
        assertTrue(Float.isNaN(x2.grad().toFloatArray()[1]), "and without anomaly mode at all");
        assertEquals(List.of(), Warnings.capture(() -> new Poison().apply(Tensor.of(1f).requiresGrad_()).sum().backward()));
    }
}
