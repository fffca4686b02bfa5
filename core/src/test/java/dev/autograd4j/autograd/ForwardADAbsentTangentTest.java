package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SPEC J6: an input without a tangent contributes no term to a JVP (PyTorch's undefined tangent), rather than a
 * zero tangent that turns {@code 0 * inf} into NaN. Expected texts were printed by PyTorch 1.13 for the same calls.
 */
class ForwardADAbsentTangentTest {
    private static final float INF = Float.POSITIVE_INFINITY;

    private static String tangent(Tensor t) { return ForwardAD.unpackDual(t).tangent().toString(); }

    @Test
    void j6MulByAPlainInfiniteFactorKeepsTheDualTermOnly() {
        try (DualLevel level = ForwardAD.dualLevel()) {
            Tensor d = ForwardAD.makeDual(Tensor.of(INF, 1f), Tensor.of(1f, 1f));
            Tensor y = d.mul(Tensor.of(2f, INF));
            assertEquals("tensor([inf, inf], tangent=tensor([2., inf]))", y.toString());
        }
    }

    @Test
    void j6DivByAPlainDivisorIsTheTangentOverIt() {
        try (DualLevel level = ForwardAD.dualLevel()) {
            Tensor d = ForwardAD.makeDual(Tensor.of(INF, 1f), Tensor.of(1f, 1f));
            assertEquals("tensor([0.5000, 0.5000])", tangent(d.div(Tensor.of(2f, 2f))));
        }
    }

    @Test
    void j6PowOfANegativeBaseByAPlainExponentHasNoLogTerm() {
        try (DualLevel level = ForwardAD.dualLevel()) {
            Tensor e = ForwardAD.makeDual(Tensor.of(-2f), Tensor.of(1f));
            assertEquals("tensor([4.], tangent=tensor([-4.]))", e.pow(Tensor.of(2f)).toString());
        }
    }

    @Test
    void j6MaximumAndAtan2WithOnePlainInput() {
        try (DualLevel level = ForwardAD.dualLevel()) {
            Tensor d = ForwardAD.makeDual(Tensor.of(INF, 1f), Tensor.of(1f, 1f));
            assertEquals("tensor([1., 0.])", tangent(d.maximum(Tensor.of(0f, 3f))));
            assertEquals("tensor([-0.0000, -0.5000])", tangent(Tensor.of(1f, 1f).atan2(d)));
        }
    }

    @Test
    void j6OnlyTheSecondInputDualGivesItsTermAlone() {
        try (DualLevel level = ForwardAD.dualLevel()) {
            Tensor d = ForwardAD.makeDual(Tensor.of(2.0, 3.0), Tensor.of(1.0, 10.0));
            Tensor x = Tensor.of(Double.POSITIVE_INFINITY, 4.0);
            // d(x - 2y) = -2 dy; d(x y) = x dy; d(x / y) = -x/y^2 dy; matmul and where too
            assertEquals("tensor([ -2., -20.], dtype=torch.float64)", tangent(x.sub(d, 2)));
            assertEquals("tensor([inf, 40.], dtype=torch.float64)", tangent(x.mul(d)));
            assertEquals("tensor([   -inf, -4.4444], dtype=torch.float64)", tangent(x.div(d)));
            assertEquals("tensor([ 0., 10.], dtype=torch.float64)",
                    tangent(Tensor.where(Tensor.of(true, false), x, d).mul(1)));
        }
    }
}
