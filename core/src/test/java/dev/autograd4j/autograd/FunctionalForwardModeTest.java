package dev.autograd4j.autograd;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The forward-mode paths of {@link Functional} (SPEC J1, J3, J4 with issue 5's "true forward mode"): jvp by dual
 * tensors, hvp and hessian forward-over-reverse, jacobian with strategy "forward-mode". Each is checked against the
 * reverse-mode result and against central finite differences on random float64 functions.
 */
class FunctionalForwardModeTest {
    /** A function mixing elementwise, reduction, cumulative, matrix and softmax ops (so many JVP rules run). */
    private static final Function<Tensor, Tensor> MIXED = t -> {
        Tensor m = t.reshape(2, 2);
        return m.mm(m.t().exp()).reshape(-1).softmax(0).mul(t.sin()).add(t.pow(2).cumsum(0).mul(0.3))
                .div(t.pow(2).add(1)).add(t.log1p().mul(0.0).add(t.sum()));
    };

    private static Tensor randn64(long seed, int n) {
        Tensor.manualSeed(seed);
        return Tensor.randn(n).to(DType.FLOAT64);
    }

    private static Tensor abs64(long seed, int n) { return randn64(seed, n).abs().add(0.1); }

    /** Central differences of f along v: (f(x + eps v) - f(x - eps v)) / 2 eps. */
    private static Tensor centralDifference(Function<Tensor, Tensor> f, Tensor x, Tensor v) {
        double eps = 1e-6;
        return f.apply(x.add(v.mul(eps))).sub(f.apply(x.sub(v.mul(eps)))).div(2 * eps);
    }

    @Test
    void j4JvpRunsTheFunctionOnceOnDualInputs() {
        Tensor[] seen = new Tensor[1];
        int[] calls = {0};
        Tensor x = Tensor.of(0.5, 1.5), v = Tensor.of(1.0, -2.0);
        VjpResult r = Functional.jvp(t -> {
            calls[0]++;
            seen[0] = ForwardAD.unpackDual(t).tangent();
            return t.sin();
        }, x, v);
        assertEquals(1, calls[0]);
        assertNotNull(seen[0], "the function saw a dual input");
        assertArrayEquals(v.toDoubleArray(), seen[0].toDoubleArray());
        assertArrayEquals(x.cos().mul(v).toDoubleArray(), r.product().toDoubleArray(), 1e-15);
        assertArrayEquals(x.sin().toDoubleArray(), r.output().toDoubleArray(), 0);
        assertFalse(r.product().requiresGrad());
        assertNull(ForwardAD.unpackDual(r.product()).tangent(), "no level is left open");
        assertFalse(ForwardAD.isActive());
    }

    @Test
    void j4ForwardJvpMatchesJacobianTimesVAndFiniteDifferencesOnRandomFunctions() {
        for (long seed = 1; seed <= 5; seed++) {
            Tensor x = abs64(seed, 4), v = randn64(seed + 100, 4);
            Tensor jv = Functional.jvp(MIXED, x, v).product();
            Tensor j = Functional.jacobian(MIXED, x);
            assertArrayEquals(j.mv(v).toDoubleArray(), jv.toDoubleArray(), 1e-12, "seed " + seed);
            assertArrayEquals(centralDifference(MIXED, x, v).toDoubleArray(), jv.toDoubleArray(), 1e-6, "seed " + seed);
        }
    }

    @Test
    void j4ForwardJvpOfSeveralInputsAndOutputsGivesOneProductPerOutput() {
        Tensor a = Tensor.of(1.0, 2.0), b = Tensor.of(3.0, -1.0), va = Tensor.of(0.5, 1.0), vb = Tensor.of(2.0, 0.0);
        VjpResult r = Functional.jvpMulti(xs -> List.of(xs.get(0).mul(xs.get(1)), xs.get(0).exp().sum(), Tensor.of(7.0)),
                List.of(a, b), List.of(va, vb), Functional.options());
        // d(ab) = b da + a db; d sum(e^a) = e^a . da; a constant output gets a zero product
        assertArrayEquals(new double[]{3.0 * 0.5 + 1 * 2.0, -1.0 * 1.0 + 0}, r.products().get(0).toDoubleArray(), 1e-15);
        assertEquals(Math.exp(1) * 0.5 + Math.exp(2), r.products().get(1).item(), 1e-12);
        assertEquals("tensor([0.], dtype=torch.float64)", r.products().get(2).toString());
        assertEquals(3, r.outputs().size());
    }

    @Test
    void j4ForwardJvpKeepsPyTorchsVErrors() {
        var e = assertThrows(IllegalArgumentException.class, () -> Functional.jvp(t -> t.sin(), Tensor.of(1.0, 2.0), null));
        assertEquals("The vector v can only be None if the input to the user-provided function is a single Tensor with a "
                + "single element.", e.getMessage());
        var s = assertThrows(IllegalArgumentException.class,
                () -> Functional.jvp(t -> t.sin(), Tensor.of(1.0, 2.0), Tensor.of(1.0)));
        assertEquals("v has invalid size: should be torch.Size([2]) but got torch.Size([1]).", s.getMessage());
        assertFalse(ForwardAD.isActive(), "an error leaves no level open");
        // a one-element input needs no v: the tangent is 1
        assertEquals(3 * 4.0, Functional.jvp(t -> t.pow(3), Tensor.of(2.0), null).product().item(), 1e-12);
    }

    @Test
    void j4JvpInsideTheCallersDualLevelFallsBackToTheDoubleBackwardTrick() {
        Tensor x = abs64(7, 4), v = randn64(8, 4);
        Tensor expected = Functional.jvp(MIXED, x, v).product();
        try (DualLevel level = ForwardAD.dualLevel()) {
            Tensor inside = Functional.jvp(MIXED, x, v).product();
            assertArrayEquals(expected.toDoubleArray(), inside.toDoubleArray(), 1e-12);
        }
    }

    @Test
    void j1ForwardModeJacobianEqualsReverseModeForSeveralInputsAndOutputs() {
        Function<List<Tensor>, List<Tensor>> f = xs -> List.of(
                xs.get(0).reshape(2, 3).mm(xs.get(1).reshape(3, 1)).tanh(),
                xs.get(0).pow(2).sum().mul(xs.get(1).prod()),
                xs.get(1).mul(2));   // independent of input 0: a zero block
        List<Tensor> in = List.of(randn64(11, 6), randn64(12, 3));
        var rev = Functional.jacobianMulti(f, in);
        var fwd = Functional.jacobianMulti(f, in, Functional.options().strategy(Functional.FORWARD_MODE));
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                assertArrayEquals(rev.get(i).get(j).shape(), fwd.get(i).get(j).shape(), i + "," + j);
                assertArrayEquals(rev.get(i).get(j).toDoubleArray(), fwd.get(i).get(j).toDoubleArray(), 1e-12, i + "," + j);
            }
        }
        assertArrayEquals(new int[]{2, 1, 6}, fwd.get(0).get(0).shape());
        assertArrayEquals(new int[]{3}, fwd.get(1).get(1).shape());
        assertEquals(0, fwd.get(2).get(0).abs().sum().item());
        assertFalse(fwd.get(0).get(0).requiresGrad());
    }

    @Test
    void j1ForwardModeJacobianOfTheTutorialExpAdder() {
        Tensor x = Tensor.of(0.4963f), y = Tensor.of(0.7682f);
        List<Tensor> j = Functional.jacobian(xs -> xs.get(0).exp().mul(2).add(xs.get(1).mul(3)), List.of(x, y),
                Functional.options().strategy(Functional.FORWARD_MODE));
        assertEquals("tensor([[3.2853]])", j.get(0).toString());   // case 32: 2 e^0.4963
        assertEquals("tensor([[3.]])", j.get(1).toString());
    }

    @Test
    void j1ForwardModeRefusesStrictWithPyTorchsText() {
        var e = assertThrows(UnsupportedOperationException.class, () -> Functional.jacobian(t -> t.sin(), Tensor.of(1.0),
                Functional.options().strategy(Functional.FORWARD_MODE).strict(true)));
        assertEquals("torch.autograd.functional.jacobian: `strict=True` and `strategy=\"forward-mode\"` are not supported "
                + "together (yet). Please either set `strict=False` or `strategy=\"reverse-mode\"`.", e.getMessage());
    }

    @Test
    void j3ForwardOverReverseHessianEqualsReverseAndFiniteDifferences() {
        Function<Tensor, Tensor> f = t -> MIXED.apply(t).pow(2).sum();
        for (long seed = 1; seed <= 3; seed++) {
            Tensor x = abs64(seed, 4);
            Tensor rev = Functional.hessian(f, x);
            Tensor fwd = Functional.hessian(f, x, Functional.options().outerJacobianStrategy(Functional.FORWARD_MODE));
            assertArrayEquals(rev.toDoubleArray(), fwd.toDoubleArray(), 1e-10, "seed " + seed);
            // column k of H is the central difference of the gradient along e_k
            Function<Tensor, Tensor> grad = t -> Functional.vjp(f, t, null).product();
            for (int k = 0; k < 4; k++) {
                double[] e = new double[4];
                e[k] = 1;
                Tensor col = centralDifference(grad, x, Tensor.of(e));
                for (int i = 0; i < 4; i++) {
                    assertEquals(col.getFlat(i), fwd.get(i, k), 1e-5 * Math.max(1, Math.abs(fwd.get(i, k))));
                }
            }
        }
    }

    @Test
    void j3ForwardOverReverseHessianBlocksOfSeveralInputs() {
        Function<List<Tensor>, Tensor> f = xs -> xs.get(0).pow(2).sum().mul(xs.get(1).exp().sum());
        List<Tensor> in = List.of(randn64(21, 2), randn64(22, 3), randn64(23, 2));   // input 2 is unused
        var rev = Functional.hessian(f, in);
        var fwd = Functional.hessian(f, in, Functional.options().outerJacobianStrategy(Functional.FORWARD_MODE));
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertArrayEquals(rev.get(i).get(j).shape(), fwd.get(i).get(j).shape(), i + "," + j);
                assertArrayEquals(rev.get(i).get(j).toDoubleArray(), fwd.get(i).get(j).toDoubleArray(), 1e-12, i + "," + j);
            }
        }
        assertArrayEquals(new int[]{2, 3}, fwd.get(0).get(1).shape());
        assertEquals(0, fwd.get(2).get(2).abs().sum().item());
        var e = assertThrows(IllegalArgumentException.class, () -> Functional.hessian(t -> t.mul(2), Tensor.of(1.0, 2.0),
                Functional.options().outerJacobianStrategy(Functional.FORWARD_MODE)));
        assertEquals("The Tensor returned by the function given to hessian should contain a single element", e.getMessage());
    }

    @Test
    void j4HvpForwardOverReverseMatchesHessianTimesVAndFiniteDifferences() {
        Function<Tensor, Tensor> f = t -> MIXED.apply(t).pow(2).sum();
        Function<Tensor, Tensor> grad = t -> Functional.vjp(f, t, null).product();
        for (long seed = 1; seed <= 3; seed++) {
            Tensor x = abs64(seed, 4), v = randn64(seed + 50, 4);
            Tensor hv = Functional.hvp(f, x, v).product();
            assertArrayEquals(Functional.hessian(f, x).mv(v).toDoubleArray(), hv.toDoubleArray(), 1e-10, "seed " + seed);
            assertArrayEquals(centralDifference(grad, x, v).toDoubleArray(), hv.toDoubleArray(), 1e-5, "seed " + seed);
            assertArrayEquals(Functional.vhp(f, x, v).product().toDoubleArray(), hv.toDoubleArray(), 1e-10);
        }
    }

    @Test
    void j4HvpOfSeveralInputsWithCreateGraphIsDifferentiable() {
        Tensor a = Tensor.of(1.0, 2.0).requiresGrad_(), b = Tensor.of(0.5).requiresGrad_();
        Function<List<Tensor>, Tensor> f = xs -> xs.get(0).pow(3).sum().mul(xs.get(1).sum());
        VjpResult r = Functional.hvp(f, List.of(a, b), List.of(Tensor.of(1.0, 1.0), Tensor.of(0.0)),
                Functional.options().createGraph(true));
        // H_aa v_a = 6 a b v_a = [3, 6]; H_ba v_a = 3 a^2 . v_a = 15
        assertEquals("tensor([3., 6.], dtype=torch.float64)", r.products().get(0).detach().toString());
        assertEquals(15.0, r.products().get(1).item(), 1e-12);
        assertTrue(r.products().get(0).requiresGrad());
        // d/db sum(6 a b v_a) = 6 (a . v_a) = 18
        assertEquals(18.0, Autograd.grad(List.of(r.products().get(0).sum()), List.of(b)).get(0).item(), 1e-12);
    }

    @Test
    void j6FunctionalJvpOfSinTimesTwoGivesCase36sTangent() {
        Tensor x = Tensor.of(0f, 1f, 2f);
        assertEquals("tensor([ 2.0000,  1.0806, -0.8323])",
                Functional.jvp(t -> t.sin().mul(2), x, Tensor.onesLike(x)).product().toString());
    }

    @Test
    void theForwardPathsLeaveTheCallersTensorsUntouched() {
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad_(), v = Tensor.of(0.5, -1.0);
        int version = x.version();
        Function<Tensor, Tensor> f = t -> t.pow(3).sum();
        Functional.jvp(t -> t.exp(), x, v);
        Functional.hvp(f, x, v);
        Functional.hessian(f, x, Functional.options().outerJacobianStrategy(Functional.FORWARD_MODE));
        Functional.hessian(f, x, Functional.options().outerJacobianStrategy(Functional.FORWARD_MODE).vectorize(true));
        Functional.jacobian(t -> t.exp(), x, Functional.options().vectorize(true));
        assertNull(x.grad());
        assertNull(v.grad());
        assertEquals(version, x.version());
        assertEquals("tensor([1., 2.], dtype=torch.float64, requires_grad=True)", x.toString());
        assertTrue(x.isLeaf());
    }

    @Test
    void j4HvpErrorsKeepPyTorchsTexts() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Functional.hvp(t -> t.mul(2), Tensor.of(1.0, 2.0), Tensor.of(1.0, 1.0)));
        assertEquals("The Tensor returned by the function given to hvp should contain a single element", e.getMessage());
        assertFalse(ForwardAD.isActive());
    }
}
