package dev.autograd4j.conformance;

import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.Autograd;
import dev.autograd4j.autograd.Handle;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.autograd4j.conformance.Transcript.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** SPEC section 1 (h), H1-H3: tensor and node hooks, checked against spec case 28 (H4 is nn's, issue 6). */
class HooksConformanceTest {
    private static final Transcript C28 = Transcript.of("28_tensor_hooks");

    @Test
    void H1_tensorHooksReplaceOrObserveTheGradient() {
        Tensor x = Tensor.of(1f, 2f, 3f).requiresGrad_();
        Handle h = x.registerHook(g -> g.mul(2));
        x.mul(x).sum().backward();
        C28.has("leaf hook doubles grad: x.grad = " + x.grad());
        h.remove();
        x.setGrad(null);
        x.mul(x).sum().backward();
        C28.has("after handle.remove(): x.grad = " + x.grad());

        Tensor x2 = Tensor.of(1f, 2f, 3f).requiresGrad_();
        Tensor y = x2.mul(3);
        List<Tensor> seen = new ArrayList<>();
        y.registerHook(g -> {
            seen.add(g.clone());
            return null; // observe only
        });
        y.registerHook(g -> g.add(100));
        y.mul(1).sum().backward();
        C28.has("observed grad at y: " + seen + "  x.grad = " + x2.grad());

        Tensor x3 = Tensor.scalar(1).requiresGrad_();
        List<String> order = new ArrayList<>();
        x3.registerHook(g -> {
            order.add("('h1', " + g.item() + ")");
            return g.mul(10);
        });
        x3.registerHook(g -> {
            order.add("('h2', " + g.item() + ")");
            return g.add(1);
        });
        x3.mul(2).backward();
        C28.has("hook order: " + order + "  x.grad = " + x3.grad());

        Tensor x4 = Tensor.scalar(2).requiresGrad_();
        x4.registerHook(g -> g.mul(0.5));
        C28.has("autograd.grad with leaf hook: " + tuple(Autograd.grad(List.of(x4.pow(2)), List.of(x4))));
    }

    @Test
    void H2_hookErrors() {
        C28.attempt("register_hook on tensor without grad", () -> Tensor.ones(1).registerHook(g -> g));
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        x.registerHook(g -> Tensor.ones(3));
        C28.attempt("hook returns wrong shape", () -> x.mul(1).sum().backward());
    }

    @Test
    void H3_nodeHooksSeeGradInputsAndGradOutputs() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Tensor y = x.exp();
        List<String> lines = new ArrayList<>();
        y.gradFn().registerHook((gradInputs, gradOutputs) -> {
            lines.add("  node hook: grad_inputs = " + tuple(Arrays.asList(gradInputs)) + "  grad_outputs = "
                    + tuple(Arrays.asList(gradOutputs)));
            return null;
        });
        y.sum().backward();
        assertEquals(1, lines.size());
        C28.has(lines.get(0));
    }
}
