package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPEC J6: dual levels, makeDual/unpackDual, printing and errors; expected texts are case 36's recorded output. */
class ForwardADTest {
    private final Tensor primal = Tensor.of(0f, 1f, 2f);
    private final Tensor tangent = Tensor.of(1f, 1f, 1f);

    @Test
    void j6DualTensorPrintsItsTangentAfterTheData() {
        try (DualLevel level = ForwardAD.dualLevel()) {
            Tensor out = ForwardAD.makeDual(primal, tangent).sin().mul(2);
            assertEquals("tensor([0.0000, 1.6829, 1.8186], tangent=tensor([ 2.0000,  1.0806, -0.8323]))", out.toString());
        }
    }

    @Test
    void j6UnpackGivesThePrimalWithoutTangentAndTheTangent() {
        try (DualLevel level = ForwardAD.dualLevel()) {
            Tensor out = ForwardAD.makeDual(primal, tangent).sin().mul(2);
            UnpackedDual u = ForwardAD.unpackDual(out);
            assertEquals("tensor([0.0000, 1.6829, 1.8186])", u.primal().toString());
            assertEquals("tensor([ 2.0000,  1.0806, -0.8323])", u.tangent().toString());
        }
    }

    @Test
    void j6SquareOfADualHasTangentTwoX() {
        try (DualLevel level = ForwardAD.dualLevel()) {
            Tensor dual = ForwardAD.makeDual(primal, tangent);
            assertEquals("tensor([0., 2., 4.])", ForwardAD.unpackDual(dual.mul(dual)).tangent().toString());
        }
    }

    @Test
    void j6UnpackOfAPlainTensorHasNoTangent() {
        try (DualLevel level = ForwardAD.dualLevel()) {
            UnpackedDual u = ForwardAD.unpackDual(primal);
            assertEquals("UnpackedDualTensor(primal=tensor([0., 1., 2.]), tangent=None)", u.toString());
            assertSame(primal, u.primal());
        }
    }

    @Test
    void j6TangentIsGoneAfterTheLevelExits() {
        Tensor out;
        try (DualLevel level = ForwardAD.dualLevel()) {
            out = ForwardAD.makeDual(primal, tangent).sin().mul(2);
        }
        assertNull(ForwardAD.unpackDual(out).tangent());
        assertEquals("tensor([0.0000, 1.6829, 1.8186])", out.toString());
        assertFalse(ForwardAD.isActive());
    }

    @Test
    void j6ChainExpTimesXHasTangentEAtOneTimesTwo() {
        try (DualLevel level = ForwardAD.dualLevel()) {
            Tensor x = ForwardAD.makeDual(Tensor.scalar(1), Tensor.scalar(1));
            Tensor y = x.exp().mul(x);
            assertEquals(5.436563491821289, ForwardAD.unpackDual(y).tangent().item());
        }
    }

    @Test
    void j6MakeDualOutsideALevelFailsWithPyTorchsText() {
        var e = assertThrows(IllegalStateException.class, () -> ForwardAD.makeDual(primal, tangent));
        assertEquals("Trying to create a dual Tensor for forward AD but no level exists, make sure to "
                + "enter_dual_level() first.", e.getMessage());
    }

    @Test
    void j6TangentOfAnotherSizeFailsWithPyTorchsText() {
        try (DualLevel level = ForwardAD.dualLevel()) {
            var e = assertThrows(IllegalStateException.class, () -> ForwardAD.makeDual(primal, Tensor.ones(2)));
            assertEquals("Trying to set a forward gradient that has a different size than that of the original Tensor, "
                    + "this is not supported. Tensor is of size [3] while the given forward gradient is of size [2].",
                    e.getMessage());
        }
    }

    @Test
    void nestedLevelsAreRefusedAsInPyTorch113() {
        try (DualLevel level = ForwardAD.dualLevel()) {
            var e = assertThrows(IllegalStateException.class, ForwardAD::dualLevel);
            assertEquals("Nested forward mode AD is not supported at the moment", e.getMessage());
            assertTrue(level.isOpen());
        }
    }

    @Test
    void integerPrimalIsRejected() {
        try (DualLevel level = ForwardAD.dualLevel()) {
            var e = assertThrows(IllegalArgumentException.class, () -> ForwardAD.makeDual(Tensor.of(1L, 2L), tangent.narrow(0, 0, 2)));
            assertEquals("Expected primal to be floating point or complex, but got: torch.int64", e.getMessage());
        }
    }

    @Test
    void makeDualLeavesThePrimalItselfWithoutTangent() {
        try (DualLevel level = ForwardAD.dualLevel()) {
            ForwardAD.makeDual(primal, tangent);
            assertNull(ForwardAD.tangentOf(primal));
            assertEquals("tensor([0., 1., 2.])", primal.toString());
        }
    }

    @Test
    void tangentsFlowAlongsideTheBackwardGraph() {
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad_();
        try (DualLevel level = ForwardAD.dualLevel()) {
            Tensor y = ForwardAD.makeDual(x, Tensor.of(1.0, 0.0)).mul(x).sum();   // only the dual factor has a tangent: x . v = 1
            assertEquals(1.0, ForwardAD.unpackDual(y).tangent().item());
            y.backward();
        }
        assertEquals("tensor([2., 4.], dtype=torch.float64)", x.grad().toString());
    }

    // The in-place expectations below were printed by PyTorch 1.13 (forward_ad with add_, mul_, exp_, sin_).

    @Test
    void inPlaceAddIntoAPlainTensorGivesItTheDualsTangent() {
        try (DualLevel level = ForwardAD.dualLevel()) {
            Tensor d = ForwardAD.makeDual(Tensor.of(1f, 2f, 3f), Tensor.of(1f, 1f, 1f));
            Tensor z = Tensor.of(1f, 1f, 1f);
            z.add_(d);
            assertEquals("tensor([2., 3., 4.], tangent=tensor([1., 1., 1.]))", z.toString());
        }
    }

    @Test
    void inPlaceMulUsesTheOldValueOfSelf() {
        try (DualLevel level = ForwardAD.dualLevel()) {
            Tensor d = ForwardAD.makeDual(Tensor.of(1f, 2f, 3f), Tensor.of(1f, 1f, 1f));
            Tensor y = d.mul(1);
            y.mul_(d);
            assertEquals("tensor([1., 4., 9.], tangent=tensor([2., 4., 6.]))", y.toString());
        }
    }

    @Test
    void inPlaceExpPrintsTheTangentOnAWrappedLine() {
        try (DualLevel level = ForwardAD.dualLevel()) {
            Tensor w = ForwardAD.makeDual(Tensor.of(1f, 2f, 3f), Tensor.of(1f, 1f, 1f)).mul(1);
            w.exp_();
            assertEquals("tensor([ 2.7183,  7.3891, 20.0855],\n       tangent=tensor([ 2.7183,  7.3891, 20.0855]))", w.toString());
        }
    }

    @Test
    void inPlaceOpOnARecordedTensorUpdatesItsTangent() {
        Tensor x = Tensor.of(1f, 2f, 3f).requiresGrad_();
        try (DualLevel level = ForwardAD.dualLevel()) {
            Tensor d = ForwardAD.makeDual(x.mul(1), Tensor.of(1f, 0f, 0f));
            d.sin_();
            assertEquals("tensor([0.5403, -0.0000, -0.0000])", ForwardAD.unpackDual(d).tangent().detach().toString());
        }
    }

    @Test
    void forwardOverReverseGivesTheHessianVectorProduct() {
        // f(x) = sum(x^3): grad = 3 x^2, and the tangent of the grad along v is H v = 6 x v.
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad_();
        Tensor v = Tensor.of(1.0, -0.5);
        try (DualLevel level = ForwardAD.dualLevel()) {
            Tensor d = ForwardAD.makeDual(x, v);
            Tensor y = d.pow(3).sum();
            Tensor g = Autograd.grad(List.of(y), List.of(d), null, false, true, false).get(0);
            assertEquals("tensor([ 6., -6.], dtype=torch.float64)", ForwardAD.unpackDual(g).tangent().detach().toString());
        }
    }

    @Test
    void zeroDimTangentPrintsAsAPythonFloat() {
        // PyTorch formats the tangent with str.format, which turns a 0-dim tensor into its Python float.
        try (DualLevel level = ForwardAD.dualLevel()) {
            Tensor d = ForwardAD.makeDual(Tensor.scalar(1), Tensor.scalar(1));
            assertEquals("tensor(3., tangent=3.0)", d.mul(Tensor.scalar(3)).toString());
            assertEquals("tensor(1.0000e-05, tangent=9.999999747378752e-06)", d.mul(Tensor.scalar(1e-5)).toString());
        }
    }

    @Test
    void pythonFloatReprMatchesPythonsRules() {
        // Each pair is (value, the tangent text PyTorch 1.13 printed for a float64 0-dim tangent of that value).
        Object[][] cases = {{1e20, "1e+20"}, {1e-4, "0.0001"}, {1e16, "1e+16"}, {1e15, "1000000000000000.0"},
                {123.456, "123.456"}, {-2.5e-7, "-2.5e-07"}, {Double.NaN, "nan"}, {Double.POSITIVE_INFINITY, "inf"},
                {-0.0, "-0.0"}, {1e-5, "1e-05"}, {2.0, "2.0"}};
        for (Object[] c : cases) assertEquals(c[1], ForwardAD.pythonFloatRepr((Double) c[0]), String.valueOf(c[0]));
    }

    @Test
    void matrixDualPrintsItsTangentWithTheTangentsOwnIndent() {
        try (DualLevel level = ForwardAD.dualLevel()) {
            Tensor d = ForwardAD.makeDual(Tensor.of(new float[][]{{1, 2}, {3, 4}}), Tensor.ones(2, 2));
            assertEquals("tensor([[1., 2.],\n        [3., 4.]], tangent=tensor([[1., 1.],\n        [1., 1.]]))", d.toString());
        }
    }
}
