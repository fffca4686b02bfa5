package dev.autograd4j.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autograd4j.Tensor;
import dev.autograd4j.golden.GoldenFixture.Case;
import dev.autograd4j.golden.GoldenFixture.TensorData;
import dev.autograd4j.nn.F;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Forward values, gradients and grad_fn names of the issue-4 ops (windows, padding, order statistics, einsum,
 * functional layers) against real PyTorch: {@code golden/ops2.json}, written by
 * {@code /usr/bin/python3 tools/golden/gen_ops2.py} (broadcast, expanded, transposed, permuted and sliced inputs).
 */
class Ops2GoldenTest {

    private static final String RESOURCE = "/golden/ops2.json";

    /**
     * Ops that are composites here but one node in PyTorch, with the PyTorch node name they lack. Every other
     * case must record exactly PyTorch's grad_fn name.
     */
    static final Map<String, String> COMPOSITE_NAMES = Map.of(
            "avgPool2d", "AvgPool2DBackward0 (here: the mean over im2col rows, ViewBackward0)",
            "diag", "DiagBackward0 (here: MulBackward0 for a vector, SliceBackward0 for a matrix)",
            "tile", "RepeatBackward0 (here: repeat as expand + reshape, UnsafeViewBackward0)",
            "clampT", "ClampBackward0 (here: maximum then minimum, MinimumBackward0)",
            "groupNorm", "NativeGroupNormBackward0 (here: composite ending in AddBackward0)",
            "batchNormEval", "NativeBatchNormBackward0 (here: composite ending in AddBackward0)",
            "layerNorm", "NativeLayerNormBackward0 (here: composite ending in AddBackward0)",
            "einsum", "einsum is a composite in PyTorch too; the last node depends on the plan it picks",
            "linear", "3-D linear is matmul + add in both; the names of the middle nodes differ");

    @TestFactory
    Stream<DynamicNode> ops2() {
        Map<String, Object> names = new HashMap<>();
        for (Map<String, Object> raw : GoldenFixture.rawCases(RESOURCE)) names.put((String) raw.get("id"), raw.get("grad_fn"));
        Map<String, List<DynamicNode>> byOp = new LinkedHashMap<>();
        for (Case c : GoldenFixture.load(RESOURCE).cases()) {
            byOp.computeIfAbsent(c.op(), k -> new ArrayList<>())
                    .add(DynamicTest.dynamicTest(c.id(), () -> check(c, (String) names.get(c.id()))));
        }
        return byOp.entrySet().stream().map(e -> (DynamicNode) DynamicContainer.dynamicContainer(e.getKey(), e.getValue()));
    }

    @Test
    void everyCompositeNameExceptionIsAnOpOfTheFixture() {
        List<String> ops = GoldenFixture.load(RESOURCE).cases().stream().map(Case::op).distinct().toList();
        for (String op : COMPOSITE_NAMES.keySet()) assertTrue(ops.contains(op), op + " is listed but has no golden case");
    }

    private static void check(Case c, String torchName) {
        List<Tensor> leaves = new ArrayList<>();
        List<Tensor> viewed = new ArrayList<>();
        for (TensorData in : c.inputs()) {
            Tensor leaf = GoldenOpsTest.build(in);
            if (in.requiresGrad()) leaf.requiresGrad_();
            leaves.add(leaf);
            viewed.add(GoldenOpsTest.applyView(leaf, in.view()));
        }
        List<Tensor> outs = call(c.op(), c.args(), viewed);
        String tol = toleranceClass(c.op());
        assertEquals(c.outputs().size(), outs.size(), c + ": number of outputs");
        for (int k = 0; k < outs.size(); k++) GoldenOpsTest.assertTensor(c + " output " + k, c.outputs().get(k), outs.get(k), tol);

        Tensor main = outs.get(0);
        if (torchName != null && !COMPOSITE_NAMES.containsKey(c.op())) {
            assertNotNull(main.gradFn(), c + ": no grad_fn");
            assertEquals(torchName, main.gradFn().name(), c + ": grad_fn name");
        }
        if (c.gradOutput() == null) return;
        main.backward(GoldenOpsTest.build(c.gradOutput(), main.dtype()));
        for (int k = 0; k < leaves.size(); k++) {
            TensorData expected = c.grads().get(k);
            if (expected == null) continue;
            assertNotNull(leaves.get(k).grad(), c + ": grad of input " + k + " is null");
            GoldenOpsTest.assertTensor(c + " grad of input " + k, expected, leaves.get(k).grad(), tol);
        }
    }

    /** The GoldenOpsTest tolerance class: sums of products like matmul, normalisations like the transcendental ops. */
    private static String toleranceClass(String op) {
        return switch (op) {
            case "conv2d", "conv1d", "funfold", "ffold", "einsum", "avgPool2d", "linear" -> "mm";
            case "groupNorm", "batchNormEval", "layerNorm" -> "var";
            default -> op;
        };
    }

    private static List<Tensor> call(String op, Map<String, Object> a, List<Tensor> in) {
        Tensor x = in.get(0);
        return switch (op) {
            case "topk" -> pair(x.topk(i(a, "k"), i(a, "dim"), bool(a, "largest")));
            case "median" -> a.containsKey("dim") ? pair(x.median(i(a, "dim"), bool(a, "keepdim"))) : List.of(x.median());
            case "kthvalue" -> pair(x.kthvalue(i(a, "k"), i(a, "dim"), bool(a, "keepdim")));
            case "sort" -> pair(x.sort(i(a, "dim"), bool(a, "descending")));
            case "unfold" -> List.of(x.unfold(i(a, "dim"), i(a, "size"), i(a, "step")));
            case "diag" -> List.of(x.diag());
            case "tile" -> List.of(x.tile(ints(a, "reps")));
            case "clampT" -> List.of(x.clamp(in.get(1), in.get(2)));
            case "einsum" -> List.of(Tensor.einsum((String) a.get("equation"), in.toArray(new Tensor[0])));
            case "pad" -> List.of(F.pad(x, ints(a, "pad"), d(a, "value")));
            case "funfold" -> List.of(F.unfold(x, ints(a, "kernel"), ints(a, "dilation"), ints(a, "padding"), ints(a, "stride")));
            case "ffold" -> List.of(F.fold(x, ints(a, "outputSize"), ints(a, "kernel"), ints(a, "dilation"), ints(a, "padding"),
                    ints(a, "stride")));
            case "conv2d" -> List.of(F.conv2d(x, in.get(1), in.size() > 2 ? in.get(2) : null, ints(a, "stride"), ints(a, "padding"),
                    ints(a, "dilation"), i(a, "groups")));
            case "conv1d" -> List.of(F.conv1d(x, in.get(1), in.size() > 2 ? in.get(2) : null, i(a, "stride"), i(a, "padding"),
                    i(a, "dilation"), i(a, "groups")));
            case "maxPool2d" -> List.of(F.maxPool2d(x, ints(a, "kernel"), ints(a, "stride"), ints(a, "padding"), ints(a, "dilation")));
            case "avgPool2d" -> List.of(F.avgPool2d(x, ints(a, "kernel"), ints(a, "stride"), ints(a, "padding")));
            case "groupNorm" -> List.of(F.groupNorm(x, i(a, "numGroups"), in.get(1), in.get(2), d(a, "eps")));
            case "batchNormEval" -> List.of(F.batchNorm(x, in.get(1), in.get(2), in.get(3), in.get(4), false, 0.1, d(a, "eps")));
            case "layerNorm" -> List.of(F.layerNorm(x, ints(a, "normalizedShape"), in.get(1), in.get(2), d(a, "eps")));
            case "linear" -> List.of(F.linear(x, in.get(1), in.get(2)));
            default -> throw new AssertionError("ops2.json uses an op this test does not know: " + op);
        };
    }

    private static List<Tensor> pair(Tensor.ValuesIndices r) { return List.of(r.values(), r.indices()); }

    private static double d(Map<String, Object> a, String k) { return GoldenFixture.toDouble(a.get(k)); }

    private static int i(Map<String, Object> a, String k) { return ((Number) a.get(k)).intValue(); }

    private static boolean bool(Map<String, Object> a, String k) { return (Boolean) a.get(k); }

    private static int[] ints(Map<String, Object> a, String k) { return GoldenFixture.toInts(a.get(k)); }
}
