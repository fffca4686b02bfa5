package dev.autograd4j.nn;

import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.autograd4j.nn.NnGolden.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * nn.init: gains and fans against PyTorch (golden/nn.json "init"); the random fills are checked against the
 * bound or standard deviation PyTorch uses for the same weight shape.
 */
class InitTest {
    private static Map<String, Object> golden() { return NnGolden.map(NnGolden.root().get("init")); }

    @Test
    void gainsAndFansMatchPyTorch() {
        Map<String, Object> gains = NnGolden.map(golden().get("gains"));
        for (var e : gains.entrySet()) {
            double param = e.getKey().equals("leaky_relu") ? 0.2 : 0;
            assertEquals(num(e.getValue()), Init.calculateGain(e.getKey(), param), 1e-12, e.getKey());
        }
        int[] fans = Init.fans(Tensor.zeros(20, 8, 3, 3));
        assertEquals(((Number) golden().get("fan_in")).intValue(), fans[0]);
        assertEquals(((Number) golden().get("fan_out")).intValue(), fans[1]);
    }

    private static void assertWithin(Tensor t, double bound) {
        double max = t.abs().max().item();
        assertTrue(max <= bound && max > 0.95 * bound, "max |w| " + max + " for bound " + bound);
    }

    private static void assertStd(Tensor t, double std) {
        double s = t.std().item();
        assertEquals(std, s, 0.05 * std, "std");
        assertEquals(0, t.mean().item(), 0.05 * std, "mean");
    }

    @Test
    void uniformFillsUseTheirBoundsAndNormalFillsTheirStd() {
        Tensor.manualSeed(42);
        Tensor w = Tensor.zeros(20, 8, 3, 3);
        assertSame(w, Init.kaimingUniform_(w, 0, "fan_in", "relu"));
        assertWithin(w, num(golden().get("kaiming_uniform_bound_relu_fan_in")));
        Init.xavierUniform_(w);
        assertWithin(w, num(golden().get("xavier_uniform_bound")));
        Init.kaimingNormal_(w, 0, "fan_out", "relu");
        assertStd(w, num(golden().get("kaiming_normal_std_relu_fan_out")));
        Init.xavierNormal_(w);
        assertStd(w, num(golden().get("xavier_normal_std")));
        Init.normal_(w, 0, 0.5);
        assertStd(w, 0.5);
        Init.uniform_(w, -0.25, 0.25);
        assertWithin(w, 0.25);
    }

    @Test
    void constantFillsWorkOnParametersThatRequireGrad() {
        Parameter p = new Parameter(Tensor.ones(3));
        Init.zeros_(p);
        assertTrue(p.equal(Tensor.zeros(3)));
        Init.ones_(p);
        assertTrue(p.equal(Tensor.ones(3)));
        Init.constant_(p, 0.5);
        assertTrue(p.equal(Tensor.full(0.5, 3)));
        assertTrue(p.requiresGrad() && p.isLeaf());
    }
}
