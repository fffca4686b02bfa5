package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * SPEC I1/J6: a custom Function under forward AD: its jvp gives the outputs' tangents (the forward runs without
 * them), a Function without jvp raises PyTorch's text, and Functional's jvp/hvp then fall back to the
 * double-backward trick, which needs only backward.
 */
class FunctionJvpTest {

    /** exp with both rules; counts how often jvp runs and whether forward saw a tangent. */
    static final class ExpWithJvp extends Function {
        int jvpCalls;
        boolean forwardSawTangent;

        @Override protected Tensor forward(FunctionCtx ctx, Tensor... in) {
            forwardSawTangent |= ForwardAD.unpackDual(in[0].mul(1)).tangent() != null;
            Tensor r = in[0].exp();
            ctx.saveForBackward(r);
            return r;
        }

        @Override protected Tensor[] backward(FunctionCtx ctx, Tensor... g) {
            return new Tensor[]{g[0].mul(ctx.savedTensors().get(0))};
        }

        @Override protected Tensor[] jvp(FunctionCtx ctx, Tensor... t) {
            jvpCalls++;
            return new Tensor[]{t[0].mul(ctx.savedTensors().get(0))};
        }
    }

    @Test
    void i1JvpGivesTheTangentAndTheForwardRunsWithoutTangents() {
        ExpWithJvp fn = new ExpWithJvp();
        try (DualLevel level = ForwardAD.dualLevel()) {
            Tensor y = fn.apply(ForwardAD.makeDual(Tensor.of(0f, 1f), Tensor.of(1f, 2f)));
            assertEquals("tensor([1.0000, 2.7183], tangent=tensor([1.0000, 5.4366]))", y.toString());
        }
        assertEquals(1, fn.jvpCalls);
        assertFalse(fn.forwardSawTangent, "forward's own ops carry no tangents");
    }

    @Test
    void i1WithoutJvpADualInputRaisesPyTorchsText() {
        try (DualLevel level = ForwardAD.dualLevel()) {
            Tensor d = ForwardAD.makeDual(Tensor.of(0f, 1f), Tensor.of(1f, 2f));
            var e = assertThrows(JvpNotImplementedException.class, () -> new FunctionTest.Exp().apply(d));
            assertEquals("You must implement the jvp function for custom autograd.Function to use it with forward mode AD.",
                    e.getMessage());
            // plain inputs inside a level need no jvp
            assertEquals("tensor([1.])", new FunctionTest.Exp().apply(Tensor.of(0f)).toString());
        }
    }

    @Test
    void j4FunctionalJvpAndHvpUseTheJvpOrFallBackToTheTrick() {
        Tensor x = Tensor.of(0.0, 1.0), v = Tensor.of(1.0, 2.0);
        Tensor expected = x.exp().mul(v);
        ExpWithJvp withJvp = new ExpWithJvp();
        assertArrayEquals(expected.toDoubleArray(), Functional.jvp(t -> withJvp.apply(t), x, v).product().toDoubleArray(), 1e-15);
        assertEquals(1, withJvp.jvpCalls);
        assertArrayEquals(expected.toDoubleArray(),
                Functional.jvp(t -> new FunctionTest.Exp().apply(t), x, v).product().toDoubleArray(), 1e-15);
        // H of sum(exp(x)) is diag(exp(x))
        assertArrayEquals(expected.toDoubleArray(),
                Functional.hvp(t -> new FunctionTest.Exp().apply(t).sum(), x, v).product().toDoubleArray(), 1e-15);
        assertFalse(ForwardAD.isActive());
    }

    @Test
    void j1VectorizedForwardModeRunsTheJvpPerDirection() {
        ExpWithJvp fn = new ExpWithJvp();
        Tensor x = Tensor.of(0.0, 1.0, 2.0);
        Tensor j = Functional.jacobian(t -> fn.apply(t), x,
                Functional.options().strategy(Functional.FORWARD_MODE).vectorize(true));
        assertEquals(3, fn.jvpCalls);
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) assertEquals(i == k ? Math.exp(i) : 0, j.get(i, k), 1e-15);
        }
        var e = assertThrows(JvpNotImplementedException.class, () -> Functional.jacobian(t -> new FunctionTest.Exp().apply(t),
                x, Functional.options().strategy(Functional.FORWARD_MODE)));
        assertTrue(e.getMessage().startsWith("You must implement the jvp function"));
    }
}
