package dev.autograd4j.nn;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.Autograd;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Module registration, traversal, printing, state dicts, modes and dtype conversion, against PyTorch's texts in golden/nn.json. */
class ModuleTest {

    static class Block extends Module {
        final Sequential features = register("features",
                new Sequential(new Conv2d(1, 8, 3, 1, 1), new BatchNorm2d(8), new ReLU(), new MaxPool2d(2)));
        final Linear head = register("head", new Linear(8, 2, false));

        @Override
        public Tensor forward(Tensor x) { return head.forward(features.forward(x).mean(new int[]{2, 3}, false)); }
    }

    private static Map<String, Object> golden() { return NnGolden.map(NnGolden.root().get("modules")); }

    @Test
    void everyLayerPrintsAsPyTorchPrintsIt() {
        var all = new Sequential(
                new Conv2d(1, 8, 3, 1, 1), new BatchNorm2d(8), new MaxPool2d(2), new Dropout(0.5), new Flatten(),
                new LeakyReLU(), new GELU(), new SiLU(), new Sigmoid(), new Tanh(), new Softmax(1), new LogSoftmax(1),
                new Embedding(10, 3), new LayerNorm(4), new BatchNorm1d(3), new Conv1d(2, 3, 5, 2, 0), new AvgPool2d(2),
                new AdaptiveAvgPool2d(1, 1), new Linear(2, 3, false),
                new Conv2d(2, 4, new int[]{3, 5}, new int[]{1, 2}, new int[]{1, 2}, new int[]{1, 1}, 1, false),
                new MaxPool2d(3, 2, 1), new Embedding(5, 2, 0L), new LayerNorm(new int[]{2, 3}, 1e-5, false), new ReLU(),
                new Conv2d(4, 4, new int[]{3, 3}, new int[]{1, 1}, new int[]{0, 0}, new int[]{2, 2}, 2, true),
                new AdaptiveAvgPool2d(3), new GELU("tanh"), new LeakyReLU(0.2), new Dropout(0.1));
        assertEquals(golden().get("repr_all_layers"), all.toString());
    }

    @Test
    void nestedModulesIndentTheirChildren() {
        assertEquals(golden().get("repr_block"), new Block().toString());
    }

    @Test
    void stateDictListsParametersThenBuffersPerModuleInRegistrationOrder() {
        Block b = new Block();
        assertEquals(golden().get("block_state_dict_keys"), new ArrayList<>(b.stateDict().keySet()));
        assertEquals(golden().get("block_parameter_names"), new ArrayList<>(b.namedParameters().keySet()));
        assertEquals(DType.INT64, b.stateDict().get("features.1.num_batches_tracked").dtype());
    }

    @Test
    void loadStateDictReportsMissingUnexpectedAndMismatchedKeysAndChangesNothing() {
        Block b = new Block();
        Map<String, Tensor> bad = new LinkedHashMap<>(b.stateDict());
        bad.remove("head.weight");
        bad.put("extra.weight", Tensor.zeros(1));
        bad.put("features.0.bias", Tensor.zeros(3));
        Tensor w0 = b.features.get(0).parameter("weight").detach().clone();
        for (var e : bad.entrySet()) if (e.getKey().equals("features.0.weight")) e.setValue(Tensor.zerosLike(w0));
        var ex = assertThrows(IllegalStateException.class, () -> b.loadStateDict(bad));
        Map<?, ?> errors = (Map<?, ?>) golden().get("load_errors");
        assertEquals(errors.get("missing_unexpected_size"), ex.getMessage());
        assertTrue(b.features.get(0).parameter("weight").equal(w0), "a failed load leaves every tensor unchanged");

        Map<String, Tensor> missing = new LinkedHashMap<>(b.stateDict());
        missing.remove("features.1.running_var");
        assertEquals(errors.get("missing_only"), assertThrows(IllegalStateException.class, () -> b.loadStateDict(missing)).getMessage());

        Map<String, Tensor> partial = new LinkedHashMap<>(b.stateDict());
        partial.remove("head.weight");
        assertEquals(golden().get("load_nonstrict"), b.loadStateDict(partial, false).toString());
        assertEquals("<All keys matched successfully>", b.loadStateDict(b.stateDict()).toString());
    }

    @Test
    void stateDictRoundTripCopiesValuesIntoAnotherModel() {
        Tensor.manualSeed(1);
        Block a = new Block();
        Block b = new Block();
        Tensor x = Tensor.randn(2, 1, 4, 4);
        a.call(x); // updates a's running statistics
        b.loadStateDict(a.stateDict());
        a.eval();
        b.eval();
        assertTrue(a.call(x).equal(b.call(x)));
        assertNotSame(a.head.weight(), b.head.weight());
        assertTrue(b.stateDict().get("features.1.num_batches_tracked").item() == 1.0);
    }

    @Test
    void trainAndEvalSetTheModeRecursivelyAndLeaveRequiresGrad() {
        Block b = new Block();
        assertTrue(b.features.get(1).isTraining());
        b.eval();
        assertFalse(b.features.get(1).isTraining());
        for (Parameter p : b.parameters()) assertTrue(p.requiresGrad());
        b.train();
        assertTrue(b.features.get(3).isTraining());
    }

    @Test
    void traversalListsChildrenAndModulesDepthFirst() {
        Block b = new Block();
        assertEquals(List.of("features", "head"), new ArrayList<>(b.namedChildren().keySet()));
        assertEquals(List.of("", "features", "features.0", "features.1", "features.2", "features.3", "head"),
                new ArrayList<>(b.namedModules().keySet()));
        assertSame(b.head, b.children().get(1));
        List<String> visited = new ArrayList<>();
        b.apply(m -> visited.add(m.getName()));
        assertEquals(List.of("Conv2d", "BatchNorm2d", "ReLU", "MaxPool2d", "Sequential", "Linear", "Block"), visited);
    }

    @Test
    void toConvertsParametersAndFloatBuffersButKeepsTheStepCounter() {
        Block b = new Block();
        Tensor before = b.head.weight().detach().clone();
        b.to(DType.FLOAT64);
        assertEquals(DType.FLOAT64, b.head.weight().dtype());
        assertTrue(b.head.weight().requiresGrad());
        assertEquals(DType.FLOAT64, b.stateDict().get("features.1.running_mean").dtype());
        assertEquals(DType.INT64, b.stateDict().get("features.1.num_batches_tracked").dtype());
        assertTrue(before.to(DType.FLOAT64).equal(b.head.weight()));
        Tensor y = b.call(Tensor.randn(2, 1, 4, 4).to(DType.FLOAT64));
        assertEquals(DType.FLOAT64, y.dtype());
    }

    @Test
    void registeringANameTwiceForDifferentKindsFails() {
        Linear l = new Linear(2, 2);
        var ex = assertThrows(IllegalArgumentException.class, () -> l.registerBuffer("weight", Tensor.zeros(2)));
        assertEquals("attribute 'weight' already exists", ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> l.register("a.b", new ReLU()));
    }

    @Test
    void parameterAliasesItsDataAndPrintsWithAHeader() {
        Tensor data = Tensor.of(1f, 2f);
        Parameter p = new Parameter(data);
        try (var ng = Autograd.noGrad()) { p.mul_(3.0); }
        assertTrue(data.equal(Tensor.of(3f, 6f)), "the parameter shares the data's storage");
        assertEquals("Parameter containing:\ntensor([3., 6.], requires_grad=True)", p.toString());
        assertTrue(p.isLeaf());
        assertFalse(new Parameter(data, false).requiresGrad());
    }

    @Test
    void linearRecordsAddmmFor2dInputAndBroadcastsOtherwise() {
        Linear l = new Linear(3, 2);
        assertEquals("AddmmBackward0", l.call(Tensor.ones(4, 3)).gradFn().name());
        Tensor y = l.call(Tensor.ones(5, 4, 3));
        assertEquals(List.of(5, 4, 2), List.of(y.size(0), y.size(1), y.size(2)));
        assertEquals("AddBackward0", y.gradFn().name());
    }

    @Test
    void defaultInitialisationStaysWithinPyTorchsBounds() {
        Tensor.manualSeed(3);
        Linear l = new Linear(100, 50);
        double bound = 1 / Math.sqrt(100);
        for (double v : l.weight().toDoubleArray()) assertTrue(Math.abs(v) <= bound);
        for (double v : l.bias().toDoubleArray()) assertTrue(Math.abs(v) <= bound);
        double maxAbs = l.weight().abs().max().item();
        assertTrue(maxAbs > 0.9 * bound, "the weights fill the range, not a narrower one");
    }

    @Test
    void dropoutScalesKeptElementsAndIsTheIdentityInEval() {
        Tensor.manualSeed(5);
        Dropout d = new Dropout(0.25);
        Tensor x = Tensor.ones(10000).requiresGrad_();
        Tensor y = d.call(x);
        double kept = y.gt(0).to(DType.FLOAT32).sum().item();
        assertEquals(7500, kept, 200);
        for (double v : y.toDoubleArray()) assertTrue(v == 0 || Math.abs(v - 1 / 0.75) < 1e-6);
        y.sum().backward();
        assertTrue(x.grad().equal(y.detach()), "the gradient is the same mask times 1/(1-p)");
        d.eval();
        assertSame(x, d.call(x));
        assertEquals("dropout probability has to be between 0 and 1, but got 1.5",
                assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5)).getMessage());
    }

    @Test
    void batchNormInEvalUsesRunningStatisticsAndCountsBatches() {
        BatchNorm1d bn = new BatchNorm1d(2);
        Tensor x = Tensor.of(new float[][]{{1, 2}, {3, 6}});
        bn.call(x);
        bn.call(x);
        assertEquals(2.0, bn.buffer("num_batches_tracked").item());
        bn.eval();
        Tensor y = bn.call(x);
        Tensor expected = x.sub(bn.runningMean()).div(bn.runningVar().add(1e-5).sqrt());
        for (int i = 0; i < 4; i++) assertEquals(expected.getFlat(i), y.getFlat(i), 1e-6);
        bn.train();
        var ex = assertThrows(IllegalArgumentException.class, () -> bn.call(Tensor.ones(1, 2)));
        assertEquals("Expected more than 1 value per channel when training, got input size torch.Size([1, 2])", ex.getMessage());
    }

    @Test
    void lossesRejectBadArgumentsWithPyTorchsTexts() {
        Tensor x = Tensor.zeros(4, 3);
        assertEquals("avg is not a valid value for reduction",
                assertThrows(IllegalArgumentException.class, () -> F.mseLoss(x, x, "avg")).getMessage());
        assertEquals("Expected input batch_size (4) to match target batch_size (2).",
                assertThrows(IllegalArgumentException.class, () -> F.crossEntropy(x, Tensor.of(new long[]{0, 1}))).getMessage());
        assertEquals("Target 3 is out of bounds.",
                assertThrows(IndexOutOfBoundsException.class, () -> F.nllLoss(x, Tensor.of(new long[]{0, 1, 2, 3}))).getMessage());
        List<String> warnings = dev.autograd4j.Warnings.capture(() -> F.mseLoss(Tensor.zeros(3, 1), Tensor.zeros(3)));
        assertEquals(List.of("UserWarning: Using a target size (torch.Size([3])) that is different to the input size "
                + "(torch.Size([3, 1])). This will likely lead to incorrect results due to broadcasting. Please ensure "
                + "they have the same size."), warnings);
    }
}
