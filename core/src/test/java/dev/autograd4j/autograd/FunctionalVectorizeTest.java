package dev.autograd4j.autograd;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/**
 * SPEC J1/J3 vectorize: all rows (reverse mode) or all columns (forward mode) of a jacobian in one batched pass,
 * checked against the row-by-row results and by counting passes.
 */
class FunctionalVectorizeTest {

    /** Doubles its input and counts how often its backward runs (one per engine pass through it). */
    static final class CountingDouble extends dev.autograd4j.autograd.Function {
        int backwardCalls;

        @Override protected Tensor forward(FunctionCtx ctx, Tensor... in) { return in[0].mul(2); }

        @Override protected Tensor[] backward(FunctionCtx ctx, Tensor... g) {
            backwardCalls++;
            return new Tensor[]{g[0].mul(2)};
        }
    }

    private static final Function<List<Tensor>, List<Tensor>> MULTI = xs -> List.of(
            xs.get(0).reshape(2, 3).mm(xs.get(1).reshape(3, 1).exp()).sigmoid(),
            xs.get(0).sin().mul(xs.get(0).sum()).cumsum(0).add(xs.get(1).pow(2).sum()),
            xs.get(1).softmax(0).log().mul(3),
            xs.get(0).narrow(0, 1, 2).mul(xs.get(1).narrow(0, 0, 2)).div(xs.get(1).narrow(0, 1, 2).abs().add(1)));

    private static Tensor randn64(long seed, int... shape) {
        Tensor.manualSeed(seed);
        return Tensor.randn(shape).to(DType.FLOAT64);
    }

    private static void assertSameBlocks(List<List<Tensor>> expected, List<List<Tensor>> actual, double tol) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            for (int j = 0; j < expected.get(i).size(); j++) {
                Tensor e = expected.get(i).get(j), a = actual.get(i).get(j);
                assertArrayEquals(e.shape(), a.shape(), i + "," + j);
                assertArrayEquals(e.toDoubleArray(), a.toDoubleArray(), tol, i + "," + j);
            }
        }
    }

    @Test
    void j1VectorizedReverseModeEqualsTheRowByRowJacobian() {
        List<Tensor> in = List.of(randn64(1, 6), randn64(2, 3));
        var rows = Functional.jacobianMulti(MULTI, in);
        var vec = Functional.jacobianMulti(MULTI, in, Functional.options().vectorize(true));
        assertSameBlocks(rows, vec, 1e-13);
        assertFalse(vec.get(0).get(0).requiresGrad());
        assertFalse(ForwardAD.isActive());
    }

    @Test
    void j1VectorizedForwardModeEqualsTheRowByRowJacobian() {
        List<Tensor> in = List.of(randn64(3, 6), randn64(4, 3));
        var rows = Functional.jacobianMulti(MULTI, in);
        var vec = Functional.jacobianMulti(MULTI, in,
                Functional.options().vectorize(true).strategy(Functional.FORWARD_MODE));
        assertSameBlocks(rows, vec, 1e-13);
    }

    /** f(t) = sum_1(exp(2t)), with a hook on the intermediate that counts the backward passes through it. */
    private static Function<Tensor, Tensor> hooked(int[] passes) {
        return t -> {
            Tensor h = t.mul(2);
            h.registerHook(g -> {
                passes[0]++;
                return g;
            });
            return h.exp().sum(1);
        };
    }

    @Test
    void j1VectorizedReverseModeRunsTheBackwardOnce() {
        Tensor x = randn64(5, 2, 3);
        int[] rowByRow = {0}, vectorized = {0};
        Tensor a = Functional.jacobian(hooked(rowByRow), x);
        Tensor b = Functional.jacobian(hooked(vectorized), x, Functional.options().vectorize(true));
        assertArrayEquals(a.toDoubleArray(), b.toDoubleArray(), 1e-13);
        assertArrayEquals(new int[]{2, 2, 3}, b.shape());
        assertEquals(2, rowByRow[0], "one backward per output element");
        assertEquals(1, vectorized[0], "one backward for all rows");
    }

    @Test
    void j1VectorizedThroughACustomFunctionRunsRowByRowAndStaysRight() {
        // A custom backward may compute outside tensor ops, where a batch of tangents would be lost.
        Tensor x = randn64(6, 2, 3);
        CountingDouble fn = new CountingDouble();
        Tensor j = Functional.jacobian(t -> fn.apply(t).exp().sum(1), x, Functional.options().vectorize(true));
        assertEquals(2, fn.backwardCalls);
        assertArrayEquals(Functional.jacobian(t -> t.mul(2).exp().sum(1), x).toDoubleArray(), j.toDoubleArray(), 1e-13);
    }

    @Test
    void j1VectorizedForwardModeCallsTheFunctionOnce() {
        int[] calls = {0};
        Function<Tensor, Tensor> f = t -> {
            calls[0]++;
            return t.pow(2).mm(t.t()).tanh();
        };
        Tensor x = randn64(6, 3, 2);
        Tensor rows = Functional.jacobian(f, x);
        calls[0] = 0;
        Tensor vec = Functional.jacobian(f, x, Functional.options().vectorize(true).strategy(Functional.FORWARD_MODE));
        assertEquals(1, calls[0]);
        assertArrayEquals(rows.toDoubleArray(), vec.toDoubleArray(), 1e-13);
        calls[0] = 0;
        Functional.jacobian(f, x, Functional.options().strategy(Functional.FORWARD_MODE));
        assertEquals(6, calls[0], "without vectorize: one forward pass per input element");
    }

    @Test
    void j3VectorizedHessiansEqualTheRowByRowHessian() {
        Function<List<Tensor>, Tensor> f = xs -> xs.get(0).pow(3).sum().mul(xs.get(1).sin().sum())
                .add(xs.get(0).reshape(2, 2).mm(xs.get(1).reshape(2, 1)).exp().sum());
        List<Tensor> in = List.of(randn64(7, 4), randn64(8, 2), randn64(9, 3));
        var rows = Functional.hessian(f, in);
        assertSameBlocks(rows, Functional.hessian(f, in, Functional.options().vectorize(true)), 1e-12);
        assertSameBlocks(rows, Functional.hessian(f, in,
                Functional.options().vectorize(true).outerJacobianStrategy(Functional.FORWARD_MODE)), 1e-12);
    }

    @Test
    void j1VectorizedInsideTheCallersDualLevelRunsRowByRow() {
        List<Tensor> in = List.of(randn64(10, 6), randn64(11, 3));
        var expected = Functional.jacobianMulti(MULTI, in);
        int[] passes = {0};
        try (DualLevel level = ForwardAD.dualLevel()) {
            assertSameBlocks(expected, Functional.jacobianMulti(MULTI, in, Functional.options().vectorize(true)), 1e-13);
            Functional.jacobian(hooked(passes), randn64(12, 2, 3), Functional.options().vectorize(true));
        }
        assertEquals(2, passes[0], "levels do not nest: one backward per row");
    }

    @Test
    void j1VectorizedWithCreateGraphKeepsTheGraph() {
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad_();
        Tensor j = Functional.jacobian(t -> t.pow(3), x, Functional.options().vectorize(true).createGraph(true));
        assertTrue(j.requiresGrad());
        // J = diag(3x^2); d/dx sum(J) = 6x
        assertEquals("tensor([ 6., 12.], dtype=torch.float64)", Autograd.grad(List.of(j.sum()), List.of(x)).get(0).toString());
    }

    @Test
    void j1VectorizedOutputsThatIgnoreTheInputGiveZeroBlocks() {
        Tensor x = Tensor.of(1.0, 2.0);
        var j = Functional.jacobianMulti(xs -> List.of(Tensor.of(3.0, 4.0, 5.0), xs.get(0).mul(2)), List.of(x),
                Functional.options().vectorize(true));
        assertEquals("tensor([[0., 0.],\n        [0., 0.],\n        [0., 0.]], dtype=torch.float64)", j.get(0).get(0).toString());
        assertEquals("tensor([[2., 0.],\n        [0., 2.]], dtype=torch.float64)", j.get(1).get(0).toString());
    }
}
