package dev.autograd4j.nn;

import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.Autograd;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * {@code autograd.grad} with respect to a non-leaf (what the named loss nodes rely on, NOTE [Named composites]).
 * The expected values follow from d(sum(3h))/dh = 3 and d(sum(h²))/dh = 2h.
 */
class NonLeafGradTest {

    @Test
    void gradWithRespectToANonLeafReachesIt() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Tensor h = x.mul(2);
        Tensor g = Autograd.grad(List.of(h.mul(3).sum()), List.of(h)).get(0);
        assertArrayEquals(new float[]{3f, 3f}, g.toFloatArray());
    }

    @Test
    void gradWithRespectToANonLeafBehindSeveralNodes() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Tensor h = x.exp().log();
        Tensor g = Autograd.grad(List.of(h.mul(h).sum()), List.of(h)).get(0);
        assertArrayEquals(new float[]{2f, 4f}, g.toFloatArray(), 1e-6f);
    }
}
