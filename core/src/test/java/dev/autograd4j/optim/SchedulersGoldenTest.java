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
import static dev.autograd4j.nn.NnGolden.ints;
import static dev.autograd4j.nn.NnGolden.list;
import static dev.autograd4j.nn.NnGolden.map;
import static dev.autograd4j.nn.NnGolden.num;

/**
 * Each lr scheduler against real PyTorch (golden/nn.json "schedulers"): the learning rate of every group after
 * construction and after each epoch, and for OneCycleLR the cycled momentum (SGD) or beta1 (Adam).
 */
class SchedulersGoldenTest {

    @TestFactory
    List<DynamicTest> schedulersMatchPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> c : NnGolden.cases("schedulers")) {
            tests.add(DynamicTest.dynamicTest((String) c.get("id"), () -> check(c)));
        }
        return tests;
    }

    private static void check(Map<String, Object> c) {
        Map<String, Object> oa = map(c.get("optimizer_args"));
        List<Object> groupLrs = c.get("group_lrs") == null ? null : list(c.get("group_lrs"));
        int n = groupLrs == null ? 1 : groupLrs.size();
        ParamGroup[] groups = new ParamGroup[n];
        for (int i = 0; i < n; i++) {
            groups[i] = ParamGroup.of(List.of(new Parameter(Tensor.zeros(1))));
            if (groupLrs != null) groups[i].set("lr", num(groupLrs.get(i)));
        }
        boolean sgd = "SGD".equals(c.get("optimizer"));
        Optimizer opt = sgd
                ? new SGD(new SGD.Options().lr(num(oa.get("lr"))).momentum(oa.containsKey("momentum") ? num(oa.get("momentum")) : 0), groups)
                : new Adam(new Adam.Options().lr(num(oa.get("lr"))), groups);
        Map<String, Object> a = map(c.get("args"));
        String kind = (String) c.get("scheduler");
        LRScheduler sched = null;
        ReduceLROnPlateau plateau = null;
        switch (kind) {
            case "StepLR" -> sched = new StepLR(opt, ((Number) a.get("step_size")).intValue(), num(a.get("gamma")));
            case "MultiStepLR" -> sched = new MultiStepLR(opt, ints(a.get("milestones")), num(a.get("gamma")));
            case "ExponentialLR" -> sched = new ExponentialLR(opt, num(a.get("gamma")));
            case "CosineAnnealingLR" -> sched = new CosineAnnealingLR(opt, ((Number) a.get("T_max")).intValue(), num(a.get("eta_min")));
            case "LinearLR" -> sched = new LinearLR(opt, num(a.get("start_factor")), num(a.get("end_factor")),
                    ((Number) a.get("total_iters")).intValue());
            case "OneCycleLR" -> sched = new OneCycleLR(opt, num(a.get("max_lr")), ((Number) a.get("total_steps")).intValue(),
                    num(a.get("pct_start")), (String) a.get("anneal_strategy"), true, 0.85, 0.95, 25.0, 1e4,
                    (Boolean) a.get("three_phase"));
            case "ReduceLROnPlateau" -> plateau = new ReduceLROnPlateau(opt, (String) a.get("mode"), num(a.get("factor")),
                    ((Number) a.get("patience")).intValue(), num(a.get("threshold")), (String) a.get("threshold_mode"),
                    ((Number) a.get("cooldown")).intValue(), num(a.get("min_lr")), 1e-8);
            default -> throw new IllegalArgumentException("unknown scheduler " + kind);
        }
        List<Object> lrs = list(c.get("lrs"));
        List<Object> moms = list(c.get("momenta"));
        List<Object> metrics = c.get("metrics") == null ? null : list(c.get("metrics"));
        for (int e = 0; e < lrs.size(); e++) {
            if (e > 0) {
                opt.step();
                if (plateau != null) plateau.step(num(metrics.get(e - 1)));
                else sched.step();
            }
            List<Object> expected = list(lrs.get(e));
            List<Object> expectedMom = list(moms.get(e));
            for (int g = 0; g < n; g++) {
                ParamGroup pg = opt.paramGroups().get(g);
                assertClose(num(expected.get(g)), pg.lr(), 1e-12, 1e-15, "lr of group " + g + " at epoch " + e);
                double mom = sgd ? pg.getDouble("momentum") : pg.getDoubles("betas")[0];
                assertClose(num(expectedMom.get(g)), mom, 1e-12, 1e-15, "momentum of group " + g + " at epoch " + e);
            }
        }
    }
}
