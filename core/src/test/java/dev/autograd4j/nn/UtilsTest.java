package dev.autograd4j.nn;

import dev.autograd4j.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.autograd4j.nn.NnGolden.assertClose;
import static dev.autograd4j.nn.NnGolden.list;
import static dev.autograd4j.nn.NnGolden.num;
import static dev.autograd4j.nn.NnGolden.tensor;

/** clip_grad_norm_ (norms 1, 2, inf) and clip_grad_value_ against PyTorch (golden/nn.json "clipping"). */
class UtilsTest {

    @TestFactory
    List<DynamicTest> clippingMatchesPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> c : NnGolden.cases("clipping")) tests.add(DynamicTest.dynamicTest((String) c.get("id"), () -> check(c)));
        return tests;
    }

    private static void check(Map<String, Object> c) {
        List<Parameter> ps = new ArrayList<>();
        for (Object g : list(c.get("grads"))) {
            Tensor grad = tensor(g);
            Parameter p = new Parameter(Tensor.zeros(grad.shape()));
            p.setGrad(grad);
            ps.add(p);
        }
        if (c.containsKey("clip_value")) {
            Utils.clipGradValue_(ps, num(c.get("clip_value")));
        } else {
            Tensor total = Utils.clipGradNorm_(ps, num(c.get("max_norm")), num(c.get("norm_type")), false);
            assertClose(num(c.get("total")), total.item(), 1e-5, 1e-6, "total norm");
        }
        List<Object> after = list(c.get("after"));
        for (int i = 0; i < ps.size(); i++) assertClose(after.get(i), ps.get(i).grad(), 1e-5, 1e-6, "grad " + i);
    }
}
