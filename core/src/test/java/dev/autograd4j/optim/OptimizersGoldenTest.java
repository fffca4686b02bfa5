package dev.autograd4j.optim;

import dev.autograd4j.Tensor;
import dev.autograd4j.nn.NnGolden;
import dev.autograd4j.nn.Parameter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.autograd4j.nn.NnGolden.assertClose;
import static dev.autograd4j.nn.NnGolden.list;
import static dev.autograd4j.nn.NnGolden.map;
import static dev.autograd4j.nn.NnGolden.tensor;

/**
 * Several steps of each optimizer against real PyTorch (golden/nn.json "optimizers"): the loss is
 * {@code sum(0.5 c p² + o p)}, so each step's gradient depends on the previous step, and the parameters after
 * every step are compared.
 */
class OptimizersGoldenTest {

    @TestFactory
    List<DynamicTest> optimizersMatchPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> c : NnGolden.cases("optimizers")) {
            tests.add(DynamicTest.dynamicTest((String) c.get("id"), () -> check(c)));
        }
        return tests;
    }

    private static void check(Map<String, Object> c) {
        List<Parameter> ps = new ArrayList<>();
        List<Tensor> curv = new ArrayList<>(), off = new ArrayList<>();
        for (Object o : list(c.get("params"))) ps.add(new Parameter(tensor(o)));
        for (Object o : list(c.get("curvature"))) curv.add(tensor(o));
        for (Object o : list(c.get("offset"))) off.add(tensor(o));
        List<ParamGroup> groups = new ArrayList<>();
        for (Object g : list(c.get("groups"))) {
            List<Tensor> members = new ArrayList<>();
            for (Object i : list(map(g).get("params"))) members.add(ps.get(((Number) i).intValue()));
            ParamGroup pg = ParamGroup.of(members);
            for (var e : map(map(g).get("options")).entrySet()) pg.set(e.getKey(), e.getValue());
            groups.add(pg);
        }
        Optimizer opt = build((String) c.get("optimizer"), map(c.get("args")), groups.toArray(new ParamGroup[0]));
        int step = 0;
        for (Object expected : list(c.get("steps"))) {
            opt.zeroGrad();
            Tensor loss = null;
            for (int i = 0; i < ps.size(); i++) {
                Parameter p = ps.get(i);
                Tensor term = curv.get(i).mul(0.5).mul(p).mul(p).add(off.get(i).mul(p)).sum();
                loss = loss == null ? term : loss.add(term);
            }
            loss.backward();
            opt.step();
            List<Object> exp = list(expected);
            for (int i = 0; i < ps.size(); i++) {
                assertClose(exp.get(i), ps.get(i), 1e-5, 1e-6, "param " + i + " after step " + (step + 1));
            }
            step++;
        }
    }

    private static double d(Map<String, Object> a, String k, double dflt) {
        return a.containsKey(k) ? ((Number) a.get(k)).doubleValue() : dflt;
    }

    private static boolean b(Map<String, Object> a, String k) { return Boolean.TRUE.equals(a.get(k)); }

    private static Optimizer build(String kind, Map<String, Object> a, ParamGroup[] groups) {
        switch (kind) {
            case "SGD":
                return new SGD(new SGD.Options().lr(d(a, "lr", 1e-3)).momentum(d(a, "momentum", 0))
                        .dampening(d(a, "dampening", 0)).weightDecay(d(a, "weight_decay", 0))
                        .nesterov(b(a, "nesterov")).maximize(b(a, "maximize")), groups);
            case "Adam":
            case "AdamW": {
                Adam.Options o = "Adam".equals(kind) ? new Adam.Options() : AdamW.options();
                o.lr(d(a, "lr", 1e-3)).eps(d(a, "eps", 1e-8)).amsgrad(b(a, "amsgrad")).maximize(b(a, "maximize"));
                if (a.containsKey("weight_decay")) o.weightDecay(d(a, "weight_decay", 0));
                if (a.containsKey("betas")) {
                    List<Object> bs = list(a.get("betas"));
                    o.betas(((Number) bs.get(0)).doubleValue(), ((Number) bs.get(1)).doubleValue());
                }
                return "Adam".equals(kind) ? new Adam(o, groups) : new AdamW(o, groups);
            }
            case "RMSprop":
                return new RMSprop(new RMSprop.Options().lr(d(a, "lr", 1e-2)).alpha(d(a, "alpha", 0.99))
                        .eps(d(a, "eps", 1e-8)).weightDecay(d(a, "weight_decay", 0)).momentum(d(a, "momentum", 0))
                        .centered(b(a, "centered")), groups);
            case "Adagrad":
                return new Adagrad(new Adagrad.Options().lr(d(a, "lr", 1e-2)).lrDecay(d(a, "lr_decay", 0))
                        .weightDecay(d(a, "weight_decay", 0)).initialAccumulatorValue(d(a, "initial_accumulator_value", 0))
                        .eps(d(a, "eps", 1e-10)), groups);
            default:
                throw new IllegalArgumentException("unknown optimizer " + kind);
        }
    }
}
