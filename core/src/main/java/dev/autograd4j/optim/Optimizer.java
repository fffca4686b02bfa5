package dev.autograd4j.optim;

import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.Autograd;
import dev.autograd4j.nn.Module;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The base of the optimizers: PyTorch's {@code torch.optim.Optimizer}. Holds parameter groups with per-group
 * options and per-parameter state; {@link #step()} updates the parameters in place under no-grad.
 *
 * <pre>{@code
 * var opt = new SGD(model.parameters(), 0.1);
 * loss.backward();
 * opt.step();
 * opt.zeroGrad();     // grads become null, as in PyTorch 2.x
 * }</pre>
 */
public abstract class Optimizer {
    private final Map<String, Object> defaults;
    private final List<ParamGroup> paramGroups = new ArrayList<>();
    private final Map<Tensor, Map<String, Object>> state = new IdentityHashMap<>();

    /** Groups plus the defaults that fill the options a group leaves out. */
    protected Optimizer(List<ParamGroup> groups, Map<String, Object> defaults) {
        this.defaults = new LinkedHashMap<>(defaults);
        if (groups.isEmpty()) throw new IllegalArgumentException("optimizer got an empty parameter list");
        for (ParamGroup g : groups) addParamGroup(g);
    }

    /** One group of these parameters. */
    protected static ParamGroup single(List<? extends Tensor> params) { return ParamGroup.of(params); }

    /** Adds a group, filling its missing options from the defaults: {@code opt.addParamGroup(ParamGroup.of(head.parameters()).set("lr", 0.01))}. */
    public void addParamGroup(ParamGroup group) {
        if (group.params().isEmpty()) throw new IllegalArgumentException("optimizer got an empty parameter list");
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ParamGroup g : paramGroups) seen.addAll(g.params());
        for (Tensor p : group.params()) {
            if (!p.isLeaf()) throw new IllegalArgumentException("can't optimize a non-leaf Tensor");
            if (!seen.add(p)) throw new IllegalArgumentException("some parameters appear in more than one parameter group");
        }
        for (var e : defaults.entrySet()) {
            if (!group.has(e.getKey())) {
                Object v = e.getValue();
                group.set(e.getKey(), v instanceof double[] d ? d.clone() : v);
            }
        }
        paramGroups.add(group);
    }

    /** The parameter groups (live; schedulers change their {@code lr}): {@code opt.paramGroups().get(0).lr()}. */
    public List<ParamGroup> paramGroups() { return Collections.unmodifiableList(paramGroups); }

    /** The default options: {@code opt.defaults().get("lr")}. */
    public Map<String, Object> defaults() { return Collections.unmodifiableMap(defaults); }

    /** The state of one parameter (empty before its first step): {@code opt.state(p).get("momentum_buffer")}. */
    public Map<String, Object> state(Tensor param) {
        Map<String, Object> s = state.get(param);
        return s == null ? Map.of() : Collections.unmodifiableMap(s);
    }

    /** The mutable state of a parameter, created on first use; for subclasses. */
    protected Map<String, Object> stateOf(Tensor param) { return state.computeIfAbsent(param, k -> new LinkedHashMap<>()); }

    /** Whether a parameter has any state yet: {@code opt.hasState(p)}. */
    public boolean hasState(Tensor param) { return state.containsKey(param); }

    /** Applies one update to every parameter that has a gradient (run without grad): {@code opt.step()}. */
    public final void step() {
        try (var ng = Autograd.noGrad()) {
            for (ParamGroup g : paramGroups) {
                for (Tensor p : g.params()) if (p.grad() != null) update(p, p.grad(), g);
            }
        }
    }

    /** Re-evaluates the loss with grad enabled, then steps; returns the loss: {@code opt.step(() -> { opt.zeroGrad(); Tensor l = f(); l.backward(); return l; })}. */
    public Tensor step(Supplier<Tensor> closure) {
        Tensor loss;
        try (var eg = Autograd.enableGrad()) { loss = closure.get(); }
        step();
        return loss;
    }

    /** Updates one parameter from its gradient with its group's options; runs under no-grad. */
    protected abstract void update(Tensor param, Tensor grad, ParamGroup group);

    /** Sets every parameter's grad to null (PyTorch 2.x default): {@code opt.zeroGrad()}. */
    public void zeroGrad() { zeroGrad(true); }

    /** {@code setToNone}: grads become null; otherwise they are zeroed in place (1.13 default): {@code opt.zeroGrad(false)}. */
    public void zeroGrad(boolean setToNone) {
        for (ParamGroup g : paramGroups) Module.zeroGrads(g.params(), setToNone);
    }

    // ---- state dict ----------------------------------------------------------------------------------------

    /**
     * PyTorch's layout: {@code "state"} maps a parameter's index (counted across groups) to its state, and
     * {@code "param_groups"} lists each group's options with {@code "params"} as indices: {@code opt.stateDict()}.
     */
    public Map<String, Object> stateDict() {
        Map<Integer, Map<String, Object>> packed = new LinkedHashMap<>();
        List<Map<String, Object>> groups = new ArrayList<>();
        int index = 0;
        for (ParamGroup g : paramGroups) {
            Map<String, Object> opts = new LinkedHashMap<>();
            for (var e : g.options().entrySet()) opts.put(e.getKey(), e.getValue() instanceof double[] d ? d.clone() : e.getValue());
            List<Integer> ids = new ArrayList<>();
            for (Tensor p : g.params()) {
                if (state.containsKey(p)) packed.put(index, new LinkedHashMap<>(state.get(p)));
                ids.add(index++);
            }
            opts.put("params", ids);
            groups.add(opts);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", packed);
        out.put("param_groups", groups);
        return out;
    }

    /** Restores options and state saved by {@link #stateDict()} (tensors are copied); throws and changes nothing on a layout mismatch. */
    @SuppressWarnings("unchecked")
    public void loadStateDict(Map<String, Object> stateDict) {
        List<Map<String, Object>> groups = (List<Map<String, Object>>) stateDict.get("param_groups");
        Map<Integer, Map<String, Object>> saved = (Map<Integer, Map<String, Object>>) stateDict.get("state");
        if (groups == null || saved == null) throw new IllegalArgumentException("state dict needs \"state\" and \"param_groups\"");
        if (groups.size() != paramGroups.size()) {
            throw new IllegalArgumentException("loaded state dict has a different number of parameter groups");
        }
        Map<Integer, Tensor> byIndex = new LinkedHashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            List<Integer> ids = (List<Integer>) groups.get(i).get("params");
            List<Tensor> ps = paramGroups.get(i).params();
            if (ids == null || ids.size() != ps.size()) {
                throw new IllegalArgumentException("loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
            }
            for (int k = 0; k < ids.size(); k++) byIndex.put(ids.get(k), ps.get(k));
        }
        for (var e : saved.entrySet()) {
            if (!byIndex.containsKey(e.getKey())) {
                throw new IllegalArgumentException("loaded state dict has state for parameter " + e.getKey() + " that is not in any group");
            }
        }
        state.clear();
        try (var ng = Autograd.noGrad()) {
            for (var e : saved.entrySet()) {
                Tensor p = byIndex.get(e.getKey());
                Map<String, Object> s = new LinkedHashMap<>();
                for (var kv : e.getValue().entrySet()) {
                    Object v = kv.getValue();
                    if (v instanceof Tensor t) {
                        // PyTorch casts floating state to the parameter's dtype, except the step counter.
                        Tensor c = t.detach().clone();
                        v = !"step".equals(kv.getKey()) && c.dtype().isFloatingPoint() ? c.to(p.dtype()) : c;
                    }
                    s.put(kv.getKey(), v);
                }
                state.put(p, s);
            }
        }
        for (int i = 0; i < groups.size(); i++) {
            for (var kv : groups.get(i).entrySet()) {
                if ("params".equals(kv.getKey())) continue;
                Object v = kv.getValue();
                paramGroups.get(i).set(kv.getKey(), v instanceof double[] d ? d.clone() : v);
            }
        }
    }

    // ---- shared helpers --------------------------------------------------------------------------------------

    /** Python's {@code str} of a number in an error text: {@code -1} for an integral value, else {@code 0.5}. */
    protected static String num(double v) {
        if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** The counter in a state map, stored as a float32 scalar tensor as PyTorch 2.x does; incremented and returned. */
    protected static double incrementStep(Map<String, Object> s) {
        Tensor step = (Tensor) s.get("step");
        step.add_(1.0);
        return step.item();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append(" (");
        for (int i = 0; i < paramGroups.size(); i++) {
            sb.append("\nParameter Group ").append(i);
            for (var e : new java.util.TreeMap<>(paramGroups.get(i).options()).entrySet()) {
                Object v = e.getValue();
                String s = v instanceof double[] d ? "(" + d[0] + ", " + d[1] + ")"
                        : v instanceof Boolean b ? (b ? "True" : "False") : String.valueOf(v);
                sb.append("\n    ").append(e.getKey()).append(": ").append(s);
            }
        }
        return sb.append("\n)").toString();
    }
}
