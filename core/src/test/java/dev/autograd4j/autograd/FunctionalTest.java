package dev.autograd4j.autograd;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/**
 * jacobian, hessian, vjp, jvp, hvp, vhp (SPEC J1-J5). Printed expectations are the outputs of cases 32-35; the
 * random-function checks compare against finite differences and against jacobian products.
 */
class FunctionalTest {

    private static Tensor expAdder(List<Tensor> xs) { return xs.get(0).exp().mul(2).add(xs.get(1).mul(3)); }

    private static Tensor doubling(Tensor x) {
        Tensor y = x.mul(2);
        while (y.data().norm().item() < 1000) y = y.mul(2);
        return y;
    }

    @Test
    void j1TutorialExpAdderGivesTwoExpXAndThree() {
        Tensor x = Tensor.of(0.4963f);
        List<Tensor> j = Functional.jacobian(FunctionalTest::expAdder, List.of(x, Tensor.of(0.7682f)));
        assertTrue(j.get(0).equal(x.exp().mul(2).reshape(1, 1)));
        assertEquals("tensor([[3.]])", j.get(1).toString());
        assertArrayEquals(new int[]{1, 1}, j.get(0).shape());
    }

    @Test
    void gradWithRespectToANonLeafInputReachesItWhenNothingLiesBehindIt() {
        // Functional's createGraph path differentiates with respect to x.view(x.shape()), a non-leaf target.
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Tensor v = x.view(2);
        Tensor g = Autograd.grad(List.of(v.pow(3).sum()), List.of(v), null, false, false, false).get(0);
        assertEquals("tensor([ 3., 12.])", g.toString());
    }

    @Test
    void j1DeterministicExpAdderGivesDiagonalBlocks() {
        List<Tensor> j = Functional.jacobian(FunctionalTest::expAdder, List.of(Tensor.of(0f, 1f, 2f), Tensor.of(1f, 1f, 1f)));
        assertEquals("tensor([[ 2.0000,  0.0000,  0.0000],\n        [ 0.0000,  5.4366,  0.0000],\n"
                + "        [ 0.0000,  0.0000, 14.7781]])", j.get(0).toString());
        assertEquals("tensor([[3., 0., 0.],\n        [0., 3., 0.],\n        [0., 0., 3.]])", j.get(1).toString());
    }

    @Test
    void j1ResultShapesFollowOutputAndInputShapes() {
        Tensor x = Tensor.of(1f, 2f, 3f);
        assertEquals("tensor([[2., 0., 0.],\n        [0., 4., 0.],\n        [0., 0., 6.]])",
                Functional.jacobian(t -> t.pow(2), x).toString());
        assertEquals("tensor([2., 4., 6.])", Functional.jacobian(t -> t.pow(2).sum(), x).toString());
        Tensor m = Tensor.of(new float[][]{{1, 2}, {3, 4}});
        assertEquals("tensor([[[1., 0.],\n         [1., 0.]],\n\n        [[0., 1.],\n         [0., 1.]]])",
                Functional.jacobian(t -> t.sum(0), m).toString());
        List<List<Tensor>> jt = Functional.jacobianMulti(xs -> List.of(xs.get(0).sum(), xs.get(0).mul(2)), List.of(x));
        assertArrayEquals(new int[]{3}, jt.get(0).get(0).shape());
        assertArrayEquals(new int[]{3, 3}, jt.get(1).get(0).shape());
    }

    @Test
    void j1SeveralOutputsAndInputsGiveBlocksPerOutputAndInput() {
        Tensor x = Tensor.of(1f, 2f, 3f), y = Tensor.of(4f, 5f);
        List<List<Tensor>> j = Functional.jacobianMulti(
                xs -> List.of(xs.get(0).sum().mul(xs.get(1)), xs.get(0).mul(2)), List.of(x, y));
        assertEquals("tensor([[4., 4., 4.],\n        [5., 5., 5.]])", j.get(0).get(0).toString());
        assertEquals("tensor([[6., 0.],\n        [0., 6.]])", j.get(0).get(1).toString());
        assertEquals("tensor([[2., 0., 0.],\n        [0., 2., 0.],\n        [0., 0., 2.]])", j.get(1).get(0).toString());
        assertEquals("tensor([[0., 0.],\n        [0., 0.],\n        [0., 0.]])", j.get(1).get(1).toString());
    }

    @Test
    void j2ResultsRequireGradOnlyWithCreateGraph() {
        Tensor xr = Tensor.of(1f, 2f).requiresGrad_();
        assertFalse(Functional.jacobian(t -> t.pow(3), xr).requiresGrad());
        Tensor j = Functional.jacobian(t -> t.pow(3), xr, Functional.options().createGraph(true));
        assertTrue(j.requiresGrad());
        // d/dx of trace(J) = d/dx sum(3x^2) = 6x: the graph reaches the caller's tensor
        assertEquals("tensor([ 6., 12.])", Autograd.grad(List.of(j.sum()), List.of(xr)).get(0).toString());
    }

    @Test
    void j1VectorizeGivesTheSameResult() {
        Tensor x = Tensor.of(1f, 2f, 3f);
        Functional.Options vec = Functional.options().vectorize(true);
        assertEquals("tensor([[2., 0., 0.],\n        [0., 4., 0.],\n        [0., 0., 6.]])",
                Functional.jacobian(t -> t.pow(2), x, vec).toString());
        Tensor y = Tensor.of(4f, 5f);
        Function<List<Tensor>, List<Tensor>> f = xs -> List.of(xs.get(0).sum().mul(xs.get(1)), xs.get(0).mul(2).sin());
        List<List<Tensor>> a = Functional.jacobianMulti(f, List.of(x, y));
        List<List<Tensor>> b = Functional.jacobianMulti(f, List.of(x, y), vec);
        for (int i = 0; i < 2; i++) for (int k = 0; k < 2; k++) assertTrue(a.get(i).get(k).equal(b.get(i).get(k)));
    }

    @Test
    void j2StrictModeRejectsAnOutputIndependentOfTheInput() {
        Tensor x = Tensor.of(1f, 2f, 3f);
        var e = assertThrows(IllegalStateException.class,
                () -> Functional.jacobian(t -> Tensor.ones(2), x, Functional.options().strict(true)));
        assertEquals("Output 0 of the user-provided function does not require gradients. The outputs must be computed "
                + "in a differentiable manner from the input when running in strict mode.", e.getMessage());
        assertEquals("tensor([[0., 0., 0.],\n        [0., 0., 0.]])", Functional.jacobian(t -> Tensor.ones(2), x).toString());
    }

    @Test
    void strictModeRejectsAnInputTheOutputIgnores() {
        var e = assertThrows(IllegalStateException.class, () -> Functional.jacobian(xs -> xs.get(0).mul(2),
                List.of(Tensor.of(1f), Tensor.of(2f)), Functional.options().strict(true)));
        assertEquals("Output 0 of the user-provided function is independent of input 1. This is not allowed in strict mode.",
                e.getMessage());
    }

    @Test
    void forwardModeRefusesCreateGraphAndUnknownStrategiesAreRejected() {
        Tensor x = Tensor.of(1f, 2f);
        var cg = assertThrows(UnsupportedOperationException.class, () -> Functional.jacobian(t -> t.sin(), x,
                Functional.options().strategy(Functional.FORWARD_MODE).createGraph(true)));
        assertTrue(cg.getMessage().startsWith("torch.autograd.functional.jacobian: `create_graph=True` and "
                + "`strategy=\"forward-mode\"` are not supported together (yet)."), cg.getMessage());
        var e = assertThrows(IllegalArgumentException.class,
                () -> Functional.jacobian(t -> t.sin(), x, Functional.options().strategy("sideways")));
        assertTrue(e.getMessage().startsWith("Expected strategy to be either \"forward-mode\" or \"reverse-mode\"."));
    }

    @Test
    void j3HessianOfSumOfCubesIsDiagSixX() {
        assertEquals("tensor([[ 6.,  0.,  0.],\n        [ 0., 12.,  0.],\n        [ 0.,  0., 18.]])",
                Functional.hessian(t -> t.pow(3).sum(), Tensor.of(1f, 2f, 3f)).toString());
    }

    @Test
    void j3HessianOfSeveralInputsGivesBlocks() {
        List<List<Tensor>> h = Functional.hessian(xs -> xs.get(0).pow(2).sum().mul(xs.get(1).sum()),
                List.of(Tensor.of(1f, 2f), Tensor.of(3f)));
        assertEquals("tensor([[6., 0.],\n        [0., 6.]])", h.get(0).get(0).toString());
        assertEquals("tensor([[2.],\n        [4.]])", h.get(0).get(1).toString());
        assertEquals("tensor([[2., 4.]])", h.get(1).get(0).toString());
        assertEquals("tensor([[0.]])", h.get(1).get(1).toString());
    }

    @Test
    void j3HessianNeedsASingleElementOutput() {
        var e = assertThrows(IllegalArgumentException.class, () -> Functional.hessian(t -> t.pow(2), Tensor.of(1f, 2f, 3f)));
        assertEquals("The Tensor returned by the function given to hessian should contain a single element", e.getMessage());
    }

    @Test
    void j5TutorialDoublingLoopVjp() {
        VjpResult r = Functional.vjp(FunctionalTest::doubling, Tensor.of(1f, 2f, 3f), Tensor.of(0.1f, 1.0f, 0.0001f));
        assertEquals("tensor([ 512., 1024., 1536.])", r.output().toString());
        assertEquals("tensor([5.1200e+01, 5.1200e+02, 5.1200e-02])", r.product().toString());
    }

    @Test
    void j4VjpWithoutVForAScalarFunctionAndTheErrorOtherwise() {
        VjpResult r = Functional.vjp(t -> t.pow(2).sum(), Tensor.of(1f, 2f), null);
        assertEquals("tensor(5.)", r.output().toString());
        assertEquals("tensor([2., 4.])", r.product().toString());
        var e = assertThrows(IllegalArgumentException.class, () -> Functional.vjp(t -> t.pow(2), Tensor.of(1f, 2f), null));
        assertEquals("The vector v can only be None if the user-provided function returns a single Tensor with a single "
                + "element.", e.getMessage());
    }

    @Test
    void j4JvpAndVjpOfSquares() {
        Tensor x = Tensor.of(1f, 2f, 3f), v = Tensor.of(1f, 0f, 1f);
        VjpResult j = Functional.jvp(t -> t.pow(2), x, v);
        assertEquals("tensor([1., 4., 9.])", j.output().toString());
        assertEquals("tensor([2., 0., 6.])", j.product().toString());
        assertEquals("tensor([2., 0., 6.])", Functional.vjp(t -> t.pow(2), x, v).product().toString());
    }

    @Test
    void j4NonSquareJvpAndVjp() {
        Tensor x = Tensor.of(1f, 2f, 3f), v = Tensor.of(1f, 0f, 1f);
        Function<Tensor, Tensor> f = t -> Tensor.stack(List.of(t.select(0, 0).mul(t.select(0, 1)),
                t.select(0, 1).add(t.select(0, 2))), 0);
        VjpResult j = Functional.jvp(f, x, v);
        assertEquals("tensor([2., 5.])", j.output().toString());
        assertEquals("tensor([2., 1.])", j.product().toString());
        assertEquals("tensor([2., 2., 1.])", Functional.vjp(f, x, Tensor.of(1f, 1f)).product().toString());
    }

    @Test
    void j4HvpAndVhpOfSumOfCubes() {
        Tensor x = Tensor.of(1f, 2f, 3f), v = Tensor.of(1f, 0f, 1f);
        VjpResult h = Functional.hvp(t -> t.pow(3).sum(), x, v);
        assertEquals("tensor(36.)", h.output().toString());
        assertEquals("tensor([ 6.,  0., 18.])", h.product().toString());
        assertEquals("tensor([ 6.,  0., 18.])", Functional.vhp(t -> t.pow(3).sum(), x, v).product().toString());
        Function<Tensor, Tensor> g = t -> t.select(0, 0).pow(2).mul(t.select(0, 1));
        Tensor p = Tensor.of(1f, 2f), w = Tensor.of(1f, 0f);
        assertEquals("tensor(2.)", Functional.hvp(g, p, w).output().toString());
        assertEquals("tensor([4., 2.])", Functional.hvp(g, p, w).product().toString());
        assertEquals("tensor([4., 2.])", Functional.vhp(g, p, w).product().toString());
    }

    @Test
    void j4JvpOfSeveralInputsAndWithoutVForAOneElementInput() {
        VjpResult r = Functional.jvp(xs -> xs.get(0).mul(xs.get(1)), List.of(Tensor.of(2f), Tensor.of(3f)),
                List.of(Tensor.of(1f), Tensor.of(1f)));
        assertEquals("tensor([6.])", r.output().toString());
        assertEquals("tensor([5.])", r.product().toString());
        VjpResult s = Functional.jvp(t -> t.mul(5), Tensor.of(2f), null);
        assertEquals("tensor([10.])", s.output().toString());
        assertEquals("tensor([5.])", s.product().toString());
        var e = assertThrows(IllegalArgumentException.class, () -> Functional.jvp(t -> t.mul(5), Tensor.of(2f, 3f), null));
        assertEquals("The vector v can only be None if the input to the user-provided function is a single Tensor with a "
                + "single element.", e.getMessage());
    }

    @Test
    void aVOfTheWrongSizeIsRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Functional.vjp(t -> t.pow(2), Tensor.of(1f, 2f), Tensor.of(1f, 2f, 3f)));
        assertEquals("v has invalid size: should be torch.Size([2]) but got torch.Size([3]).", e.getMessage());
    }

    @Test
    void theCallersTensorsAreNotTouched() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Functional.vjp(t -> t.pow(2).sum(), x, null);
        Functional.hessian(t -> t.pow(3).sum(), x);
        assertNull(x.grad());
        assertEquals("tensor([1., 2.], requires_grad=True)", x.toString());
    }

    // ---- random functions: against finite differences and against jacobian products ----

    private static final Function<Tensor, Tensor> SMOOTH = t -> t.sin().mul(t.pow(2).sum()).add(t.exp().cumsum(0).mul(0.1));

    private static Tensor randn64(long seed, int n) {
        Tensor.manualSeed(seed);
        return Tensor.randn(n).to(DType.FLOAT64);
    }

    @Test
    void jacobianMatchesCentralDifferences() {
        Tensor x = randn64(1, 4);
        Tensor j = Functional.jacobian(SMOOTH, x);
        double eps = 1e-6;
        for (int k = 0; k < 4; k++) {
            double[] e = new double[4];
            e[k] = eps;
            Tensor d = SMOOTH.apply(x.add(Tensor.of(e))).sub(SMOOTH.apply(x.sub(Tensor.of(e)))).div(2 * eps);
            for (int i = 0; i < 4; i++) assertEquals(d.getFlat(i), j.get(i, k), 1e-6);
        }
    }

    @Test
    void jvpAndVjpAgreeWithJacobianProducts() {
        Tensor x = randn64(2, 4), v = randn64(3, 4), u = randn64(4, 4);
        Tensor j = Functional.jacobian(SMOOTH, x);
        Tensor jv = Functional.jvp(SMOOTH, x, v).product();
        Tensor uj = Functional.vjp(SMOOTH, x, u).product();
        assertArrayEquals(j.mv(v).toDoubleArray(), jv.toDoubleArray(), 1e-12);
        assertArrayEquals(j.t().mv(u).toDoubleArray(), uj.toDoubleArray(), 1e-12);
    }

    @Test
    void hessianMatchesDifferencesOfTheGradientAndHvpMatchesHessianTimesV() {
        Function<Tensor, Tensor> f = t -> SMOOTH.apply(t).pow(2).sum();
        Tensor x = randn64(5, 3), v = randn64(6, 3);
        Tensor h = Functional.hessian(f, x);
        double eps = 1e-6;
        for (int k = 0; k < 3; k++) {
            double[] e = new double[3];
            e[k] = eps;
            Tensor gp = Functional.vjp(f, x.add(Tensor.of(e)), null).product();
            Tensor gm = Functional.vjp(f, x.sub(Tensor.of(e)), null).product();
            Tensor col = gp.sub(gm).div(2 * eps);
            for (int i = 0; i < 3; i++) assertEquals(col.getFlat(i), h.get(i, k), 1e-5 * Math.max(1, Math.abs(h.get(i, k))));
        }
        assertArrayEquals(h.mv(v).toDoubleArray(), Functional.hvp(f, x, v).product().toDoubleArray(), 1e-10);
        assertArrayEquals(h.t().mv(v).toDoubleArray(), Functional.vhp(f, x, v).product().toDoubleArray(), 1e-10);
    }

    @Test
    void jvpWithCreateGraphIsDifferentiable() {
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad_();
        VjpResult r = Functional.jvp(t -> t.pow(3), x, Tensor.of(1.0, 1.0), Functional.options().createGraph(true));
        assertTrue(r.product().requiresGrad());
        // jvp = 3x^2 v, so d/dx sum(jvp) = 6x
        assertEquals("tensor([ 6., 12.], dtype=torch.float64)",
                Autograd.grad(List.of(r.product().sum()), List.of(x)).get(0).toString());
    }

    @Test
    void anEmptyOutputGivesAnEmptyJacobian() {
        Tensor j = Functional.jacobian(t -> t.slice(0, 0, 0), Tensor.of(1f, 2f));
        assertArrayEquals(new int[]{0, 2}, j.shape());
    }
}
