package dev.autograd4j.autograd;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Behaviour that the mutation run (issue 8, -Ppitest) showed no test pinned down: the engine's ready order and
 * dtype handling, backward(inputs=non-leaf), hook naming, mode setters' return values, gradcheck's tolerance in fast
 * mode, and the strict / createGraph paths of the functional transforms.
 */
class AutogradStrengthTest {

    @Test
    void readyNodesRunAccumulateGradFirstThenTheMostRecentlyCreated() {
        List<String> order = new ArrayList<>();
        Tensor x = Tensor.of(1f).requiresGrad_(), y = Tensor.of(2f).requiresGrad_();
        Tensor a = x.mul(2);            // created first
        Tensor b = x.mul(3);            // created second: runs before a
        a.gradFn().registerPrehook(g -> { order.add("a"); return null; });
        b.gradFn().registerPrehook(g -> { order.add("b"); return null; });
        y.registerHook(g -> { order.add("y"); return null; });
        a.add(b).add(y).sum().backward();
        assertEquals(List.of("y", "b", "a"), order);
        assertEquals(5.0, x.grad().item());
    }

    @Test
    void aGradientOfAnotherDtypeIsCastToTheRootsDtype() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        x.mul(3).backward(Tensor.of(1.0, 2.0));
        assertEquals(DType.FLOAT32, x.grad().dtype());
        assertArrayEquals(new float[]{3, 6}, x.grad().toFloatArray());
    }

    @Test
    void backwardWithANonLeafInputAccumulatesIntoItsGradOnly() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Tensor h = x.mul(2);
        Tensor loss = h.mul(h).sum();
        loss.backward(null, List.of(h));
        assertArrayEquals(new float[]{4, 8}, h.grad().toFloatArray());
        assertNull(x.grad(), "only the listed input accumulates");
        Tensor loss2 = h.mul(h).sum();
        loss2.backward(null, List.of(h));
        assertArrayEquals(new float[]{8, 16}, h.grad().toFloatArray(), "a second call adds");
        assertThrows(IllegalArgumentException.class, () -> h.sum().backward(null, List.of()));
    }

    static final class Shrink implements UnaryOperator<Tensor> {
        @Override public Tensor apply(Tensor g) { return g.sum(); }
    }

    @Test
    void aNamedHookClassIsNamedInTheSizeError() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Tensor h = x.mul(2);
        h.registerHook(new Shrink());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.sum().backward());
        assertEquals("hook 'Shrink' has changed the size of value", e.getMessage());
    }

    @Test
    void modeSettersReturnThePreviousValue() {
        assertFalse(Autograd.isInferenceModeEnabled());
        assertFalse(GradMode.setInference(true));
        assertTrue(GradMode.setInference(false));
        assertFalse(Anomaly.set(true));
        assertTrue(Anomaly.set(true, false));
        assertFalse(Anomaly.checksNan());
        assertTrue(Anomaly.set(false));
        assertFalse(Anomaly.isEnabled());
        try (var s = Autograd.detectAnomaly(false)) {
            assertNotNull(s);
            assertTrue(Autograd.isAnomalyEnabled());
            assertFalse(Anomaly.checksNan());
        }
        assertFalse(Autograd.isAnomalyEnabled());
    }

    @Test
    void nodeHookHandlesRemoveTheirHooks() {
        List<String> calls = new ArrayList<>();
        Tensor x = Tensor.of(1f).requiresGrad_();
        Tensor y = x.mul(2);
        Handle pre = y.gradFn().registerPrehook(g -> { calls.add("pre"); return null; });
        Handle post = y.gradFn().registerHook((gi, go) -> { calls.add("post"); return null; });
        pre.remove();
        post.remove();
        y.sum().backward();
        assertEquals(List.of(), calls);
        Tensor z = x.mul(2);
        z.gradFn().registerHook((gi, go) -> new Tensor[]{gi[0].mul(10)});
        z.sum().backward();
        assertEquals(22.0, x.grad().item(), "a post hook's replacement gradient is used");
    }

    /** x -> x * (1 + delta) whose backward forgets the (1 + delta) factor: a gradient wrong by a relative delta. */
    static final class Scaled extends dev.autograd4j.autograd.Function {
        final double delta;
        Scaled(double delta) { this.delta = delta; }
        @Override protected Tensor forward(FunctionCtx ctx, Tensor... in) { return in[0].mul(1 + delta); }
        @Override protected Tensor[] backward(FunctionCtx ctx, Tensor... g) { return new Tensor[]{g[0]}; }
    }

    @Test
    void gradcheckCatchesARelativeErrorAboveRtolInBothModesAndAcceptsOneBelow() {
        Tensor x = Tensor.of(new double[]{0.5, 1.5, -2.0, 3.0}, new int[]{4}).requiresGrad_();
        for (boolean fast : new boolean[]{false, true}) {
            var opts = GradCheck.options().fastMode(fast).raiseException(false);
            assertTrue(GradCheck.gradcheck(t -> new Scaled(0.0).apply(t), x, opts), "exact, fast=" + fast);
            assertTrue(GradCheck.gradcheck(t -> new Scaled(5e-4).apply(t), x, opts), "within rtol 1e-3, fast=" + fast);
            assertFalse(GradCheck.gradcheck(t -> new Scaled(5e-3).apply(t), x, opts), "beyond rtol, fast=" + fast);
            assertFalse(GradCheck.gradcheck(t -> new Scaled(-5e-3).apply(t), x, opts), "beyond rtol below, fast=" + fast);
            GradcheckError e = assertThrows(GradcheckError.class,
                    () -> GradCheck.gradcheck(t -> new Scaled(5e-3).apply(t), x, GradCheck.options().fastMode(fast)));
            assertTrue(e.getMessage().startsWith("Jacobian mismatch for output 0 with respect to input 0"), e.getMessage());
        }
        var ggOpts = GradCheck.options().raiseException(false);
        assertTrue(GradCheck.gradgradcheck(xs -> xs.get(0).pow(3), List.of(x), ggOpts));
    }

    @Test
    void fastGradcheckScalesAtolByTheProbeVectors() {
        // An absolute error of 2e-6 on a gradient of about 1e-9: hopeless for rtol, within atol 1e-5 (scaled by the
        // sums of the two unit probe vectors, each at least 1), so it passes; 1e-3 absolute does not.
        Tensor x = Tensor.of(new double[]{1e-9, 2e-9, 3e-9}, new int[]{3}).requiresGrad_();
        var opts = GradCheck.options().fastMode(true).raiseException(false);
        assertTrue(GradCheck.gradcheck(t -> new Offset(2e-6).apply(t), x, opts));
        assertFalse(GradCheck.gradcheck(t -> new Offset(1e-3).apply(t), x, opts));
        assertTrue(GradCheck.gradcheck(t -> new Offset(2e-6).apply(t), x, GradCheck.options().raiseException(false)));
    }

    /** x -> x² whose backward adds a constant absolute error. */
    static final class Offset extends dev.autograd4j.autograd.Function {
        final double err;
        Offset(double err) { this.err = err; }
        @Override protected Tensor forward(FunctionCtx ctx, Tensor... in) { ctx.saveForBackward(in[0]); return in[0].mul(in[0]); }
        @Override protected Tensor[] backward(FunctionCtx ctx, Tensor... g) {
            return new Tensor[]{g[0].mul(ctx.savedTensors().get(0)).mul(2).add(err)};
        }
    }

    // ---- functional transforms ----

    private static Tensor f2(List<Tensor> xs) { return xs.get(0).pow(2).mul(xs.get(1)).sum(); }

    @Test
    void vhpAndHvpOfTwoInputsMatchTheHessianByHand() {
        Tensor x = Tensor.of(1.0, 2.0), y = Tensor.of(3.0, -1.0);
        Tensor vx = Tensor.of(1.0, 0.5), vy = Tensor.of(-1.0, 2.0);
        // H = [[diag(2y), diag(2x)], [diag(2x), 0]]: v^T H = (2y vx + 2x vy, 2x vx)
        double[] ex = {2 * 3 * 1 + 2 * 1 * -1, 2 * -1 * 0.5 + 2 * 2 * 2}, ey = {2 * 1 * 1, 2 * 2 * 0.5};
        for (boolean cg : new boolean[]{false, true}) {
            var opts = Functional.options().createGraph(cg);
            for (VjpResult r : List.of(Functional.vhp(AutogradStrengthTest::f2, List.of(x, y), List.of(vx, vy), opts),
                    Functional.hvp(AutogradStrengthTest::f2, List.of(x, y), List.of(vx, vy), opts))) {
                assertArrayEquals(ex, r.products().get(0).toDoubleArray(), 1e-12);
                assertArrayEquals(ey, r.products().get(1).toDoubleArray(), 1e-12);
                assertEquals(3 + 4 * -1.0, r.output().item(), 1e-12);
                assertEquals(cg, r.products().get(0).requiresGrad(), "createGraph=" + cg);
            }
        }
        assertFalse(x.requiresGrad(), "the caller's tensors are left alone");
    }

    @Test
    void severalOutputTransformsGiveOneProductPerOutputOrInput() {
        Tensor x = Tensor.of(1.0, 2.0);
        var f = (java.util.function.Function<List<Tensor>, List<Tensor>>) xs -> List.of(xs.get(0).mul(3), xs.get(0).pow(2));
        VjpResult j = Functional.jvpMulti(f, List.of(x), List.of(Tensor.of(1.0, 1.0)), Functional.options());
        assertArrayEquals(new double[]{3, 3}, j.products().get(0).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[]{2, 4}, j.products().get(1).toDoubleArray(), 1e-12);
        VjpResult v = Functional.vjpMulti(f, List.of(x), List.of(Tensor.of(1.0, 0.0), Tensor.of(0.0, 1.0)), Functional.options());
        assertArrayEquals(new double[]{3, 4}, v.products().get(0).toDoubleArray(), 1e-12);
        VjpResult s = Functional.vjp(t -> t.mul(t).sum(), Tensor.of(3.0), null);
        assertEquals(6.0, s.product().item(), 1e-12);
    }

    @Test
    void strictModeRejectsIndependenceAtEveryStage() {
        Tensor x = Tensor.of(1.0, 2.0);
        var strict = Functional.options().strict(true);
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> Functional.jvp(t -> Tensor.ones(DType.FLOAT64, 2), x, Tensor.of(1.0, 1.0), strict));
        assertTrue(e.getMessage().contains("strict mode"), e.getMessage());
        IllegalStateException unused = assertThrows(IllegalStateException.class, () -> Functional.vjpMulti(
                xs -> List.of(xs.get(0).sum()), List.of(x, Tensor.of(1.0)), List.of(Tensor.scalar(1.0, DType.FLOAT64)), strict));
        assertTrue(unused.getMessage().contains("independent of input 1"), unused.getMessage());
        IllegalStateException lin = assertThrows(IllegalStateException.class,
                () -> Functional.hessian(t -> t.sum(), x, strict));
        assertTrue(lin.getMessage().contains("with respect to input 0 is independent of the input"), lin.getMessage());
        IllegalStateException cg = assertThrows(IllegalStateException.class,
                () -> Functional.jacobian(t -> t.mul(2), x, strict.createGraph(true)));
        assertEquals("The jacobian of the user-provided function is independent of input 0. This is not allowed in "
                + "strict mode when create_graph=True.", cg.getMessage());
        // non-strict: the independent parts are zeros of the right shape
        VjpResult r = Functional.vhp(t -> t.sum(), x, Tensor.of(1.0, 1.0));
        assertArrayEquals(new double[]{0, 0}, r.product().toDoubleArray());
        Tensor h = Functional.hessian(t -> t.sum(), x);
        assertArrayEquals(new int[]{2, 2}, h.shape());
        assertArrayEquals(new double[4], h.toDoubleArray());
    }
}
