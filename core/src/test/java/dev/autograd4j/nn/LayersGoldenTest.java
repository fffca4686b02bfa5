package dev.autograd4j.nn;

import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.Autograd;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.autograd4j.nn.NnGolden.assertClose;
import static dev.autograd4j.nn.NnGolden.ints;
import static dev.autograd4j.nn.NnGolden.map;
import static dev.autograd4j.nn.NnGolden.num;
import static dev.autograd4j.nn.NnGolden.tensor;

/**
 * Every layer against real PyTorch (golden/nn.json "layers"): the weights are set to the fixture's values, then
 * the forward output, the input's gradient, each parameter's gradient and the running buffers are compared.
 */
class LayersGoldenTest {
    private static final double RTOL = 1e-4, ATOL = 1e-5;

    @TestFactory
    List<DynamicTest> layersMatchPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> c : NnGolden.cases("layers")) {
            tests.add(DynamicTest.dynamicTest((String) c.get("id"), () -> check(c)));
        }
        return tests;
    }

    private static void check(Map<String, Object> c) {
        Module m = build((String) c.get("layer"), map(c.get("args")));
        try (var ng = Autograd.noGrad()) {
            for (var e : map(c.get("params")).entrySet()) m.parameter(e.getKey()).copy_(tensor(e.getValue()));
            for (var e : map(c.get("buffers")).entrySet()) m.buffer(e.getKey()).copy_(tensor(e.getValue()));
        }
        m.train((Boolean) c.get("train"));
        Tensor x = tensor(c.get("input"));
        boolean differentiable = c.get("input_grad") != null;
        if (differentiable) x.requiresGrad_();
        Tensor out = m.call(x);
        assertClose(c.get("output"), out, RTOL, ATOL, "output");
        out.backward(tensor(c.get("grad_output")));
        if (differentiable) assertClose(c.get("input_grad"), x.grad(), RTOL, ATOL, "input grad");
        for (var e : map(c.get("param_grads")).entrySet()) {
            assertClose(e.getValue(), m.parameter(e.getKey()).grad(), RTOL, ATOL, e.getKey() + " grad");
        }
        for (var e : map(c.get("buffers_after")).entrySet()) {
            assertClose(e.getValue(), m.buffer(e.getKey()), RTOL, ATOL, e.getKey() + " after");
        }
    }

    private static int i(Map<String, Object> a, String k) { return ((Number) a.get(k)).intValue(); }

    private static Module build(String kind, Map<String, Object> a) {
        return switch (kind) {
            case "Linear" -> new Linear(i(a, "in"), i(a, "out"), !Boolean.FALSE.equals(a.get("bias")));
            case "Conv2d" -> new Conv2d(i(a, "in"), i(a, "out"), ints(a.get("kernel")), ints(a.get("stride")),
                    ints(a.get("padding")), ints(a.get("dilation")), i(a, "groups"), (Boolean) a.get("bias"));
            case "Conv1d" -> new Conv1d(i(a, "in"), i(a, "out"), i(a, "kernel"), i(a, "stride"), i(a, "padding"),
                    i(a, "dilation"), i(a, "groups"), (Boolean) a.get("bias"));
            case "MaxPool2d" -> new MaxPool2d(ints(a.get("kernel")), ints(a.get("stride")), ints(a.get("padding")),
                    ints(a.get("dilation")));
            case "AvgPool2d" -> new AvgPool2d(ints(a.get("kernel")), ints(a.get("stride")), ints(a.get("padding")));
            case "AdaptiveAvgPool2d" -> new AdaptiveAvgPool2d(ints(a.get("size"))[0], ints(a.get("size"))[1]);
            case "BatchNorm1d" -> new BatchNorm1d(i(a, "features"), num(a.get("eps")), num(a.get("momentum")),
                    (Boolean) a.get("affine"), true);
            case "BatchNorm2d" -> new BatchNorm2d(i(a, "features"), num(a.get("eps")), num(a.get("momentum")),
                    (Boolean) a.get("affine"), true);
            case "LayerNorm" -> new LayerNorm(ints(a.get("shape")), num(a.get("eps")), (Boolean) a.get("affine"));
            case "Embedding" -> new Embedding(i(a, "num"), i(a, "dim"),
                    a.get("padding_idx") == null ? null : ((Number) a.get("padding_idx")).longValue());
            case "ReLU" -> new ReLU();
            case "LeakyReLU" -> new LeakyReLU(num(a.get("slope")));
            case "GELU" -> new GELU((String) a.get("approximate"));
            case "SiLU" -> new SiLU();
            case "Sigmoid" -> new Sigmoid();
            case "Tanh" -> new Tanh();
            case "Softmax" -> new Softmax(i(a, "dim"));
            case "LogSoftmax" -> new LogSoftmax(i(a, "dim"));
            case "Flatten" -> new Flatten(i(a, "start"), i(a, "end"));
            case "Dropout" -> new Dropout(num(a.get("p")));
            default -> throw new IllegalArgumentException("no builder for " + kind);
        };
    }
}
