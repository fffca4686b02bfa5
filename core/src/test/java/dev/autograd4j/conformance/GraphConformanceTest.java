package dev.autograd4j.conformance;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.Warnings;
import dev.autograd4j.autograd.AccumulateGrad;
import dev.autograd4j.autograd.Edge;
import dev.autograd4j.autograd.Node;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static dev.autograd4j.conformance.Transcript.fnName;
import static dev.autograd4j.conformance.Transcript.py;
import static dev.autograd4j.conformance.Transcript.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * SPEC section 1 (c) and (d), C1-C4 and D1-D3: graph introspection and retain_grad, checked against spec cases
 * 07, 08, 15-18.
 */
class GraphConformanceTest {
    private static final Transcript C15 = Transcript.of("15_grad_fn_names");
    private static final Transcript C16 = Transcript.of("16_next_functions");
    private static final Transcript C18 = Transcript.of("18_nonleaf_grad_warning_retain_grad");

    /** The non-leaf .grad warning in 1.13's wording: the port keeps 2.x's "information." (SPEC D1, section 4). */
    static String as113(String warning) {
        return warning.replace("for more information.", "for more informations.");
    }

    private static void name(String label, Supplier<Tensor> op) {
        Tensor r = op.get();
        String n = fnName(r);
        C15.has(String.format("%-26s -> %s   name(): %s", label, n, r.gradFn() == null ? "-" : n));
    }

    @Test
    void C1_gradFnNames() {
        Tensor x = Tensor.of(new float[][]{{1, 2}, {3, 4}}).requiresGrad_();
        Tensor y = Tensor.of(new float[][]{{0.5f, -1}, {2, 0.25f}}).requiresGrad_();
        Tensor v = Tensor.of(1f, -2f).requiresGrad_();
        name("x + y", () -> x.add(y));
        name("x + 1", () -> x.add(1));
        name("1 + x", () -> x.add(1)); // Python's 1 + x is x.__radd__(1)
        name("x - y", () -> x.sub(y));
        name("1 - x", () -> x.rsub(1));
        name("-x", x::neg);
        name("x * y", () -> x.mul(y));
        name("x * 2", () -> x.mul(2));
        name("x / y", () -> x.div(y));
        name("x / 2", () -> x.div(2));
        name("1 / x", () -> x.rdiv(1));
        name("x ** 2", () -> x.pow(2));
        name("x ** y", () -> x.pow(y));
        name("x.pow(2)", () -> x.pow(2));
        name("torch.pow(x, y)", () -> x.pow(y));
        name("x.sqrt()", x::sqrt);
        name("x.exp()", x::exp);
        name("x.log()", x::log);
        name("x.sin()", x::sin);
        name("x.cos()", x::cos);
        name("x.tan()", x::tan);
        name("x.tanh()", x::tanh);
        name("x.sigmoid()", x::sigmoid);
        name("x.relu()", x::relu);
        name("torch.relu(x)", x::relu);
        name("x.abs()", x::abs);
        name("x.neg()", x::neg);
        name("x.clamp(0, 2)", () -> x.clamp(0, 2));
        name("x.sum()", x::sum);
        name("x.sum(0)", () -> x.sum(0));
        name("x.mean()", x::mean);
        name("x.mean(1)", () -> x.mean(1));
        name("x.max()", x::max);
        name("x.max(0).values", () -> x.max(0).values());
        name("x.min()", x::min);
        name("x.amax(0)", () -> x.amax(0));
        name("x.prod()", x::prod);
        name("x.std()", x::std);
        name("x.var()", x::var);
        name("x @ y", () -> x.matmul(y));
        name("x.mm(y)", () -> x.mm(y));
        name("torch.matmul(x, y)", () -> x.matmul(y));
        name("x @ v", () -> x.matmul(v));
        name("x.mv(v)", () -> x.mv(v));
        name("v @ v", () -> v.matmul(v));
        name("v.dot(v)", () -> v.dot(v));
        name("torch.bmm", () -> x.unsqueeze(0).bmm(y.unsqueeze(0)));
        name("x.view(4)", () -> x.view(4));
        name("x.t()", x::t);
        name("x.T", () -> x.permute(1, 0)); // .T of a matrix is permute(1, 0); the port has no .T
        name("x.transpose(0, 1)", () -> x.transpose(0, 1));
        name("x.permute(1, 0)", () -> x.permute(1, 0));
        name("x.unsqueeze(0)", () -> x.unsqueeze(0));
        name("x.unsqueeze(0).squeeze(0)", () -> x.unsqueeze(0).squeeze(0));
        name("x.expand(3,2,2)", () -> x.expand(3, 2, 2));
        name("x[0]", () -> x.select(0, 0));
        name("x[:, 1]", () -> x.select(1, 1));
        name("x[0:1]", () -> x.slice(0, 0, 1));
        name("x[[0, 1]]", () -> x.index(Tensor.of(0L, 1L)));
        name("x[x > 1]", () -> x.index(x.gt(1)));
        name("x.index_select(0, idx)", () -> x.indexSelect(0, Tensor.of(1L)));
        name("x.gather(1, idx)", () -> x.gather(1, Tensor.of(new long[]{0, 1}, new int[]{2, 1})));
        name("torch.cat([x, y])", () -> Tensor.cat(List.of(x, y), 0));
        name("torch.stack([x, y])", () -> Tensor.stack(List.of(x, y), 0));
        name("x.clone()", x::clone);
        name("x.double()", () -> x.to(DType.FLOAT64));
        name("x.contiguous() (already)", x::contiguous);
        name("torch.where(c, x, y)", () -> Tensor.where(x.gt(2), x, y));
        name("x.softmax(1)", () -> x.softmax(1));
        name("x.log_softmax(1)", () -> x.logSoftmax(1));
        name("x.addmm", () -> v.addmm(x, y));
        name("torch.maximum(x, y)", () -> x.maximum(y));
        name("x.round()", x::round);
        name("x.floor()", x::floor);
        name("x.sign()", x::sign);
        name("x.detach()", x::detach);
        name("x.argmax()", x::argmax);
        name("x > 1", () -> x.gt(1));
        // F.mse_loss, F.binary_cross_entropy_with_logits and F.linear belong to nn (issue 6), not to the core.

        // SPEC 4 and 5: the port follows 2.x where the name changed after 1.13.
        assertEquals("PowBackward2", x.rpow(2).gradFn().name(), "2 ** x (1.13: PowBackward1)");
        assertEquals("LinalgVectorNormBackward0", x.norm().gradFn().name(), "x.norm() (1.13: NormBackward1)");
        assertEquals("ViewBackward0", x.reshape(4).gradFn().name(), "x.reshape(4) (1.13: ReshapeAliasBackward0)");
        assertEquals("ViewBackward0", x.flatten().gradFn().name(), "x.flatten() (1.13: ReshapeAliasBackward0)");

        Tensor z = x.mul(1);
        z.add_(1);
        C15.has("z.add_(1)                  -> " + fnName(z));
        z.mul_(2);
        C15.has("z.mul_(2)                  -> " + fnName(z));
        z.select(0, 0).select(0, 0).fill_(5);
        C15.has("z[0,0] = 5.                -> " + fnName(z));
    }

    @Test
    void C2_nextFunctionsPairEachInputWithItsNode() {
        Tensor a = Tensor.of(1f, 2f).requiresGrad_();
        Tensor b = Tensor.of(3f, 4f);
        Tensor c = a.mul(b);
        C16.has("c.grad_fn: " + py(c.gradFn()));
        C16.has("c.grad_fn.next_functions: " + tuple(c.gradFn().nextFunctions()));
        AccumulateGrad acc = (AccumulateGrad) c.gradFn().nextFunctions().get(0).node();
        C16.has("AccumulateGrad.variable is a: " + py(acc.variable() == a) + "  next_functions of AccumulateGrad: "
                + tuple(acc.nextFunctions()));
        Tensor d = a.mul(2).add(a);
        C16.has("d.grad_fn: " + py(d.gradFn()) + "  next: " + tuple(d.gradFn().nextFunctions()));
        Tensor p = Tensor.scalar(1).requiresGrad_();
        Tensor q = Tensor.scalar(2).requiresGrad_();
        C16.has("(p+q) next: " + tuple(p.add(q).gradFn().nextFunctions()));
        Tensor e = p.mul(q).add(p);
        Node left = e.gradFn().nextFunctions().get(0).node().nextFunctions().get(0).node();
        Node right = e.gradFn().nextFunctions().get(1).node();
        C16.has("shared AccumulateGrad node for p: " + py(left == right));
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Tensor w = Tensor.of(new float[][]{{1, 0}, {0, 1}}).requiresGrad_();
        Tensor out = w.matmul(x).add(1).relu().sum();
        List<String> lines = new ArrayList<>();
        walk(out.gradFn(), 0, lines);
        C16.has(String.join("\n", lines));
    }

    /** The case's recursive walk over next_functions (graphs here are a few nodes deep). */
    private static void walk(Node fn, int depth, List<String> lines) {
        lines.add("  ".repeat(depth) + (fn == null ? "None" : fn.name()));
        if (fn != null) for (Edge e : fn.nextFunctions()) walk(e.node(), depth + 1, lines);
    }

    @Test
    void C3_tutorialWalkOfTwoSinPlusOne() {
        Transcript c17 = Transcript.of("17_tutorial_sin_linspace");
        Tensor a = Tensor.linspace(0, 2 * Math.PI, 25).requiresGrad_();
        c17.has(a.toString());
        Tensor b = a.sin();
        c17.has(b.toString());
        Tensor c = b.mul(2);
        c17.has(c.toString());
        Tensor d = c.add(1);
        c17.has(d.toString());
        Tensor out = d.sum(); // its print is C3_tutorialSumPrintsAsRecorded (disabled)
        Node mul = d.gradFn().nextFunctions().get(0).node();
        Node sin = mul.nextFunctions().get(0).node();
        Node acc = sin.nextFunctions().get(0).node();
        c17.has(String.join("\n", "d:", py(d.gradFn()), tuple(d.gradFn().nextFunctions()),
                tuple(mul.nextFunctions()), tuple(sin.nextFunctions()), tuple(acc.nextFunctions()),
                "", "c:", py(c.gradFn()), "", "b:", py(b.gradFn()), "", "a:", py(a.gradFn())));
        out.backward();
        c17.has(a.grad().toString());
        c17.has("max |a.grad - 2cos(a)|: " + a.grad().sub(a.detach().cos().mul(2)).abs().max().item());
    }

    @Test
    void C3_tutorialSumPrintsAsRecorded() {
        Transcript c17 = Transcript.of("17_tutorial_sin_linspace");
        Tensor a = Tensor.linspace(0, 2 * Math.PI, 25).requiresGrad_();
        c17.has(a.sin().mul(2).add(1).sum().toString());
    }

    @Test
    void C4_nodesExposeMetadataAndName() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Tensor w = Tensor.of(new float[][]{{1, 0}, {0, 1}}).requiresGrad_();
        Tensor m = x.mul(w.select(0, 0));
        C16.has("MulBackward0 metadata: " + m.gradFn().metadata() + "  name(): " + m.gradFn().name());
        // _saved_exponent / _saved_self are 1.13 implementation details (SPEC C4 [impl]) with no port counterpart.
        m.gradFn().metadata().put("tag", 1);
        assertSame(m.gradFn().metadata(), m.gradFn().metadata());
        assertEquals(1, m.gradFn().metadata().get("tag"));
    }

    @Test
    void D1_nonLeafGradWarns() {
        Transcript c07 = Transcript.of("07_tutorial_chain_1024");
        Tensor x = Tensor.scalar(4).requiresGrad_();
        Tensor y = x.pow(2).mul(2);
        y.pow(2).backward();
        Tensor[] seen = new Tensor[1];
        List<String> warnings = Warnings.capture(() -> seen[0] = y.grad());
        assertEquals(1, warnings.size());
        assertEquals("UserWarning: The .grad attribute of a Tensor that is not a leaf Tensor is being accessed.",
                warnings.get(0).substring(0, warnings.get(0).indexOf(" Its .grad")));
        c07.hasWarning(as113(warnings.get(0)));
        c07.has("y.grad (non-leaf, not retained): " + py(seen[0]));
        // No warning for a leaf without grad, nor for a tensor that does not require grad.
        Tensor leaf = Tensor.of(1f).requiresGrad_();
        assertEquals(List.of(), Warnings.capture(() -> C18.has("leaf.grad: " + py(leaf.grad()))));
        Tensor plain = Tensor.of(1f);
        assertEquals(List.of(), Warnings.capture(() -> C18.has("plain.grad: " + py(plain.grad()))));
    }

    @Test
    void D2_retainGradPopulatesNonLeafGrad() {
        Transcript c08 = Transcript.of("08_tutorial_retain_grad");
        Tensor x = Tensor.scalar(1).requiresGrad_();
        Tensor y = x.mul(2);
        y.retainGrad();
        Tensor z = y.mul(3);
        z.backward();
        c08.has("x.grad: " + x.grad());
        c08.has("y.grad: " + y.grad());
        c08.has("y.retains_grad: " + py(y.retainsGrad()) + "  x.retains_grad: " + py(x.retainsGrad())
                + "  z.retains_grad: " + py(z.retainsGrad()));
        Tensor x2 = Tensor.scalar(3).requiresGrad_();
        Tensor y2 = x2.pow(2);
        y2.retainGrad();
        y2.backward();
        c08.has("variant x.grad: " + x2.grad() + "  y.grad: " + y2.grad());
        Tensor a = Tensor.of(1f, 2f).requiresGrad_();
        Tensor b = a.mul(3);
        b.retainGrad();
        b.sum().backward(null, true, false);
        b.sum().backward();
        c08.has("accumulated b.grad: " + b.grad() + "  a.grad: " + a.grad());

        // Case 18: retain_grad after a backward does not fill .grad retroactively.
        Tensor x3 = Tensor.of(1f, 2f).requiresGrad_();
        Tensor y3 = x3.mul(3);
        Tensor z3 = y3.pow(2).sum();
        z3.backward(null, true, false);
        C18.has("x.grad: " + x3.grad());
        List<String> w = Warnings.capture(() -> C18.has("y.grad: " + py(y3.grad())));
        C18.hasWarning(as113(w.get(0)));
        C18.has("y.is_leaf: " + py(y3.isLeaf()) + "  y.retains_grad: " + py(y3.retainsGrad()));
        y3.retainGrad();
        assertEquals(List.of(), Warnings.capture(() ->
                C18.has("y.grad right after retain_grad() (before a new backward): " + py(y3.grad()))));
        z3.backward();
        C18.has("y.grad after next backward: " + y3.grad());
        Tensor a4 = Tensor.scalar(2).requiresGrad_();
        Tensor b4 = a4.mul(a4);
        b4.retainGrad();
        b4.mul(5).backward();
        C18.has("b.grad (dc/db): " + b4.grad() + "  a.grad (dc/da = 10a): " + a4.grad());
        assertNull(b4.grad().gradFn(), "a retained grad carries no graph without createGraph");
    }

    @Test
    void D3_retainGradOnLeavesAndOnTensorsWithoutGrad() {
        Tensor leaf = Tensor.of(1f).requiresGrad_();
        leaf.retainGrad();
        C18.has("leaf.retains_grad after retain_grad(): " + py(leaf.retainsGrad()));
        Tensor plain = Tensor.of(1f);
        C18.attempt("plain.retain_grad()", plain::retainGrad);
    }
}
