package dev.autograd4j.autograd;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Custom functions, SPEC I1-I5; expected values and texts are those printed by cases 30 and 31. */
class FunctionTest {

    static final class Exp extends Function {
        @Override protected Tensor forward(FunctionCtx ctx, Tensor... in) {
            Tensor r = in[0].exp();
            ctx.saveForBackward(r);
            return r;
        }
        @Override protected Tensor[] backward(FunctionCtx ctx, Tensor... g) {
            return new Tensor[]{g[0].mul(ctx.savedTensors().get(0))};
        }
    }

    @Test
    void i1ExpSavesItsResultAndBackpropagates() {
        Tensor x = Tensor.of(0f, 1f).requiresGrad_();
        Tensor y = new Exp().apply(x);
        assertEquals("tensor([1.0000, 2.7183], grad_fn=<ExpBackward>)", y.toString());
        assertEquals("ExpBackward", y.gradFn().name());
        assertSame(x.gradAccumulator(), y.gradFn().nextFunctions().get(0).node());
        y.sum().backward();
        assertEquals("tensor([1.0000, 2.7183])", x.grad().toString());
    }

    @Test
    void i2ForwardRunsWithGradModeOff() {
        boolean[] seen = new boolean[2];
        Function probe = new Function() {
            @Override protected Tensor forward(FunctionCtx ctx, Tensor... in) {
                seen[0] = Autograd.isGradEnabled();
                Tensor r = in[0].mul(2);
                seen[1] = r.requiresGrad();
                return r;
            }
            @Override protected Tensor[] backward(FunctionCtx ctx, Tensor... g) { return new Tensor[]{g[0].mul(2)}; }
        };
        Tensor y = probe.apply(Tensor.of(0f, 1f).requiresGrad_());
        assertFalse(seen[0]);
        assertFalse(seen[1]);
        assertTrue(y.requiresGrad());
    }

    static final class MulConst extends Function {
        boolean[] needs;
        @Override protected Tensor forward(FunctionCtx ctx, Tensor... in) {
            ctx.saveForBackward(in[0], in[1]);
            ctx.put("k", 10.0);
            needs = ctx.needsInputGrad();
            return in[0].mul(in[1]).mul((double) ctx.get("k"));
        }
        @Override protected Tensor[] backward(FunctionCtx ctx, Tensor... g) {
            List<Tensor> s = ctx.savedTensors();
            double k = ctx.get("k");
            return new Tensor[]{g[0].mul(s.get(1)).mul(k), g[0].mul(s.get(0)).mul(k), null};
        }
    }

    @Test
    void i1NeedsInputGradAttributesAndANullGradientForANonTensorArgument() {
        Tensor a = Tensor.of(1f, 2f).requiresGrad_();
        Tensor b = Tensor.of(3f, 4f);
        MulConst f = new MulConst();
        f.apply(a, b, null).sum().backward();
        assertArrayEquals(new boolean[]{true, false, false}, f.needs);
        assertEquals("tensor([30., 40.])", a.grad().toString());
        assertNull(b.grad());
    }

    static final class Bad extends Function {
        @Override protected Tensor forward(FunctionCtx ctx, Tensor... in) { return in[0].add(in[1]); }
        @Override protected Tensor[] backward(FunctionCtx ctx, Tensor... g) { return new Tensor[]{g[0]}; }
    }

    static final class BadShape extends Function {
        @Override protected Tensor forward(FunctionCtx ctx, Tensor... in) { return in[0].mul(2); }
        @Override protected Tensor[] backward(FunctionCtx ctx, Tensor... g) { return new Tensor[]{Tensor.ones(5)}; }
    }

    @Test
    void i3AWrongNumberOfGradientsIsReported() {
        Tensor p = Tensor.scalar(1).requiresGrad_();
        var e = assertThrows(IllegalStateException.class, () -> new Bad().apply(p, p).backward());
        assertEquals("function BadBackward returned an incorrect number of gradients (expected 2, got 1)", e.getMessage());
    }

    @Test
    void i3AGradientOfTheWrongShapeIsReported() {
        var e = assertThrows(IllegalStateException.class,
                () -> new BadShape().apply(Tensor.ones(2).requiresGrad_()).sum().backward());
        assertEquals("Function BadShapeBackward returned an invalid gradient at index 0 - got [5] but expected shape "
                + "compatible with [2]", e.getMessage());
    }

    static final class SortWithIdx extends Function {
        @Override protected List<Tensor> forwardMulti(FunctionCtx ctx, Tensor... in) {
            Tensor.ValuesIndices vi = in[0].sort(0, false);
            ctx.markNonDifferentiable(vi.indices());
            ctx.saveForBackward(vi.indices());
            return List.of(vi.values(), vi.indices());
        }
        @Override protected Tensor[] backward(FunctionCtx ctx, Tensor... g) {
            Tensor idx = ctx.savedTensors().get(0);
            Tensor grad = Tensor.zerosLike(g[0]);
            return new Tensor[]{grad.add(g[0].indexSelect(0, argsortInverse(idx)))};
        }
        private static Tensor argsortInverse(Tensor idx) {
            long[] p = idx.toLongArray(), inv = new long[p.length];
            for (int i = 0; i < p.length; i++) inv[(int) p[i]] = i;
            return Tensor.of(inv);
        }
    }

    @Test
    void i4NonDifferentiableOutputsDoNotRequireGrad() {
        Tensor x = Tensor.of(3f, 1f, 2f).requiresGrad_();
        List<Tensor> vi = new SortWithIdx().applyMulti(x);
        assertEquals("tensor([1., 2., 3.], grad_fn=<SortWithIdxBackward>)", vi.get(0).toString());
        assertEquals("tensor([1, 2, 0])", vi.get(1).toString());
        assertFalse(vi.get(1).requiresGrad());
        vi.get(0).mul(Tensor.of(1f, 10f, 100f)).sum().backward();
        assertEquals("tensor([100.,   1.,  10.])", x.grad().toString());
    }

    static final class AddOneInplace extends Function {
        @Override protected Tensor forward(FunctionCtx ctx, Tensor... in) {
            in[0].add_(1);
            ctx.markDirty(in[0]);
            return in[0];
        }
        @Override protected Tensor[] backward(FunctionCtx ctx, Tensor... g) { return new Tensor[]{g[0]}; }
    }

    @Test
    void i4MarkDirtyReturnsTheInputObjectItself() {
        Tensor a = Tensor.of(1f, 2f).requiresGrad_();
        Tensor b = a.mul(1);
        Tensor c = new AddOneInplace().apply(b);
        assertSame(b, c);
        assertEquals("tensor([2., 3.], grad_fn=<AddOneInplaceBackward>)", c.toString());
        c.sum().backward();
        assertEquals("tensor([1., 1.])", a.grad().toString());
    }

    @Test
    void i4MarkDirtyOnALeafThatRequiresGradIsRejected() {
        Tensor a = Tensor.of(1f, 2f).requiresGrad_();
        var e = assertThrows(IllegalStateException.class, () -> new AddOneInplace().apply(a));
        assertEquals("a leaf Variable that requires grad has been used in an in-place operation.", e.getMessage());
    }

    static class Cube extends Function {
        @Override protected Tensor forward(FunctionCtx ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return in[0].pow(3);
        }
        @Override protected Tensor[] backward(FunctionCtx ctx, Tensor... g) {
            return new Tensor[]{g[0].mul(3).mul(ctx.savedTensors().get(0).pow(2))};
        }
    }

    static final class CubeOnce extends Cube {
        @Override protected boolean onceDifferentiable() { return true; }
    }

    @Test
    void i4ABackwardWrittenInTensorOpsCanBeDifferentiatedAgain() {
        Tensor x = Tensor.scalar(2).requiresGrad_();
        Tensor g1 = Autograd.grad(List.of(new Cube().apply(x)), List.of(x), null, false, true, false).get(0);
        Tensor g2 = Autograd.grad(List.of(g1), List.of(x)).get(0);
        assertEquals("tensor(12., grad_fn=<MulBackward0>)", g1.toString());
        assertEquals("tensor(12.)", g2.toString());
    }

    @Test
    void i4OnceDifferentiableGivesAFirstGradientWithoutGraph() {
        Tensor x = Tensor.scalar(2).requiresGrad_();
        Tensor g1 = Autograd.grad(List.of(new CubeOnce().apply(x)), List.of(x), null, false, true, false).get(0);
        assertEquals("tensor(12.)", g1.toString());
        var e = assertThrows(IllegalStateException.class, () -> Autograd.grad(List.of(g1), List.of(x)));
        assertEquals("element 0 of tensors does not require grad and does not have a grad_fn", e.getMessage());
    }

    @Test
    void i4AnInputReturnedUnchangedComesBackAsANewTensor() {
        Function identity = new Function() {
            @Override protected Tensor forward(FunctionCtx ctx, Tensor... in) { return in[0]; }
            @Override protected Tensor[] backward(FunctionCtx ctx, Tensor... g) { return new Tensor[]{g[0]}; }
        };
        Tensor x = Tensor.of(1f).requiresGrad_();
        Tensor y = identity.apply(x);
        assertNotSame(x, y);
        assertTrue(y.gradFn() instanceof FunctionNode);
        y.sum().backward();
        assertEquals("tensor([1.])", x.grad().toString());
    }

    @Test
    void i4WithoutMaterializedGradsAnUnusedOutputsGradientIsNull() {
        Tensor[] seen = new Tensor[2];
        boolean[] called = new boolean[1];
        Function twoOut = new Function() {
            @Override protected List<Tensor> forwardMulti(FunctionCtx ctx, Tensor... in) {
                ctx.setMaterializeGrads(false);
                return List.of(in[0].mul(2), in[0].mul(3));
            }
            @Override protected Tensor[] backward(FunctionCtx ctx, Tensor... g) {
                called[0] = true;
                seen[0] = g[0];
                seen[1] = g[1];
                Tensor out = Tensor.zeros(1);
                if (g[0] != null) out = out.add(g[0].mul(2));
                if (g[1] != null) out = out.add(g[1].mul(3));
                return new Tensor[]{out};
            }
        };
        Tensor x = Tensor.of(1f).requiresGrad_();
        twoOut.applyMulti(x).get(0).sum().backward();
        assertTrue(called[0]);
        assertEquals("tensor([1.])", seen[0].toString());
        assertNull(seen[1]);
        assertEquals("tensor([2.])", x.grad().toString());
    }

    @Test
    void materializedGradsGiveZerosForAnUnusedOutput() {
        Tensor[] seen = new Tensor[1];
        Function twoOut = new Function() {
            @Override protected List<Tensor> forwardMulti(FunctionCtx ctx, Tensor... in) { return List.of(in[0].mul(2), in[0].mul(3)); }
            @Override protected Tensor[] backward(FunctionCtx ctx, Tensor... g) {
                seen[0] = g[1];
                return new Tensor[]{g[0].mul(2).add(g[1].mul(3))};
            }
        };
        Tensor x = Tensor.of(1f).requiresGrad_();
        twoOut.applyMulti(x).get(0).sum().backward();
        assertEquals("tensor([0.])", seen[0].toString());
    }

    @Test
    void aSavedTensorModifiedInPlaceAfterForwardIsDetected() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Tensor h = x.mul(1);
        Tensor y = new Cube().apply(h);
        h.add_(1);
        var e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertTrue(e.getMessage().startsWith("one of the variables needed for gradient computation has been modified by an inplace operation"),
                e.getMessage());
    }

    @Test
    void savedTensorsAreFreedAfterBackwardWithoutRetainGraph() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Tensor y = new Cube().apply(x).sum();
        y.backward();
        var e = assertThrows(IllegalStateException.class, y::backward);
        assertEquals(SavedTensor.FREED, e.getMessage());
    }

    @Test
    void nothingIsRecordedWhenNoInputRequiresGrad() {
        Tensor y = new Exp().apply(Tensor.of(1f));
        assertNull(y.gradFn());
        assertFalse(y.requiresGrad());
    }

    @Test
    void i5ACustomFunctionPassesGradcheck() {
        Tensor x = Tensor.randn(4).to(DType.FLOAT64).requiresGrad_();
        assertTrue(GradCheck.gradcheck(t -> new Exp().apply(t), x));
        assertTrue(GradCheck.gradgradcheck(t -> new Cube().apply(t), x));
    }

    @Test
    void markDirtyOnAViewIsRefusedInsteadOfGivingTheBaseAWrongGradient() {
        Tensor a = Tensor.of(1f, 2f, 3f).requiresGrad_();
        Tensor view = a.mul(1).slice(0, 0, 2);
        var e = assertThrows(UnsupportedOperationException.class, () -> new AddOneInplace().apply(view));
        assertEquals("markDirty on a view is not supported yet: clone the view first", e.getMessage());
    }
}
