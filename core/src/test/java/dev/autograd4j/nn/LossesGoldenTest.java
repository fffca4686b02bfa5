package dev.autograd4j.nn;

import dev.autograd4j.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.autograd4j.nn.NnGolden.assertClose;
import static dev.autograd4j.nn.NnGolden.map;
import static dev.autograd4j.nn.NnGolden.num;
import static dev.autograd4j.nn.NnGolden.tensor;

/** Every loss and reduction against real PyTorch (golden/nn.json "losses"): the value and the input's gradient. */
class LossesGoldenTest {
    private static final double RTOL = 1e-4, ATOL = 1e-5;

    @TestFactory
    List<DynamicTest> lossesMatchPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> c : NnGolden.cases("losses")) {
            tests.add(DynamicTest.dynamicTest((String) c.get("id"), () -> check(c)));
        }
        return tests;
    }

    private static void check(Map<String, Object> c) {
        Map<String, Object> a = map(c.get("args"));
        Tensor x = tensor(c.get("input")).requiresGrad_();
        Tensor y = tensor(c.get("target"));
        Tensor w = tensor(c.get("weight"));
        Tensor pw = tensor(c.get("pos_weight"));
        String r = (String) a.get("reduction");
        Tensor out = switch ((String) c.get("loss")) {
            case "mse" -> F.mseLoss(x, y, r);
            case "l1" -> F.l1Loss(x, y, r);
            case "smooth_l1" -> F.smoothL1Loss(x, y, r, num(a.get("beta")));
            case "huber" -> F.huberLoss(x, y, r, num(a.get("delta")));
            case "nll" -> F.nllLoss(x, y, w, ((Number) a.get("ignore_index")).longValue(), r);
            case "cross_entropy" -> F.crossEntropy(x, y, w, ((Number) a.get("ignore_index")).longValue(), r,
                    num(a.get("label_smoothing")));
            case "bce" -> F.binaryCrossEntropy(x, y, w, r);
            case "bce_with_logits" -> F.binaryCrossEntropyWithLogits(x, y, w, pw, r);
            case "kl_div" -> F.klDiv(x, y, r, (Boolean) a.get("log_target"));
            default -> throw new IllegalArgumentException("unknown loss " + c.get("loss"));
        };
        assertClose(c.get("output"), out, RTOL, ATOL, "loss");
        out.backward(tensor(c.get("grad_output")));
        assertClose(c.get("input_grad"), x.grad(), RTOL, ATOL, "input grad");
    }
}
