package dev.autograd4j.reliability;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.Autograd;
import dev.autograd4j.autograd.GradCheck;
import dev.autograd4j.nn.Embedding;
import dev.autograd4j.nn.F;
import dev.autograd4j.nn.Linear;
import dev.autograd4j.nn.Module;
import dev.autograd4j.nn.ReLU;
import dev.autograd4j.nn.Sequential;
import dev.autograd4j.optim.Adam;
import dev.autograd4j.optim.Optimizer;
import dev.autograd4j.optim.ParamGroup;
import dev.autograd4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Bad input at the public entries: each call must throw an exception whose message names the problem (PyTorch's
 * wording where it has one) and leave every tensor, module and optimizer it touched exactly as it was.
 */
class BadInputTest {

    /** Snapshots {@code state}, runs {@code call}, checks the exception and its message, then that nothing changed. */
    static <E extends Throwable> E rejects(Class<E> type, String fragment, Executable call, Object... state) {
        Snapshot before = Snapshot.of(state);
        E e = assertThrows(type, call);
        assertNotNull(e.getMessage(), "the exception has a message");
        assertTrue(e.getMessage().contains(fragment), "message \"" + e.getMessage() + "\" should contain \"" + fragment + "\"");
        before.assertUnchanged();
        return e;
    }

    private static Tensor leaf(int... shape) {
        Tensor t = Tensor.randn(shape).requiresGrad_();
        t.mul(2).sum().backward(); // give it a grad, so a failed call that touched it would show
        return t;
    }

    @Test
    void shapes() {
        Tensor a = leaf(2, 3), b = leaf(4, 3);
        rejects(RuntimeException.class, "must match", () -> a.add(b), a, b);
        rejects(RuntimeException.class, "The size of tensor a (2) must match the size of tensor b (4) at non-singleton dimension 0", () -> a.mul(b), a, b);
        rejects(RuntimeException.class, "mat1 and mat2 shapes cannot be multiplied (2x3 and 4x3)", () -> a.mm(b), a, b);
        rejects(RuntimeException.class, "cannot be multiplied", () -> a.matmul(b), a, b);
        rejects(RuntimeException.class, "shape '[4, 2]' is invalid for input of size 6", () -> a.view(4, 2), a);
        rejects(RuntimeException.class, "shape '[4, 2]' is invalid for input of size 6", () -> a.reshape(4, 2), a);
        rejects(RuntimeException.class, "must match the existing size", () -> a.expand(3, 3), a);
        rejects(RuntimeException.class, "Sizes of tensors must match except in dimension 0. Expected size 3 but got size 2", () -> Tensor.cat(List.of(a, leaf(2, 2)), 0), a);
        rejects(RuntimeException.class, "stack expects each tensor to be equal size", () -> Tensor.stack(List.of(a, b), 0), a, b);
    }

    @Test
    void inPlaceOpsThatWouldChangeTheShapeOrDtype() {
        Tensor a = Tensor.randn(2, 3), big = Tensor.randn(4, 2, 3);
        rejects(RuntimeException.class, "doesn't match the broadcast shape [4, 2, 3]", () -> a.add_(big), a, big);
        rejects(RuntimeException.class, "doesn't match the broadcast shape", () -> a.mul_(big), a, big);
        Tensor ints = Tensor.zeros(DType.INT64, 2, 3);
        rejects(RuntimeException.class, "result type Float can't be cast to the desired output type Long",
                () -> ints.add_(a), ints, a);
        Tensor w = Tensor.randn(3).requiresGrad_();
        rejects(RuntimeException.class, "a leaf Variable that requires grad is being used in an in-place operation",
                () -> w.mul_(2), w);
        Tensor e = Tensor.randn(3, 1).expand(3, 4);
        rejects(RuntimeException.class, "unsupported operation: more than one element of the written-to tensor",
                () -> e.add_(1.0), e);
        rejects(RuntimeException.class, "unsupported operation", () -> e.copy_(Tensor.ones(3, 4)), e);
        rejects(RuntimeException.class, "unsupported operation", () -> e.uniform_(0, 1), e);
        e.fill_(2.0); // allowed, as in PyTorch: every alias gets the same value
        assertArrayEquals(new float[]{2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, e.toFloatArray());
        rejects(RuntimeException.class, "output with shape [2, 3] doesn't match the broadcast shape [4, 2, 3]", () -> a.copy_(big), a, big);
    }

    @Test
    void dims() {
        Tensor a = leaf(2, 3);
        rejects(RuntimeException.class, "Dimension out of range (expected to be in range of [-2, 1], but got 4)", () -> a.sum(4), a);
        rejects(RuntimeException.class, "Dimension out of range", () -> a.mean(-3), a);
        rejects(RuntimeException.class, "Dimension out of range", () -> a.softmax(2), a);
        rejects(RuntimeException.class, "Dimension out of range", () -> a.transpose(0, 2), a);
        rejects(RuntimeException.class, "Dimension out of range", () -> a.unsqueeze(3), a);
        rejects(RuntimeException.class, "duplicate dims are not allowed", () -> a.permute(0, 0), a);
        rejects(RuntimeException.class, "input.dim() = 2 is not equal to len(dims) = 1", () -> a.permute(0), a);
        rejects(RuntimeException.class, "Dimension out of range", () -> a.max(2), a);
    }

    @Test
    void indices() {
        Tensor a = leaf(2, 3);
        rejects(RuntimeException.class, "index 5 is out of bounds for dimension 0 with size 2", () -> a.select(0, 5), a);
        Tensor idx = Tensor.of(3L);
        rejects(RuntimeException.class, "out of", () -> a.indexSelect(1, idx), a, idx);
        Tensor gi = Tensor.of(new long[]{3}, new int[]{1, 1});
        rejects(RuntimeException.class, "index 3 is out of bounds for dimension 1 with size 3", () -> a.gather(1, gi), a, gi);
        Embedding emb = new Embedding(3, 2);
        rejects(RuntimeException.class, "index 4 is out of bounds for dimension 0 with size 3", () -> emb.call(Tensor.of(4L)), emb);
        Tensor logits = leaf(2, 3);
        rejects(RuntimeException.class, "Target 5 is out of bounds.", () -> F.nllLoss(logits, Tensor.of(0L, 5L)), logits);
        rejects(RuntimeException.class, "Target -3 is out of bounds.", () -> F.crossEntropy(logits, Tensor.of(0L, -3L)), logits);
        Tensor floatIdx = Tensor.of(1f);
        rejects(RuntimeException.class, "", () -> a.indexSelect(1, floatIdx), a, floatIdx);
    }

    @Test
    void lossInputsPyTorchRejects() {
        Tensor p = Tensor.of(0.2f, 1.5f).requiresGrad_(), t = Tensor.of(0f, 1f);
        rejects(RuntimeException.class, "all elements of input should be between 0 and 1",
                () -> F.binaryCrossEntropy(p, t), p, t);
        Tensor nan = Tensor.of(0.2f, Float.NaN).requiresGrad_();
        rejects(RuntimeException.class, "all elements of input should be between 0 and 1",
                () -> F.binaryCrossEntropy(nan, t), nan, t);
        Tensor q = Tensor.of(0.2f, 0.7f).requiresGrad_();
        rejects(RuntimeException.class, "reduction", () -> F.mseLoss(q, t, "average"), q, t);
        rejects(RuntimeException.class, "smooth_l1_loss does not support negative values for beta.",
                () -> F.smoothL1Loss(q, t, "mean", -1), q, t);
        Tensor logits = leaf(2, 3);
        Tensor floatTarget = Tensor.of(0.5f, 1.5f);
        rejects(RuntimeException.class, "expected scalar type Long but found Float", () -> F.nllLoss(logits, floatTarget), logits, floatTarget);
    }

    @Test
    void backwardWithAWrongGradientOrOnWhatHasNoGraph() {
        Tensor x = leaf(2, 3);
        Tensor y = x.mul(3);
        rejects(RuntimeException.class, "Mismatch in shape: grad_output[0] has a shape of torch.Size([3]) and output[0] has a shape of torch.Size([2, 3])",
                () -> y.backward(Tensor.ones(3)), x, y);
        rejects(RuntimeException.class, "grad can be implicitly created only for scalar outputs", y::backward, x, y);
        Tensor c = Tensor.ones(2);
        rejects(RuntimeException.class, "element 0 of tensors does not require grad and does not have a grad_fn",
                () -> c.sum().backward(), c);
        Tensor unused = leaf(2);
        rejects(RuntimeException.class, "One of the differentiated Tensors appears to not have been used in the graph",
                () -> Autograd.grad(List.of(x.sum()), List.of(x, unused)), x, unused);
        rejects(RuntimeException.class, "One of the differentiated Tensors does not require grad",
                () -> Autograd.grad(List.of(x.sum()), List.of(c)), x, c);
        rejects(RuntimeException.class, "assigned grad has data of a different size", () -> x.setGrad(Tensor.ones(3)), x);
        rejects(RuntimeException.class, "assigned grad has data of a different type",
                () -> x.setGrad(Tensor.ones(DType.FLOAT64, 2, 3)), x);
        Tensor z = x.exp().sum();
        z.backward();
        Snapshot after = Snapshot.of(x);
        rejects(RuntimeException.class, "Trying to backward through the graph a second time", z::backward, x);
        after.assertUnchanged();
    }

    @Test
    void hooksReturningAWrongShape() {
        Tensor x = leaf(2, 3);
        Tensor h = x.mul(2);
        h.registerHook(g -> g.sum());
        Tensor loss = h.sum();
        rejects(RuntimeException.class, "hook '<lambda>' has changed the size of value", loss::backward, x, h);
        Tensor leafHooked = leaf(3);
        leafHooked.registerHook(g -> Tensor.ones(4));
        rejects(RuntimeException.class, "has changed the size of value", () -> leafHooked.sum().backward(), leafHooked);
    }

    @Test
    void stateDictsWithMissingExtraOrMisshapenKeys() {
        Module m = new Sequential(new Linear(3, 2), new ReLU(), new Linear(2, 1));
        Map<String, Tensor> good = new LinkedHashMap<>();
        for (var e : m.stateDict().entrySet()) good.put(e.getKey(), Tensor.zerosLike(e.getValue()));

        Map<String, Tensor> missing = new LinkedHashMap<>(good);
        missing.remove("2.bias");
        rejects(RuntimeException.class, "Missing key(s) in state_dict: \"2.bias\"", () -> m.loadStateDict(missing), m);

        Map<String, Tensor> extra = new LinkedHashMap<>(good);
        extra.put("3.weight", Tensor.ones(1));
        rejects(RuntimeException.class, "Unexpected key(s) in state_dict: \"3.weight\"", () -> m.loadStateDict(extra), m);

        Map<String, Tensor> misshapen = new LinkedHashMap<>(good);
        misshapen.put("0.weight", Tensor.ones(3, 2));
        rejects(RuntimeException.class, "size mismatch for 0.weight: copying a param with shape torch.Size([3, 2]) from "
                + "checkpoint, the shape in current model is torch.Size([2, 3])", () -> m.loadStateDict(misshapen, false), m);

        // non-strict loads what matches and reports the rest, and a good dict loads fully
        var r = m.loadStateDict(extra, false);
        assertEquals(List.of("3.weight"), r.unexpectedKeys());
        for (Tensor p : m.parameters()) assertArrayEquals(new float[p.numel()], p.toFloatArray());
    }

    @Test
    void moduleMisuse() {
        Linear lin = new Linear(3, 2);
        Tensor wrongWidth = Tensor.randn(4, 5);
        rejects(RuntimeException.class, "cannot be multiplied", () -> lin.call(wrongWidth), lin, wrongWidth);
        rejects(RuntimeException.class, "", () -> lin.register("weight", new ReLU()), lin);
        rejects(RuntimeException.class, "", () -> lin.registerParameter("a.b", new dev.autograd4j.nn.Parameter(Tensor.ones(1))), lin);
    }

    @Test
    void optimizerMisuse() {
        Linear lin = new Linear(3, 2);
        lin.call(Tensor.randn(4, 3)).sum().backward();
        Adam opt = new Adam(lin.parameters(), 0.01);
        opt.step();
        rejects(RuntimeException.class, "Invalid learning rate: -1", () -> new SGD(lin.parameters(), -1.0), lin);
        rejects(RuntimeException.class, "Invalid beta parameter at index 0: 1.5",
                () -> new Adam(lin.parameters(), new Adam.Options().lr(0.1).betas(1.5, 0.9)), lin);
        rejects(RuntimeException.class, "optimizer got an empty parameter list", () -> new SGD(List.of(), 0.1));
        rejects(RuntimeException.class, "some parameters appear in more than one parameter group",
                () -> opt.addParamGroup(ParamGroup.of(List.of(lin.weight()))), opt, lin);
        Tensor nonLeaf = lin.weight().mul(2);
        rejects(RuntimeException.class, "can't optimize a non-leaf Tensor",
                () -> opt.addParamGroup(ParamGroup.of(List.of(Tensor.ones(1).requiresGrad_(), nonLeaf))), opt, lin);
        assertEquals(1, opt.paramGroups().size());

        Map<String, Object> sd = opt.stateDict();
        Optimizer other = new Adam(List.of(lin.weight()), 0.01);
        rejects(RuntimeException.class, "doesn't match the size of optimizer's group", () -> other.loadStateDict(sd), other, lin);
        Map<String, Object> noGroups = new LinkedHashMap<>(sd);
        noGroups.remove("param_groups");
        rejects(RuntimeException.class, "param_groups", () -> opt.loadStateDict(noGroups), opt, lin);
    }

    @Test
    void factoriesAndGradcheckArguments() {
        rejects(RuntimeException.class, "", () -> Tensor.zeros(2, -1));
        rejects(RuntimeException.class, "", () -> Tensor.of(new float[]{1, 2, 3}, new int[]{2, 2}));
        rejects(RuntimeException.class, "", () -> Tensor.arange(0, 5, 0));
        Tensor x = Tensor.randn(3).requiresGrad_();
        rejects(RuntimeException.class, "", () -> GradCheck.gradcheck(t -> t.exp(), x), x);
        Tensor y = Tensor.randn(3).to(DType.FLOAT64);
        rejects(RuntimeException.class, "", () -> GradCheck.gradcheck(t -> t.exp(), y), y);
    }
}
