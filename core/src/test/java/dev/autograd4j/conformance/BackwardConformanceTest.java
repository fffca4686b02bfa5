package dev.autograd4j.conformance;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.Warnings;
import dev.autograd4j.autograd.Autograd;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.autograd4j.conformance.Transcript.py;
import static dev.autograd4j.conformance.Transcript.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** SPEC section 1 (b), B1-B10: backward() and autograd.grad, checked against spec cases 05-14, 57, 59 and 60. */
class BackwardConformanceTest {
    private static final Transcript C11 = Transcript.of("11_backward_nonscalar_errors");
    private static final Transcript C12 = Transcript.of("12_backward_twice_retain_graph");
    private static final Transcript C14 = Transcript.of("14_autograd_grad_api");

    private static List<Tensor> grad(Tensor out, Tensor... in) { return Autograd.grad(List.of(out), List.of(in)); }

    private static List<Tensor> gradRetained(Tensor out, boolean allowUnused, Tensor... in) {
        return Autograd.grad(List.of(out), List.of(in), null, true, false, allowUnused);
    }

    @Test
    void B1_implicitGradientOnlyForSingleElementOutputs() {
        Tensor x = Tensor.of(1f, 2f, 3f).requiresGrad_();
        Tensor y = x.mul(2);
        C11.attempt("y.backward() on shape [3]", () -> y.backward());
        C11.attempt("torch.autograd.grad(y, x)", () -> grad(y, x));
        Tensor x1 = Tensor.of(new float[][]{{2f}}).requiresGrad_();
        x1.mul(3).backward();
        C11.has("shape [1,1] output backward OK, x1.grad: " + x1.grad());
        Tensor e = Tensor.zeros(0).requiresGrad_();
        C11.attempt("empty.sum() backward", () -> e.sum().backward());
        C11.attempt("empty*2 backward", () -> e.mul(2).backward());
    }

    @Test
    void B2_backwardWithAGradientComputesAVectorJacobianProduct() {
        Tensor x = Tensor.of(1f, 2f, 3f).requiresGrad_();
        Tensor y = x.mul(2);
        C11.attempt("y.backward(torch.ones(2))", () -> y.backward(Tensor.ones(2)));
        C11.attempt("y.backward(torch.ones(1, 3))", () -> y.backward(Tensor.ones(1, 3)));
        Tensor x2 = Tensor.of(1f, 2f).requiresGrad_();
        x2.mul(2).backward(Tensor.of(1.0, 1.0));
        C11.has("float64 gradient for float32 output -> x2.grad: " + x2.grad() + " " + x2.grad().dtype());
        Tensor x3 = Tensor.scalar(3).requiresGrad_();
        x3.pow(2).backward(Tensor.scalar(10));
        C11.has("scalar output, gradient=10 -> x3.grad: " + x3.grad());
        // backward([1., 1.]) / backward(1.0) raise TypeError in Python; Java's signature only accepts a Tensor,
        // so those calls do not compile.
        Transcript c57 = Transcript.of("57_edge_dtype_promotion");
        Tensor z = Tensor.of(1.0, 2.0).requiresGrad_();
        z.mul(1).backward(Tensor.of(1f, 1f));
        c57.has("float32 gradient for float64 output -> z.grad: " + z.grad().dtype());
        z.setGrad(null);
        c57.attempt("int64 gradient arg", () -> {
            z.mul(1).backward(Tensor.of(1L, 1L));
            return z.grad();
        });
        Transcript c10 = Transcript.of("10_tutorial_vjp_gradient_arg");
        Tensor t = Tensor.of(1f, 2f, 3f).requiresGrad_();
        t.mul(t).backward(Tensor.onesLike(t));
        c10.has("ones_like gradient: " + t.grad());
    }

    @Test
    void B3_tutorialValues() {
        Transcript c05 = Transcript.of("05_tutorial_x4_square");
        Tensor x = Tensor.scalar(4).requiresGrad_();
        Tensor y = x.pow(2);
        c05.has("x: " + x);
        c05.has("y: " + y);
        y.backward();
        c05.has("x.grad: " + x.grad());
        c05.has("x.grad.item(): " + x.grad().item());

        Transcript c07 = Transcript.of("07_tutorial_chain_1024");
        Tensor x7 = Tensor.scalar(4).requiresGrad_();
        Tensor y7 = x7.pow(2).mul(2); // Python's 2 * x ** 2 is (x ** 2).__rmul__(2)
        Tensor z7 = y7.pow(2);
        c07.has("y: " + y7);
        c07.has("z: " + z7);
        z7.backward();
        c07.has("x.grad: " + x7.grad());

        Transcript c09 = Transcript.of("09_variable_era");
        Tensor a = Tensor.ones(2, 2).requiresGrad_();
        Tensor out = a.add(2).pow(2).sum();
        c09.has(out.toString());
        out.backward();
        c09.has(a.grad().toString());
        Tensor xb = Tensor.ones(2, 2).requiresGrad_();
        Tensor yb = xb.add(2);
        Tensor zb = yb.mul(yb).mul(3);
        Tensor o = zb.mean();
        c09.has(yb.toString());
        c09.has(zb + " " + o);
        o.backward();
        c09.has(xb.grad().toString());

        Transcript c10 = Transcript.of("10_tutorial_vjp_gradient_arg");
        Tensor x10 = Tensor.ones(3).requiresGrad_();
        Tensor z10 = x10.add(2).pow(2).add(3);
        c10.has("z: " + z10);
        z10.backward(Tensor.of(0.1f, 1.0f, 10.0f));
        c10.has("x.grad: " + x10.grad());
        Tensor xv = Tensor.ones(3).requiresGrad_();
        xv.pow(2).add(3).backward(Tensor.of(0.1f, 1.0f, 10.0f));
        c10.has("z = x**2 + 3 variant, x.grad: " + xv.grad());
        Tensor qa = Tensor.of(2f, 3f).requiresGrad_();
        Tensor qb = Tensor.of(6f, 4f).requiresGrad_();
        Tensor q = qa.pow(3).mul(3).sub(qb.pow(2));
        q.backward(Tensor.of(1f, 1f));
        c10.has("Q: " + q);
        c10.has("a.grad == 9a^2: " + qa.grad() + " " + pyList(qa.pow(2).mul(9).eq(qa.grad())));
        c10.has("b.grad == -2b: " + qb.grad() + " " + pyList(qb.mul(-2).eq(qb.grad())));
    }

    /** Python's {@code tensor.tolist()} of a 1-D bool tensor. */
    private static String pyList(Tensor bools) {
        List<String> items = new ArrayList<>();
        for (boolean b : bools.toBooleanArray()) items.add(py(b));
        return items.toString();
    }

    @Test
    void B4_savedTensorsAreFreedAfterBackward() {
        Tensor x = Tensor.of(1f, 2f, 3f).requiresGrad_();
        Tensor y = x.exp().sum();
        y.backward();
        C12.has("first backward x.grad: " + x.grad());
        C12.attempt("second y.backward()", () -> y.backward());
        Tensor xs = Tensor.of(1f, 2f).requiresGrad_();
        Tensor ys = xs.mul(2).sum();
        ys.backward();
        C12.attempt("(x*2).sum() second backward", () -> ys.backward());
        Tensor x3 = Tensor.scalar(2).requiresGrad_();
        Tensor y3 = x3.pow(3);
        C12.has("grad #1: " + tuple(grad(y3, x3)));
        C12.attempt("grad #2 (not retained)", () -> grad(y3, x3));
        // grad_fn._saved_result has no public counterpart in the port (saved tensors are internal).
        Transcript c59 = Transcript.of("59_fanout_shared_subgraphs");
        Tensor w = Tensor.of(1f, 2f).requiresGrad_();
        Tensor h = w.exp();
        Tensor l1 = h.sum();
        Tensor l2 = h.mul(2).sum();
        l1.backward();
        c59.attempt("l2.backward() after l1.backward() without retain_graph", () -> l2.backward());
    }

    @Test
    void B5_retainGraphAllowsASecondBackward() {
        Tensor x = Tensor.of(1f, 2f, 3f).requiresGrad_();
        Tensor y = x.pow(2).sum();
        y.backward(null, true, false);
        C12.has("after 1st (retain_graph=True): " + x.grad());
        y.backward();
        C12.has("after 2nd: " + x.grad());
        C12.attempt("3rd backward after non-retained 2nd", () -> y.backward());
        Tensor x2 = Tensor.of(1f, 2f).requiresGrad_();
        Tensor y2 = x2.add(1).sum();
        y2.backward();
        y2.backward();
        C12.has("x+1 twice OK, x.grad: " + x2.grad());
        Transcript c59 = Transcript.of("59_fanout_shared_subgraphs");
        Tensor w = Tensor.of(1f, 2f).requiresGrad_();
        Tensor h = w.exp();
        Tensor l1 = h.sum();
        Tensor l2 = h.mul(2).sum();
        l1.backward(null, true, false);
        l2.backward();
        c59.has("with retain_graph: w.grad = 3*exp(w) = " + w.grad());
    }

    @Test
    void B6_createGraphRecordsTheBackwardPass() {
        Transcript c13 = Transcript.of("13_create_graph_higher_order");
        Tensor x = Tensor.scalar(2).requiresGrad_();
        Tensor y = x.pow(3);
        Tensor g1 = Autograd.grad(List.of(y), List.of(x), null, false, true, false).get(0);
        c13.has("g1: " + g1 + "  requires_grad: " + py(g1.requiresGrad()));
        Tensor g2 = Autograd.grad(List.of(g1), List.of(x), null, false, true, false).get(0);
        c13.has("g2: " + g2);
        Tensor g3 = grad(g2, x).get(0);
        c13.has("g3: " + g3);
        Tensor h = grad(x.pow(3), x).get(0);
        c13.has("without create_graph: " + h + " " + py(h.requiresGrad()));
        c13.attempt("grad of a grad computed without create_graph", () -> grad(h, x));

        Tensor x2 = Tensor.scalar(3).requiresGrad_();
        List<String> warnings = Warnings.capture(() -> x2.pow(2).backward(null, false, true));
        assertEquals(1, warnings.size());
        c13.hasWarning(warnings.get(0));
        c13.has("x.grad after backward(create_graph=True): " + x2.grad());
        Tensor gx = x2.grad();
        x2.setGrad(null);
        gx.backward();
        c13.has("d/dx of (2x) = " + x2.grad());

        Tensor t = Tensor.of(0f, (float) (3.14159265 / 2)).requiresGrad_();
        Tensor d1 = Autograd.grad(List.of(t.sin().sum()), List.of(t), null, false, true, false).get(0);
        Tensor d2 = grad(d1.sum(), t).get(0);
        c13.has("d sin: " + d1 + "  d2 sin: " + d2);
        Tensor z = Tensor.scalar(0.5).requiresGrad_();
        Tensor dz = Autograd.grad(List.of(z.tanh()), List.of(z), null, false, true, false).get(0);
        Tensor ddz = grad(dz, z).get(0);
        c13.has("tanh' (0.5): " + dz.item() + "  tanh'' (0.5): " + ddz.item());
    }

    @Test
    void B7_autogradGradReturnsOneGradientPerInputAndLeavesGradAlone() {
        Transcript c06 = Transcript.of("06_tutorial_partials");
        Tensor x = Tensor.scalar(4).requiresGrad_();
        Tensor y = Tensor.scalar(2).requiresGrad_();
        Tensor z = x.pow(2).add(y.pow(2));
        c06.has("z: " + z);
        z.backward();
        c06.has("dz/dx: " + x.grad());
        c06.has("dz/dy: " + y.grad());
        Tensor x2 = Tensor.scalar(4).requiresGrad_();
        Tensor y2 = Tensor.scalar(2).requiresGrad_();
        List<Tensor> g = grad(x2.pow(2).add(y2.pow(2)), x2, y2);
        c06.has("autograd.grad: " + tuple(g) + "  x2.grad: " + py(x2.grad()));

        Tensor a = Tensor.of(1f, 2f).requiresGrad_();
        Tensor b = Tensor.of(3f, 4f).requiresGrad_();
        Tensor out = a.mul(b).sum();
        C14.has("grad wrt [x, y]: " + tuple(gradRetained(out, false, a, b)) + " tuple");
        C14.has("x.grad / y.grad untouched: " + py(a.grad()) + " " + py(b.grad()));
        C14.has("single tensor input still returns a 1-tuple: " + tuple(gradRetained(out, false, a)));
        Tensor v = a.mul(b);
        C14.has("grad_outputs=[1, 10]: " + tuple(Autograd.grad(List.of(v), List.of(a),
                Arrays.asList(Tensor.of(1f, 10f)), false, false, false)));
        Tensor o1 = a.pow(2).sum();
        Tensor o2 = a.mul(3).sum();
        C14.has("grad([o1, o2], x): " + tuple(Autograd.grad(List.of(o1, o2), List.of(a))));
        Tensor xm = Tensor.scalar(2).requiresGrad_();
        Tensor m = xm.mul(3);
        Tensor om = m.pow(2);
        C14.has("d o / d m (non-leaf input): " + tuple(grad(om, m)));
    }

    @Test
    void B8_unusedInputsAndInputsWithoutGrad() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Tensor y = Tensor.of(3f, 4f).requiresGrad_();
        Tensor u = Tensor.of(5f, 6f).requiresGrad_();
        Tensor out = x.mul(y).sum();
        C14.attempt("grad wrt unused input", () -> gradRetained(out, false, x, u));
        C14.has("allow_unused=True: " + tuple(gradRetained(out, true, x, u)));
        Tensor c = Tensor.of(1f, 1f);
        C14.attempt("grad wrt tensor with requires_grad=False", () -> gradRetained(out, false, c));
        C14.attempt("grad of output that doesn't require grad", () -> grad(c.sum(), x));
    }

    @Test
    void B9_backwardInputsAndSeveralRoots() {
        Tensor a = Tensor.scalar(1).requiresGrad_();
        Tensor b = Tensor.scalar(2).requiresGrad_();
        a.mul(b).backward(null, List.of(a));
        C14.has("backward(inputs=[a]): a.grad = " + a.grad() + "  b.grad = " + py(b.grad()));
        Tensor p = Tensor.of(1f, 2f).requiresGrad_();
        Tensor r1 = p.mul(2);
        Tensor r2 = p.mul(3);
        Autograd.backward(List.of(r1, r2), List.of(Tensor.ones(2), Tensor.of(10f, 100f)));
        C14.has("autograd.backward two roots: " + p.grad());
    }

    @Test
    void B10_backwardOnAScalarLeafSetsItsGradToOne() {
        Transcript c60 = Transcript.of("60_dynamic_control_flow");
        Tensor l = Tensor.scalar(5).requiresGrad_();
        l.backward();
        c60.has("leaf.backward() -> leaf.grad: " + l.grad());
        assertNull(l.gradFn());
        assertEquals(DType.FLOAT32, l.grad().dtype());
    }
}
