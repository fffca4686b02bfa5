package dev.autograd4j.reliability;

import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.Node;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What backward frees: saved tensors as soon as it ran (unless retainGraph), the whole graph once the caller drops
 * its result; hooks and retainGrad keep nothing alive beyond the tensors the caller still holds. Each "released"
 * check has a twin that shows the same reference stays alive while it is still needed, so the checks can fail.
 */
class MemoryTest {
    /** An intermediate that only the graph's saved tensors hold: the result of exp, saved by Exp and Mul. */
    private record Built(Tensor loss, WeakReference<Tensor> saved, WeakReference<Node> node) {}

    private static Built build(Tensor x) {
        Tensor h = x.exp();             // ExpBackward0 saves its result h
        Tensor loss = h.mul(h).sum();   // MulBackward0 saves h twice
        return new Built(loss, new WeakReference<>(h), new WeakReference<>(h.gradFn()));
    }

    @Test
    void savedTensorsAreReleasedByBackwardWhileTheGraphIsStillReferenced() {
        Tensor x = Tensor.randn(64, 64).requiresGrad_();
        Built b = build(x);
        Tensor loss = b.loss();
        b = new Built(null, b.saved(), b.node());
        assertFalse(Gc.collected(b.saved()), "before backward the graph needs h");
        loss.backward();
        assertTrue(Gc.collected(b.saved()), "backward without retainGraph must free saved tensors");
        assertNotNull(b.node().get(), "the nodes stay while the caller holds loss");
        assertNotNull(loss.gradFn());
    }

    @Test
    void retainGraphKeepsSavedTensorsUntilTheLastBackward() {
        Tensor x = Tensor.randn(16).requiresGrad_();
        Built b = build(x);
        Tensor loss = b.loss();
        b = new Built(null, b.saved(), b.node());
        loss.backward(null, true, false);
        assertFalse(Gc.collected(b.saved()), "retainGraph keeps saved tensors");
        loss.backward();
        assertTrue(Gc.collected(b.saved()));
    }

    @Test
    void theWholeGraphIsCollectedOnceTheResultIsDropped() {
        Tensor x = Tensor.randn(32).requiresGrad_();
        Built b = build(x);
        WeakReference<Node> lossNode = new WeakReference<>(b.loss().gradFn());
        b.loss().backward();
        WeakReference<Node> expNode = b.node();
        b = null;
        assertTrue(Gc.collected(lossNode), "SumBackward0 is unreachable once loss is dropped");
        assertTrue(Gc.collected(expNode), "and so is every node behind it");
        assertNotNull(x.grad(), "the leaf and its gradient stay");
    }

    @Test
    void aGraphBuiltButNeverBackwardedIsCollectedToo() {
        Tensor x = Tensor.randn(32).requiresGrad_();
        WeakReference<Node> node = new WeakReference<>(x.exp().mul(2).sum().gradFn());
        assertTrue(Gc.collected(node));
    }

    /** h = exp(x) with a tensor hook capturing a 256x256 tensor, plus node pre- and post-hooks. */
    private record Hooked(Tensor h, WeakReference<Tensor> captured, WeakReference<Node> node) {}

    private static Hooked hooked(Tensor x) {
        Tensor big = Tensor.zeros(256, 256);
        Tensor h = x.exp();
        h.registerHook(g -> g.add(big.sum()));
        h.gradFn().registerHook((gi, go) -> null);
        h.gradFn().registerPrehook(go -> null);
        return new Hooked(h, new WeakReference<>(big), new WeakReference<>(h.gradFn()));
    }

    @Test
    void hooksOnIntermediatesDoNotPinTheGraphOrWhatTheyCapture() {
        Tensor x = Tensor.randn(8).requiresGrad_();
        Hooked k = hooked(x);
        Tensor h = k.h();
        WeakReference<Tensor> captured = k.captured();
        WeakReference<Node> node = k.node();
        k = null;
        h.sum().backward();
        assertArrayEquals(x.exp().toFloatArray(), x.grad().toFloatArray());
        assertFalse(Gc.collected(captured), "the hook (held by h's node, held by h) still captures big");
        h = null;
        assertTrue(Gc.collected(node), "the node with three hooks goes once its tensors are dropped");
        assertTrue(Gc.collected(captured), "and so does what its hooks captured");
    }

    @Test
    void retainGradDoesNotPinTheGraph() {
        Tensor x = Tensor.randn(8).requiresGrad_();
        Tensor h = x.mul(3);
        h.retainGrad();
        Tensor loss = h.exp().sum();
        WeakReference<Node> lossNode = new WeakReference<>(loss.gradFn());
        WeakReference<Node> hNode = new WeakReference<>(h.gradFn());
        loss.backward();
        Tensor hGrad = h.grad();
        assertNotNull(hGrad);
        loss = null;
        assertTrue(Gc.collected(lossNode), "the retained grad keeps nothing downstream of h");
        assertFalse(Gc.collected(hNode), "h itself keeps its own grad_fn, as in PyTorch");
        WeakReference<Tensor> hRef = new WeakReference<>(h);
        h = null;
        assertTrue(Gc.collected(hRef), "the node's retain_grad target does not keep h alive");
        assertTrue(Gc.collected(hNode));
        assertNotNull(hGrad.toFloatArray());
    }

    @Test
    void leafGradientsDoNotReferenceTheGraph() {
        Tensor x = Tensor.randn(8).requiresGrad_();
        Tensor loss = x.exp().sum();
        loss.backward();
        assertNull(x.grad().gradFn());
        WeakReference<Node> node = new WeakReference<>(loss.gradFn());
        loss = null;
        assertTrue(Gc.collected(node));
    }
}
