package dev.autograd4j.autograd;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.Warnings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** gradcheck / gradgradcheck, SPEC J7; expected texts are those printed by case 37. */
class GradCheckTest {

    /** Case 37's deliberately wrong backward (sin instead of cos). */
    static final class WrongSin extends Function {
        @Override protected Tensor forward(FunctionCtx ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return in[0].sin();
        }
        @Override protected Tensor[] backward(FunctionCtx ctx, Tensor... g) {
            return new Tensor[]{g[0].mul(ctx.savedTensors().get(0).sin())};
        }
    }

    private static Tensor randn64(int... shape) {
        return Tensor.randn(shape).to(DType.FLOAT64).requiresGrad_();
    }

    @Test
    void j7CorrectFunctionsPassInDoublePrecision() {
        Tensor x = randn64(3), w = randn64(3, 3);
        assertTrue(GradCheck.gradcheck(Tensor::sin, x));
        assertTrue(GradCheck.gradcheck(xs -> xs.get(0).matmul(xs.get(1)), List.of(w, x)));
        assertTrue(GradCheck.gradgradcheck(t -> t.pow(3), x));
        assertTrue(GradCheck.gradcheck(Tensor::tanh, x));
    }

    @Test
    void j7Float32InputsWarnAndFail() {
        Tensor x32 = Tensor.randn(3).requiresGrad_();
        boolean[] result = new boolean[1];
        List<String> warnings = Warnings.capture(
                () -> result[0] = GradCheck.gradcheck(Tensor::sin, x32, GradCheck.options().raiseException(false)));
        assertEquals(List.of("UserWarning: Input #0 requires gradient and is not a double precision floating point or "
                + "complex. This check will likely fail if all the inputs are not of double precision floating point or "
                + "complex. "), warnings);
        assertFalse(result[0]);
    }

    @Test
    void j7AWrongBackwardReturnsFalseWithoutRaising() {
        Tensor xs = Tensor.of(0.5, 1.0).requiresGrad_();
        assertFalse(GradCheck.gradcheck(t -> new WrongSin().apply(t), xs, GradCheck.options().raiseException(false)));
    }

    @Test
    void j7AWrongBackwardRaisesTheJacobianMismatch() {
        Tensor xs = Tensor.of(0.5, 1.0).requiresGrad_();
        var e = assertThrows(GradcheckError.class, () -> GradCheck.gradcheck(t -> new WrongSin().apply(t), xs));
        assertEquals("Jacobian mismatch for output 0 with respect to input 0,\n"
                + "numerical:tensor([[0.8776, 0.0000],\n"
                + "        [0.0000, 0.5403]], dtype=torch.float64)\n"
                + "analytical:tensor([[0.4794, 0.0000],\n"
                + "        [0.0000, 0.8415]], dtype=torch.float64)\n", e.getMessage());
    }

    @Test
    void j7NoInputRequiringGradIsAnError() {
        var e = assertThrows(IllegalArgumentException.class, () -> GradCheck.gradcheck(Tensor::sin, Tensor.randn(2).to(DType.FLOAT64)));
        assertEquals("gradcheck expects at least one input tensor to require gradient, but none of the them have "
                + "requires_grad=True.", e.getMessage());
    }

    @Test
    void gradgradcheckCatchesAWrongSecondDerivative() {
        // A backward that is right at first order but detaches its saved input, so the second order is lost.
        Function cubeDetached = new Function() {
            @Override protected Tensor forward(FunctionCtx ctx, Tensor... in) {
                ctx.saveForBackward(in[0]);
                return in[0].pow(3);
            }
            @Override protected Tensor[] backward(FunctionCtx ctx, Tensor... g) {
                return new Tensor[]{g[0].mul(ctx.savedTensors().get(0).detach().pow(2).mul(3))};
            }
        };
        Tensor x = randn64(3);
        assertTrue(GradCheck.gradcheck(t -> cubeDetached.apply(t), x));
        assertFalse(GradCheck.gradgradcheck(xs -> cubeDetached.apply(xs.get(0)), List.of(x),
                GradCheck.options().raiseException(false)));
    }

    @Test
    void theInputsAreLeftUnchanged() {
        Tensor x = randn64(4);
        double[] before = x.toDoubleArray();
        int version = x.version();
        GradCheck.gradgradcheck(t -> t.exp().mul(t), x);
        assertArrayEquals(before, x.toDoubleArray());
        assertEquals(version, x.version());
    }

    @Test
    void severalOutputsAreCheckedOneByOne() {
        Tensor x = randn64(2, 3);
        assertTrue(GradCheck.gradcheckMulti(xs -> List.of(xs.get(0).sin(), xs.get(0).sum(1, false)), List.of(x),
                GradCheck.options()));
        assertTrue(GradCheck.gradgradcheckMulti(xs -> List.of(xs.get(0).sin(), xs.get(0).pow(2).sum()), List.of(x),
                GradCheck.options()));
    }

    @Test
    void anInputThatDoesNotRequireGradIsHeldConstant() {
        Tensor a = randn64(3);
        Tensor b = Tensor.randn(3).to(DType.FLOAT64);
        assertTrue(GradCheck.gradcheck(xs -> xs.get(0).mul(xs.get(1)), List.of(a, b)));
    }

    @Test
    void looserTolerancesAcceptASmallError() {
        Tensor x = Tensor.of(0.5, 1.0).requiresGrad_();
        Function slightlyOff = new Function() {
            @Override protected Tensor forward(FunctionCtx ctx, Tensor... in) { return in[0].mul(2); }
            @Override protected Tensor[] backward(FunctionCtx ctx, Tensor... g) { return new Tensor[]{g[0].mul(2.01)}; }
        };
        GradCheck.Options strict = GradCheck.options().raiseException(false);
        assertFalse(GradCheck.gradcheck(t -> slightlyOff.apply(t), x, strict));
        assertTrue(GradCheck.gradcheck(t -> slightlyOff.apply(t), x, strict.rtol(1e-2)));
    }

    @Test
    void j7FastModePassesForACorrectFunction() {
        Tensor x = randn64(3);
        assertTrue(GradCheck.gradcheck(Tensor::tanh, x, GradCheck.options().fastMode(true)));
        assertTrue(GradCheck.gradgradcheck(xs -> xs.get(0).pow(3), List.of(x), GradCheck.options().fastMode(true)));
    }

    @Test
    void fastModeCatchesAWrongBackwardAndShowsTheSlowModeJacobians() {
        Tensor xs = Tensor.of(0.5, 1.0).requiresGrad_();
        var e = assertThrows(GradcheckError.class,
                () -> GradCheck.gradcheck(t -> new WrongSin().apply(t), xs, GradCheck.options().fastMode(true)));
        assertTrue(e.getMessage().startsWith("Jacobian mismatch for output 0 with respect to input 0,\nnumerical:tensor("),
                e.getMessage());
        assertTrue(e.getMessage().contains("Below, we recompute numerical and analytical jacobians in slow mode:\n\n"
                + "Numerical:\n tensor([[0.8776, 0.0000],\n        [0.0000, 0.5403]], dtype=torch.float64)\n"), e.getMessage());
    }

    @Test
    void aBackwardThatGivesDifferentValuesEachRunIsNotReentrant() {
        int[] calls = new int[1];
        Function drifting = new Function() {
            @Override protected Tensor forward(FunctionCtx ctx, Tensor... in) { return in[0].mul(2); }
            @Override protected Tensor[] backward(FunctionCtx ctx, Tensor... g) {
                return new Tensor[]{g[0].mul(2 + 1e-9 * calls[0]++)};
            }
        };
        Tensor x = randn64(2);
        var e = assertThrows(GradcheckError.class, () -> GradCheck.gradcheck(t -> drifting.apply(t), x));
        assertTrue(e.getMessage().startsWith("Backward is not reentrant, i.e., running backward with same input and "
                + "grad_output multiple times gives different values, although analytical gradient matches numerical "
                + "gradient.The tolerance for nondeterminism was 0.0."), e.getMessage());
        calls[0] = 0;
        assertTrue(GradCheck.gradcheck(t -> drifting.apply(t), x, GradCheck.options().nondetTol(1e-6)));
    }
}
