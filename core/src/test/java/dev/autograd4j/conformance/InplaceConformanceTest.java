package dev.autograd4j.conformance;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.Autograd;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.autograd4j.conformance.Transcript.fnName;
import static dev.autograd4j.conformance.Transcript.py;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPEC section 1 (g), G1-G6: in-place operations, checked against spec cases 25-27. */
class InplaceConformanceTest {
    private static final Transcript C25 = Transcript.of("25_inplace_leaf_errors");
    private static final Transcript C26 = Transcript.of("26_inplace_version_counter");
    private static final Transcript C27 = Transcript.of("27_inplace_views");

    @Test
    void G1_inPlaceOnALeafThatRequiresGradIsRejected() {
        Tensor a = Tensor.linspace(0, 2 * Math.PI, 25).requiresGrad_();
        C25.attempt("torch.sin_(a)", a::sin_);
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        C25.attempt("x.add_(1)", () -> x.add_(1));
        C25.attempt("x += 1", () -> x.add_(1)); // Python's += on a tensor is add_
        C25.attempt("x[0] = 5.", () -> x.select(0, 0).fill_(5));
        C25.attempt("x.zero_()", x::zero_);
        C25.attempt("x.copy_(t)", () -> x.copy_(Tensor.zeros(2)));
        C25.attempt("x.fill_(0)", () -> x.fill_(0));
        C25.attempt("x[0:1].mul_(2)", () -> x.slice(0, 0, 1).mul_(2));
        C25.attempt("x.view(2).add_(1)", () -> x.view(2).add_(1));
        assertEquals(0, x.version(), "the rejected calls leave x unchanged");
        assertTrue(x.equal(Tensor.of(1f, 2f)));
        // Allowed under no_grad, and through .data.
        try (var g = Autograd.noGrad()) {
            x.add_(1);
            x.select(0, 0).fill_(10);
        }
        C25.has("after no_grad in-place: " + x + "  _version: " + x.version());
        Tensor t = Tensor.of(1f, 2f);
        t.add_(1);
        C25.has("non-grad leaf in-place: " + t);
        Tensor y = x.add(1);
        C25.has("rebinding y = y + 1: " + y + " " + py(y.isLeaf()));
        x.data().add_(1);
        C25.has("x.data.add_(1): " + x);
    }

    @Test
    void G2_versionStartsAtZeroAndCountsInPlaceOps() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        C25.has("x._version before: " + x.version());
        try (var g = Autograd.noGrad()) {
            x.add_(1);
            x.select(0, 0).fill_(10);
        }
        C25.has("after no_grad in-place: " + x + "  _version: " + x.version());
        Tensor a = Tensor.of(1f, 2f, 3f).requiresGrad_();
        Tensor b = a.exp();
        C26.has("b._version: " + b.version());
        b.add_(1);
        C26.has("b._version after add_: " + b.version());
    }

    @Test
    void G3_modifyingASavedTensorFailsBackward() {
        Tensor a = Tensor.of(1f, 2f, 3f).requiresGrad_();
        Tensor b = a.exp();
        b.add_(1);
        C26.attempt("backward after modifying exp output", () -> b.sum().backward());
        Tensor a2 = Tensor.of(0f, 1f).requiresGrad_();
        Tensor s = a2.sigmoid();
        s.mul_(2);
        C26.attempt("backward after modifying sigmoid output", () -> s.sum().backward());
        Tensor a3 = Tensor.of(1f, 2f).requiresGrad_();
        Tensor w = Tensor.of(3f, 4f).requiresGrad_();
        Tensor h = a3.mul(1);
        Tensor y = h.mul(w);
        h.add_(1);
        C26.attempt("modify saved input h", () -> y.sum().backward());
        Tensor a4 = Tensor.of(1f, 2f).requiresGrad_();
        Tensor b4 = a4.exp();
        b4.add_(1);
        b4.add_(1);
        C26.attempt("two in-place ops", () -> b4.sum().backward());
        Tensor m = Tensor.ones(DType.FLOAT64, 2, 3).requiresGrad_();
        Tensor e = m.tanh();
        e.zero_();
        C26.attempt("float64 [2, 3] tanh", () -> e.sum().backward());
    }

    @Test
    void G4_inPlaceOnUnsavedTensorsAndNonLeavesIsRecorded() {
        Tensor a = Tensor.of(1f, 2f).requiresGrad_();
        Tensor b = a.add(1);
        b.mul(1);
        Tensor d = b.add(2);
        b.mul_(3);
        d.sum().backward();
        C26.has("no error when the modified tensor was not saved; a.grad = " + a.grad());
        Tensor a2 = Tensor.of(1f, 2f).requiresGrad_();
        Tensor b2 = a2.mul(2);
        b2.mul_(3);
        C26.has("b: " + b2);
        b2.sum().backward();
        C26.has("a.grad after b = a*2; b *= 3: " + a2.grad());
        Tensor a3 = Tensor.of(-1f, 2f).requiresGrad_();
        Tensor r = a3.mul(1).relu_();
        C26.has("relu_: " + r);
        r.sum().backward();
        C26.has("a.grad: " + a3.grad());
    }

    @Test
    void G5_writesThroughViewsRewriteTheBaseHistory() {
        Tensor x = Tensor.of(1f, 2f, 3f, 4f).requiresGrad_();
        Tensor y = x.clone();
        C27.has("y.grad_fn: " + fnName(y));
        y.slice(0, 1, 3).copy_(Tensor.of(10f, 20f));
        C27.has("after y[1:3] = ...: " + y + "  grad_fn: " + fnName(y));
        y.mul(y).sum().backward();
        C27.has("x.grad (0 for overwritten positions): " + x.grad());

        Tensor x2 = Tensor.of(1f, 2f, 3f, 4f).requiresGrad_();
        Tensor y2 = x2.mul(1);
        Tensor v = y2.slice(0, 0, 2);
        v.mul_(5);
        C27.has("y after v.mul_(5): " + y2 + "  y.grad_fn: " + fnName(y2) + "  v.grad_fn: " + fnName(v));
        y2.sum().backward();
        C27.has("x.grad: " + x2.grad());

        Tensor x3 = Tensor.zeros(3).requiresGrad_();
        Tensor w = Tensor.scalar(7).requiresGrad_();
        Tensor y3 = x3.clone();
        y3.select(0, 1).copy_(w.mul(2));
        y3.sum().backward();
        C27.has("x.grad: " + x3.grad() + "  w.grad: " + w.grad());

        Tensor x4 = Tensor.ones(4).requiresGrad_();
        Tensor v4 = x4.view(2, 2);
        C27.has("v._is_view(): " + py(v4.viewBase() != null) + "  v._base is x: " + py(v4.viewBase() == x4));
    }

    @Test
    void G6_forbiddenInPlaceOnViews() {
        Tensor x = Tensor.ones(4).requiresGrad_();
        Tensor y = x.mul(1);
        Tensor v;
        try (var g = Autograd.noGrad()) {
            v = y.slice(0, 0, 2);
        }
        C27.attempt("in-place on view created in no_grad", () -> v.mul_(2));
        Tensor x2 = Tensor.ones(2, 2).requiresGrad_();
        Tensor y2 = x2.mul(1);
        List<Tensor> ab = y2.unbind(0);
        C27.attempt("in-place on unbind output", () -> ab.get(0).mul_(2));
        assertEquals(0, y2.version(), "the rejected calls leave the base unchanged");
    }
}
