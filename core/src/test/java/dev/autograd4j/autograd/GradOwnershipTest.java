package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;
import dev.autograd4j.tensor.Storage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NOTE [Stealing gradients]: a leaf's first gradient becomes its {@code .grad} without a copy only when nothing but
 * the engine could hold it; every way a user or another leaf could see the same storage still gets a copy.
 */
class GradOwnershipTest {

    private static void assertClose(Tensor expected, Tensor actual) {
        assertEquals(0.0, expected.sub(actual).abs().sum().item(), 1e-4);
    }

    private static long allocationsDuring(Runnable r) {
        long before = Storage.nextSerial();
        r.run();
        return Storage.nextSerial() - before;
    }

    @Test
    void aLinearWeightGradientIsAdoptedInsteadOfCopied() {
        Tensor.manualSeed(1);
        Tensor x = Tensor.randn(8, 5);
        Tensor w1 = Tensor.randn(3, 5).requiresGrad_();
        Tensor w2 = w1.detach().clone().requiresGrad_();
        w2.registerHook(g -> null); // a hook may keep the tensor it saw: that gradient must be copied
        // The fewest allocations of a few tries: another thread allocating meanwhile can only add to a count.
        long adopted = Long.MAX_VALUE, copied = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            w1.setGrad(null);
            w2.setGrad(null);
            Tensor l1 = x.mm(w1.t()).pow(2).sum();
            Tensor l2 = x.mm(w2.t()).pow(2).sum();
            adopted = Math.min(adopted, allocationsDuring(l1::backward));
            copied = Math.min(copied, allocationsDuring(l2::backward));
        }
        assertEquals(copied - 1, adopted, "the copy into .grad is the only difference");
        assertClose(w2.grad(), w1.grad());
    }

    @Test
    void oneGradientReachingTwoLeavesIsCopiedForEach() {
        Tensor a = Tensor.randn(4, 3).requiresGrad_();
        Tensor b = Tensor.randn(4, 3).requiresGrad_();
        Tensor c = Tensor.randn(4, 3);
        a.add(b).mul(c).sum().backward(); // AddBackward hands the same tensor to both leaves
        assertNotSame(a.grad().storage(), b.grad().storage());
        a.grad().add_(1.0);
        assertClose(c, b.grad());
        assertClose(c.add(1.0), a.grad());
    }

    @Test
    void aGradientAHookSawIsNotTheGrad() {
        Tensor w = Tensor.randn(3, 4).requiresGrad_();
        Tensor d = Tensor.randn(3, 4);
        Tensor[] seen = new Tensor[1];
        w.registerHook(g -> {
            seen[0] = g;
            return null;
        });
        w.mul(d).sum().backward();
        assertNotSame(seen[0].storage(), w.grad().storage());
        w.grad().zero_();
        assertClose(d, seen[0]);
    }

    @Test
    void aRetainedGradIsNotSharedWithTheLeafBelowIt() {
        Tensor x = Tensor.randn(3, 4).requiresGrad_();
        Tensor d = Tensor.randn(4, 3);
        Tensor y = x.t();
        y.retainGrad();
        y.mul(d).sum().backward(); // TBackward passes y's gradient through to x as a view
        assertNotSame(y.grad().storage(), x.grad().storage());
        x.grad().zero_();
        assertClose(d, y.grad());
    }

    @Test
    void aUsersGradientIsNeverAdopted() {
        Tensor x = Tensor.randn(2, 3).requiresGrad_();
        Tensor v = Tensor.randn(6);
        x.reshape(6).backward(v);
        assertNotSame(v.storage(), x.grad().storage());
        x.grad().zero_();
        assertEquals(6, v.abs().gt(0).sum().item(), 0.0);
    }

    @Test
    void anAdoptedGradAccumulatesLaterGradientsInPlace() {
        Tensor x = Tensor.randn(8, 5);
        Tensor w = Tensor.randn(3, 5).requiresGrad_();
        Tensor loss = x.mm(w.t()).pow(2).sum();
        loss.backward(null, true, false);
        Tensor first = w.grad().clone();
        Tensor grad = w.grad();
        loss.backward(null, true, false);
        assertTrue(grad == w.grad(), "the second backward adds into the same grad");
        assertClose(first.mul(2.0), w.grad());
    }
}
