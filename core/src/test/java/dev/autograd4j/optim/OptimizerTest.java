package dev.autograd4j.optim;

import dev.autograd4j.Tensor;
import dev.autograd4j.nn.Parameter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Optimizer plumbing: groups, state dicts, validation texts, closures. Trajectories are in OptimizersGoldenTest. */
class OptimizerTest {

    private static void quadraticStep(Optimizer opt, List<Parameter> ps) {
        opt.zeroGrad();
        Tensor loss = null;
        for (Parameter p : ps) loss = loss == null ? p.pow(2).sum() : loss.add(p.pow(2).sum());
        loss.backward();
        opt.step();
    }

    @Test
    void stateDictRoundTripContinuesTheSameTrajectory() {
        List<Parameter> a = List.of(new Parameter(Tensor.of(1f, -2f)), new Parameter(Tensor.of(0.5f)));
        List<Parameter> b = List.of(new Parameter(Tensor.of(1f, -2f)), new Parameter(Tensor.of(0.5f)));
        Adam oa = new Adam(a, 0.1), ob = new Adam(b, 0.5);
        quadraticStep(oa, a);
        quadraticStep(ob, b);
        try (var ng = dev.autograd4j.autograd.Autograd.noGrad()) {
            for (int i = 0; i < 2; i++) b.get(i).copy_(a.get(i));
        }
        Map<String, Object> sd = oa.stateDict();
        ob.loadStateDict(sd);
        assertEquals(0.1, ob.paramGroups().get(0).lr());
        assertNotSame(oa.state(a.get(0)).get("exp_avg"), ob.state(b.get(0)).get("exp_avg"), "state tensors are copied");
        quadraticStep(oa, a);
        quadraticStep(ob, b);
        for (int i = 0; i < 2; i++) assertTrue(a.get(i).equal(b.get(i)));
        assertEquals(List.of("step", "exp_avg", "exp_avg_sq"), List.copyOf(oa.state(a.get(0)).keySet()));
        assertEquals(List.of(0, 1), ((List<?>) ((Map<?, ?>) ((List<?>) sd.get("param_groups")).get(0)).get("params")));
    }

    @Test
    void loadStateDictRejectsADifferentLayout() {
        Parameter p = new Parameter(Tensor.of(1f));
        SGD one = new SGD(List.of(p), 0.1);
        SGD two = new SGD(new SGD.Options(), ParamGroup.of(List.of(new Parameter(Tensor.of(1f)))),
                ParamGroup.of(List.of(new Parameter(Tensor.of(1f)))));
        assertEquals("loaded state dict has a different number of parameter groups",
                assertThrows(IllegalArgumentException.class, () -> one.loadStateDict(two.stateDict())).getMessage());
        SGD pair = new SGD(List.of(new Parameter(Tensor.of(1f)), new Parameter(Tensor.of(2f))), 0.1);
        assertEquals("loaded state dict contains a parameter group that doesn't match the size of optimizer's group",
                assertThrows(IllegalArgumentException.class, () -> one.loadStateDict(pair.stateDict())).getMessage());
    }

    @Test
    void groupsKeepTheirOwnOptionsAndInheritTheRest() {
        Parameter p1 = new Parameter(Tensor.of(1f)), p2 = new Parameter(Tensor.of(1f));
        SGD opt = new SGD(new SGD.Options().lr(0.1).momentum(0.9), ParamGroup.of(List.of(p1)).set("lr", 0.01),
                ParamGroup.of(List.of(p2)));
        assertEquals(0.01, opt.paramGroups().get(0).lr());
        assertEquals(0.9, opt.paramGroups().get(0).getDouble("momentum"));
        assertEquals(0.1, opt.paramGroups().get(1).lr());
        quadraticStep(opt, List.of(p1, p2));
        assertEquals(1 - 0.01 * 2, p1.item(), 1e-7);
        assertEquals(1 - 0.1 * 2, p2.item(), 1e-7);
        assertEquals("some parameters appear in more than one parameter group",
                assertThrows(IllegalArgumentException.class, () -> opt.addParamGroup(ParamGroup.of(List.of(p1)))).getMessage());
    }

    @Test
    void constructorsValidateLikePyTorch() {
        List<Parameter> ps = List.of(new Parameter(Tensor.of(1f)));
        assertEquals("Invalid beta parameter at index 1: 1",
                assertThrows(IllegalArgumentException.class, () -> new Adam(ps, new Adam.Options().betas(0.9, 1.0))).getMessage());
        assertEquals("Invalid epsilon value: -0.1",
                assertThrows(IllegalArgumentException.class, () -> new RMSprop(ps, new RMSprop.Options().eps(-0.1))).getMessage());
        assertEquals("Invalid lr_decay value: -1",
                assertThrows(IllegalArgumentException.class, () -> new Adagrad(ps, new Adagrad.Options().lrDecay(-1))).getMessage());
        assertEquals("optimizer got an empty parameter list",
                assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(), 0.1)).getMessage());
        assertEquals(0.01, new AdamW(ps, 1e-3).paramGroups().get(0).getDouble("weight_decay"));
    }

    @Test
    void stepWithAClosureReturnsTheLoss() {
        Parameter p = new Parameter(Tensor.of(3f));
        SGD opt = new SGD(List.of(p), 0.25);
        Tensor loss = opt.step(() -> {
            opt.zeroGrad();
            Tensor l = p.pow(2).sum();
            l.backward();
            return l;
        });
        assertEquals(9.0, loss.item());
        assertEquals(1.5, p.item(), 1e-7);
    }

    @Test
    void schedulersValidateTheirArguments() {
        SGD opt = new SGD(List.of(new Parameter(Tensor.of(1f))), 0.1);
        assertEquals("Starting multiplicative factor expected to be greater than 0 and less or equal to 1.",
                assertThrows(IllegalArgumentException.class, () -> new LinearLR(opt, 0, 1, 3)).getMessage());
        assertEquals("Factor should be < 1.0.",
                assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau(opt, "min", 1.0, 3)).getMessage());
        OneCycleLR s = new OneCycleLR(opt, 0.1, 2);
        s.step();
        s.step();
        assertEquals("Tried to step 3 times. The specified number of total steps is 2",
                assertThrows(IllegalStateException.class, s::step).getMessage());
    }
}
