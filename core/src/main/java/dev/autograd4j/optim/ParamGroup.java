package dev.autograd4j.optim;

import dev.autograd4j.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters that share optimizer options (PyTorch's {@code param_groups} entry). Options use PyTorch's keys
 * ({@code "lr"}, {@code "momentum"}, {@code "weight_decay"}, {@code "betas"}, ...); those a group does not set are
 * filled from the optimizer's defaults.
 *
 * <pre>{@code
 * var opt = new SGD(new SGD.Options().lr(0.1),
 *                   ParamGroup.of(model.layer1.parameters()).set("lr", 0.01),
 *                   ParamGroup.of(model.layer2.parameters()));
 * }</pre>
 */
public final class ParamGroup {
    private final List<Tensor> params;
    private final Map<String, Object> options = new LinkedHashMap<>();

    private ParamGroup(List<? extends Tensor> params) { this.params = new ArrayList<>(params); }

    /** A group of these parameters with no options of its own yet: {@code ParamGroup.of(model.parameters())}. */
    public static ParamGroup of(List<? extends Tensor> params) { return new ParamGroup(params); }

    /** Sets an option (a Double, Boolean or double[]); returns this: {@code group.set("lr", 0.01)}. */
    public ParamGroup set(String key, Object value) {
        if ("params".equals(key)) throw new IllegalArgumentException("params is not an option");
        options.put(key, value instanceof Number n && !(value instanceof Double) ? n.doubleValue() : value);
        return this;
    }

    /** The parameters (a live list): {@code group.params().size()}. */
    public List<Tensor> params() { return params; }

    /** The options by PyTorch key (a live map): {@code group.options().get("momentum")}. */
    public Map<String, Object> options() { return options; }

    /** Whether an option is set: {@code group.has("momentum")}. */
    public boolean has(String key) { return options.containsKey(key); }

    /** A numeric option: {@code group.getDouble("weight_decay")}. */
    public double getDouble(String key) { return ((Number) require(key)).doubleValue(); }

    /** A boolean option: {@code group.getBoolean("nesterov")}. */
    public boolean getBoolean(String key) { return (Boolean) require(key); }

    /** A pair option such as betas: {@code group.getDoubles("betas")[0]}. */
    public double[] getDoubles(String key) { return (double[]) require(key); }

    /** The learning rate: {@code group.lr()}. */
    public double lr() { return getDouble("lr"); }

    /** Sets the learning rate (what schedulers do): {@code group.setLr(0.01)}. */
    public void setLr(double lr) { options.put("lr", lr); }

    private Object require(String key) {
        Object v = options.get(key);
        if (v == null) {
            throw new IllegalArgumentException("parameter group didn't specify a value of required optimization parameter " + key);
        }
        return v;
    }
}
